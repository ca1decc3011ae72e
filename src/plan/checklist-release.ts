// The checklist steps that depend on the release flow: upgrading the release tool, making
// the first release, and approving a staged version.
import { BRANCH_FLOWS, type Answers, type ChecklistItem, type PackageManager, type RepoRef } from '../core/model.js';
import type { ToolUpgrade } from './notes.js';
import { shellCommand, shellWord } from '../text/shell.js';
import { releaseTag, type TagFilters } from './release-tag.js';
import { pushStarts, type WorkflowStart } from './workflow-start.js';

export interface ReleasePackage {
  name: string;
  version?: string;
  /** Its package.json is written in CI, and so is its version. */
  ci?: boolean;
}

export interface ReleaseStepInput {
  answers: Answers;
  repo: RepoRef;
  packages: ReleasePackage[];
  /** True at a monorepo root: tags name a package (`<name>@<version>`) or all of them (`v<version>`). */
  monorepo: boolean;
  branch: string;
  /** The workflow's own push tag filters (a migrated one keeps them): the tag pushed must match. */
  tagFilters?: TagFilters;
  /** The packages are ones CI builds: their version is the one the build writes. */
  built?: boolean;
  /** How the workflow (a migrated one, as written) is started: the step follows it where the release flow does not start it. */
  started?: WorkflowStart;
}

const DEV_INSTALL: Record<PackageManager, string> = {
  npm: 'npm install --save-dev',
  pnpm: 'pnpm add --save-dev',
  yarn: 'yarn add --dev',
  bun: 'bun add --dev',
};

export function upgradeStep(upgrades: readonly ToolUpgrade[], pm: PackageManager): ChecklistItem | undefined {
  if (upgrades.length === 0) return undefined;
  const specs = upgrades.map((u) => `${u.tool}@^${u.minimum}`);
  return {
    id: 'upgrade-release-tool',
    title: `Upgrade ${upgrades.map((u) => u.tool).join(' and ')} first`,
    detail:
      `${specs.join(', ')} or newer is what publishes with trusted publishing; the version in package.json ` +
      'does not, and the first release would fail. Commit the upgraded lockfile with the workflow (next step).',
    command: `${DEV_INSTALL[pm]} ${specs.map(shellWord).join(' ')}`,
  };
}

/** What to say when package.json has no "version": never a made-up one. */
export const NO_VERSION =
  'package.json has no "version": add one first, then tag v<version>.';

/**
 * The tag a first release uses: `v<version>` for one package, or when all share a version;
 * undefined when the version is missing (the checklist then says to add one).
 */
function firstTag(input: ReleaseStepInput): string | undefined {
  const [first] = input.packages;
  const version = first?.version;
  if (version === undefined) return undefined;
  if (!input.monorepo) return `v${version}`;
  const shared = input.packages.every((p) => p.version === first?.version);
  return shared ? `v${version}` : `${first?.name ?? 'package'}@${version}`;
}

function triggeredRelease(input: ReleaseStepInput, base: ChecklistItem): ChecklistItem {
  const { answers, repo } = input;
  const first = firstTag(input);
  // No package.json in the repository (CI writes it): its version is set there too.
  if (first === undefined && answers.trigger !== 'manual') return { ...base, detail: `${base.detail} ${input.built || input.packages.every((p) => p.ci) ? 'The tag is v<version>, the version the build writes into package.json.' : NO_VERSION}` };
  const version = input.packages[0]?.version;
  const matching = first !== undefined && version !== undefined && input.tagFilters ? releaseTag(first, version, input.tagFilters) : undefined;
  const tag = shellWord(answers.trigger === 'tag' ? (matching ?? first ?? '') : (first ?? ''));
  const monorepoDetail = input.monorepo
    ? ' A tag <name>@<version> releases that package; v<version> releases every package at that version; versions already on npm are skipped.'
    : '';
  const detail = base.detail + monorepoDetail;
  switch (answers.trigger) {
    case 'release':
      return { ...base, detail, command: `gh release create ${tag} --generate-notes` };
    case 'tag':
      return { ...base, detail, command: `git tag ${tag} && git push origin ${tag}` };
    case 'manual':
      // Required inputs without a default: gh refuses the start without them.
      return { ...base, detail, command: shellCommand('gh', 'workflow', 'run', answers.workflow, '--repo', `${repo.owner}/${repo.name}`, ...(input.started?.inputs ?? []).flatMap((name) => ['-f', `${name}=<value>`])) };
  }
}

