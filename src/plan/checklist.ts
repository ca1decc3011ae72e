// The steps after writing, in the order that cannot lock the user out: the new path must
// have published once (with provenance) before tokens are disallowed and revoked.
import type { Answers, ChecklistItem, Detected, RepoRef, TokenUse } from '../core/model.js';
import { BRANCH_FLOWS } from '../core/model.js';
import { accessUrl, allowedAction, builtPlaces, githubTrust, severalBuilt, UNNAMED_PACKAGE } from '../npm/publisher.js';
import { githubTrustFlags } from '../npm/trust-command.js';
import { shellCommand, shellWord } from '../text/shell.js';
import { approveStep, releaseStep, upgradeStep, type ReleasePackage } from './checklist-release.js';
import type { TagFilters } from './release-tag.js';
import type { WorkflowStart } from './workflow-start.js';
import { commitItem, disallowTokensItem, otherUrls, revokeTokenItem } from './checklist-common.js';
import type { ToolUpgrade } from './notes.js';

/** A step that does not publish and still reads a token secret; `administers` when it runs npm dist-tag or the like. */
type SecretReader = { file: string; line: number; secret: string; administers?: boolean };

export interface ChecklistInput {
  detected: Detected;
  answers: Answers;
  repo: RepoRef;
  packages: ReleasePackage[];
  /** Files the plan writes, relative to the repository root. */
  written: string[];
  /** Path of the new workflow relative to the repository root. */
  workflowPath: string;
  /** True at a monorepo root. */
  monorepo?: boolean;
  /** The branch the release flows run on. */
  branch?: string;
  /** Release tools to upgrade before the first release. */
  upgrades?: ToolUpgrade[];
  /** The workflow also publishes a package only its CI build names (the trusted publisher goes on its page). */
  unnamed?: boolean;
  /** The packages are ones CI builds (their package.json, version included, is written there). */
  built?: boolean;
  /** The folders the unnamed packages are published from, when known (one package each). */
  unnamedDirs?: readonly string[];
  /** Lines that read a token secret and do not publish (a checkout, a login elsewhere): that secret is kept, not deleted. */
  secretReaders?: ReadonlyArray<SecretReader>;
  /** The workflow's own push tag filters, for the first release's tag. */
  tagFilters?: TagFilters;
  /** How the migrated workflow is started (the "publish a release" step follows it). */
  started?: WorkflowStart;
}

/** A repository secret's name: not GITHUB_TOKEN (GitHub's own per-run token) nor any GITHUB_ name, which no secret may take. */
const repositorySecret = (name: string | undefined): name is string => Boolean(name) && !/^GITHUB_/i.test(name!);

/** Secrets that fed npm tokens in the repository's workflows (names only), repository secrets only. */
export function tokenSecrets(uses: readonly TokenUse[]): string[] {
  const names = new Set(uses.map((u) => u.secret).filter(repositorySecret));
  return names.size > 0 ? [...names].sort() : ['NPM_TOKEN'];
}

/** One `npm trust` per package, with the pause npm's docs suggest between calls. */
/** What to do with a secret that steps which do not publish still read. */
function keptDetail(kept: readonly SecretReader[]): string {
  const at = (uses: readonly SecretReader[]) => uses.map((u) => `${u.file}:${u.line}`).join(', ');
  const admin = kept.filter((u) => u.administers);
  const others = kept.filter((u) => !u.administers);
  const readers = others.length > 0
    ? `Steps that do not publish still read it (${at(others)}). If it is an npm token, swap in a read-only token there first (a new secret), then delete it; if it is another credential, keep it.`
    : '';
  // npm dist-tag, deprecate, owner, access: the npm CLI exchanges the OIDC token for publish only.
  const writers = admin.length > 0
    ? `Steps that run npm dist-tag, deprecate or the like read it (${at(admin)}): trusted publishing does not cover them, so they need a token that can write: put a new granular token limited to these packages in this secret before you revoke the old one, or remove those steps.`
    : '';
  return [readers, writers].filter(Boolean).join(' ');
}

function trustAllStep(input: ChecklistInput): ChecklistItem {
  const names = input.packages.map((p) => shellWord(p.name)).join(' ');
  return {
    id: 'publisher:all',
    title: `Or add all ${input.packages.length} trusted publishers from a terminal`,
    detail: 'npm trust configures one package per call and needs an interactive npm login with 2FA (npm 11.15 or newer).',
    command: `for p in ${names}; do npm trust github "$p" ${shellCommand(...githubTrustFlags(githubTrust(input.repo, input.answers)))} --yes; sleep 2; done`,
  };
}

function environmentStep(input: ChecklistInput, slug: string, environment: string): ChecklistItem {
  const branchFlow = BRANCH_FLOWS.includes(input.answers.release);
  return {
    id: 'environment',
    title: `Protect the "${environment}" environment`,
    detail: branchFlow
      ? `This job runs on every push to ${input.branch ?? 'the default branch'}: allow only that branch to deploy. Required reviewers would ask for approval on every push.`
      : 'Add required reviewers and allow only release tags to deploy, so no one publishes without a second look.',
    url: `https://github.com/${slug}/settings/environments`,
  };
}