/** The step for a workflow by what starts it: a GitHub release, a tag push, a hand start, a push to a branch, a pull request. */
function startedRelease(input: ReleaseStepInput, base: ChecklistItem, started: WorkflowStart): ChecklistItem {
  const by = (trigger: Answers['trigger']) => triggeredRelease({ ...input, answers: { ...input.answers, trigger } }, base);
  if (started.dispatch) return by('manual');
  if (started.release) return by('release');
  if (started.tag) return by('tag');
  const soon = 'Do it soon: a new trusted publisher that sees no publish for about two days may expire.';
  if (started.branchPush.length > 0) {
    const named = started.branchPush.find((b) => !/[*?[\]!]/.test(b));
    if (named === undefined && started.branchesIgnored.length > 0) {
      return { ...base, detail: `Push a commit to a branch other than ${started.branchesIgnored.join(', ')}: the workflow publishes on that push. ${soon}` };
    }
    return { ...base, detail: `Push a commit to ${named ?? input.branch}: the workflow publishes on that push. ${soon}` };
  }
  if (started.pullRequest) return { ...base, detail: `Open or update a pull request the workflow runs on (its on: pull_request block says which): it publishes from there. ${soon}` };
  return base;
}

export function releaseStep(input: ReleaseStepInput): ChecklistItem {
  const base: ChecklistItem = {
    id: 'publish',
    title: 'Publish a release with the new workflow, soon',
    detail:
      'A new trusted publisher that sees no publish for about two days may expire. ' +
      'Bump the version first if this one is already on npm.',
  };
  const branch = input.branch;
  const started = input.started;
  // A workflow the release tool's branch flow does not start (a snapshot on dispatch, a canary from pull
  // requests), or a publish on a trigger that is not a hand start: the step says how this workflow starts.
  const branchFlow = BRANCH_FLOWS.includes(input.answers.release) && started !== undefined && !pushStarts(started, branch);
  const notByHand = !BRANCH_FLOWS.includes(input.answers.release) && input.answers.trigger === 'manual' && started !== undefined && !started.dispatch;
  if (started && (branchFlow || notByHand)) return startedRelease(input, input.answers.release === 'staged' ? { ...base, title: 'Stage a release with the new workflow, soon' } : base, started);
  switch (input.answers.release) {
    case 'publish':
      return triggeredRelease(input, base);
    case 'staged':
      return triggeredRelease(input, { ...base, title: 'Stage a release with the new workflow, soon' });
    case 'changesets':
      return {
        ...base,
        detail: `Add a changeset and merge it into ${branch}; the workflow opens a "Version Packages" pull request. Merging that one publishes. Do it soon: a new trusted publisher that sees no publish for about two days may expire.`,
        command: 'npx changeset',
      };
    case 'release-please':
      return {
        ...base,
        detail: `Merge a fix: or feat: commit into ${branch}; release-please opens a release pull request. Merging that one tags, creates the GitHub release and publishes. Do it soon: a new trusted publisher that sees no publish for about two days may expire.`,
      };
    case 'semantic-release':
      return {
        ...base,
        detail: `Push a fix: or feat: commit to ${branch}: semantic-release works out the version and publishes. Do it soon: a new trusted publisher that sees no publish for about two days may expire.`,
      };
  }
}

/** Staged publishing: the version waits on npmjs.com until a maintainer approves it with 2FA. */
export function approveStep(packages: readonly ReleasePackage[]): ChecklistItem {
  const [first] = packages;
  return {
    id: 'approve',
    title: 'Approve the staged version on npmjs.com',
    detail:
      'Open the package on npmjs.com, "Staged Packages" tab, and approve it with 2FA (or npm stage approve <id> from a logged-in terminal). ' +
      'Until then nobody can install it.' +
      (packages.length > 1 ? `\n${packages.map((p) => `https://www.npmjs.com/package/${p.name}`).join('\n')}` : ''),
    command: packages.map((p) => `npm stage list ${p.name}`).join(' && '),
    url: first ? `https://www.npmjs.com/package/${first.name}` : undefined,
  };
}