export function checklist(input: ChecklistInput): ChecklistItem[] {
  const { detected, answers, repo, packages } = input;
  const slug = `${repo.owner}/${repo.name}`;
  const names = packages.map((p) => p.name);
  const items: ChecklistItem[] = [];

  // Before the commit: the upgraded lockfile goes out with the workflow.
  const upgrade = upgradeStep(input.upgrades ?? [], answers.packageManager);
  if (upgrade) items.push(upgrade);
  items.push(commitItem(input.written, 'Commit and push the workflow', 'GitHub runs the workflow from the default branch: push it before the first release.'));
  const allow = allowedAction(answers);
  // Stage publish is always allowed; "Allow npm publish" is the optional tick a staged flow leaves off.
  const tick = allow === 'npm stage publish' ? 'leave "Allow npm publish" unticked' : 'tick "Allow npm publish"';
  for (const name of names) {
    items.push({
      id: `publisher:${name}`,
      title: `Add the trusted publisher for ${name} on npmjs.com`,
      detail: `Values: ${repo.owner} / ${repo.name} / ${answers.workflow} / ${answers.environment ?? '(no environment)'}; ${tick}.`,
      url: accessUrl(name),
    });
  }
  if (input.unnamed) {
    items.push({
      id: 'publisher:unnamed',
      title: severalBuilt(input.unnamedDirs ?? [])
        ? `Add the trusted publisher for each package this workflow builds (${builtPlaces(input.unnamedDirs!)}) on npmjs.com`
        : `Add the trusted publisher for ${UNNAMED_PACKAGE}${input.unnamedDirs?.length === 1 ? ` in ${input.unnamedDirs[0]}` : ''} on npmjs.com`,
      detail: `${severalBuilt(input.unnamedDirs ?? []) ? 'Their names are set when CI builds them, not in this repository: open each package\'s' : 'Its name is set when CI builds it, not in this repository: open that package\'s'} settings page (${accessUrl('<its name>')}) and enter ${repo.owner} / ${repo.name} / ${answers.workflow} / ${answers.environment ?? '(no environment)'}; ${tick}.`,
    });
  }
  if (names.length > 1) items.push(trustAllStep(input));
  if (answers.environment) items.push(environmentStep(input, slug, answers.environment));
  items.push(releaseStep({ answers, repo, packages, monorepo: input.monorepo ?? false, branch: input.branch ?? 'main', ...(input.tagFilters ? { tagFilters: input.tagFilters } : {}), ...(input.started ? { started: input.started } : {}), ...(input.built ? { built: true } : {}) }));
  if (answers.release === 'staged') items.push(approveStep(packages));
  const page = (n: string) => `https://www.npmjs.com/package/${n}`;
  items.push({
    id: 'provenance',
    title: 'Confirm the release has provenance',
    detail:
      'The package page shows a provenance badge; the version document lists attestations. That is the proof the move worked.' +
      otherUrls(names, page),
    ...(names.length > 0 ? { command: names.map((n) => `npm view ${shellWord(n)} dist.attestations`).join(' && ') } : {}),
    url: names[0] ? page(names[0]) : undefined,
  });
  items.push(disallowTokensItem(names), revokeTokenItem());

  const uses = detected.workflows.flatMap((w) => w.tokenUses);
  for (const secret of tokenSecrets(uses)) {
    // A secret that steps which do not publish also read (a checkout, a login to another
    // registry): deleting it would break them.
    const kept = (input.secretReaders ?? []).filter((u) => u.secret === secret);
    if (kept.length > 0) {
      items.push({
        id: `secret:${secret}`,
        title: `Keep the ${secret} secret until nothing else reads it`,
        detail: keptDetail(kept),
        url: `https://github.com/${slug}/settings/secrets/actions`,
      });
      continue;
    }
    items.push({
      id: `secret:${secret}`,
      // No workflow here names a token secret: the usual name, in case one is left over.
      title: uses.some((u) => repositorySecret(u.secret)) ? `Delete the ${secret} repository secret` : `Delete the ${secret} repository secret, if there is one`,
      detail:
        'Nothing publishes with it any more. If a workflow uses it only to install private packages, ' +
        'replace it with a read-only token instead.',
      command: shellCommand('gh', 'secret', 'delete', secret, '--repo', slug),
      url: `https://github.com/${slug}/settings/secrets/actions`,
    });
  }
  const others = uses.filter((u) => !input.written.includes(u.file));
  if (others.length > 0) {
    items.push({
      id: 'token-env',
      title: 'Remove token env from other workflows',
      detail: others.map((u) => `${u.file}:${u.line} ${u.what}${u.secret ? ` (secrets.${u.secret})` : ''}`).join('\n'),
    });
  }
  return items;
}
