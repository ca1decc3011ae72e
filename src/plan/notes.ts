// What the user should know before writing: how each package manager and release tool
// publishes, and what would stop the first release. Plain sentences, one per fact.
import { RELEASE_TOOL_MINIMUM, type Answers, type Detected, type PackageInfo, type ReleaseTool } from '../core/model.js';
import { publishableCandidates } from '../questions/packages.js';
import { installCommand } from '../render/commands.js';

/** A release tool the flow needs that is missing or too old: the upgrade to make first. */
export interface ToolUpgrade {
  tool: ReleaseTool;
  /** The declared range, when there is one. */
  current?: string;
  /** The first version that publishes with trusted publishing, e.g. `25.0.1`. */
  minimum: string;
}

/**
 * The first release of each tool that works with trusted publishing: OIDC arrived in
 * @semantic-release/npm 13.1.0, and semantic-release 25.0.1 is the first to require it
 * (25.0.0 still allowed an older plugin). Detection compares majors (RELEASE_TOOL_MINIMUM);
 * the upgrade names the exact version.
 */
export const FIRST_WITH_OIDC: Record<ReleaseTool, string> = {
  'semantic-release': '25.0.1',
  '@semantic-release/npm': '13.1.0',
  '@changesets/cli': '3',
};

/** The tools the chosen flow runs, when package.json declares an old one or none. */
export function toolUpgrades(d: Detected, answers: Pick<Answers, 'release'>): ToolUpgrade[] {
  const needed: ReleaseTool[] =
    answers.release === 'semantic-release' ? ['semantic-release'] : answers.release === 'changesets' ? ['@changesets/cli'] : [];
  const tools = d.release?.tools ?? {};
  const upgrades: ToolUpgrade[] = [];
  for (const tool of needed) {
    const declared = tools[tool];
    const minimum = FIRST_WITH_OIDC[tool];
    if (declared?.major !== undefined && declared.major >= RELEASE_TOOL_MINIMUM[tool]) continue;
    if (declared && declared.major === undefined) continue; // a tag or URL: cannot tell, do not nag
    upgrades.push(declared ? { tool, current: declared.range, minimum } : { tool, minimum });
  }
  // A pinned @semantic-release/npm older than 13 keeps failing even under semantic-release 25.0.1.
  const plugin = tools['@semantic-release/npm'];
  if (answers.release === 'semantic-release' && plugin?.major !== undefined && plugin.major < RELEASE_TOOL_MINIMUM['@semantic-release/npm']) {
    upgrades.push({ tool: '@semantic-release/npm', current: plugin.range, minimum: FIRST_WITH_OIDC['@semantic-release/npm'] });
  }
  return upgrades;
}

function upgradeNote(u: ToolUpgrade): string {
  const what = u.current ? `package.json asks for ${u.tool} ${u.current}` : `${u.tool} is not in package.json`;
  const why =
    u.tool === '@changesets/cli'
      ? 'changesets/action v2 refuses Changesets CLI v2'
      : 'older versions cannot publish with trusted publishing (ENONPMTOKEN)';
  return `${what}: the workflow needs ${u.tool} ${u.minimum} or newer (${why}). Upgrade it before the first release — see the checklist.`;
}

/** How this package manager installs and publishes, for the chosen flow. */
function packageManagerNotes(d: Detected, answers: Answers, pack: boolean, targets: readonly PackageInfo[]): string[] {
  const pm = answers.packageManager;
  const classic = pm === 'yarn' && d.packageManager.yarnClassic === true;
  const notes: string[] = [];
  const npmPublishes = answers.release !== 'changesets' && answers.release !== 'semantic-release';
  if (pm === 'bun' && npmPublishes) notes.push('The workflow installs with bun and publishes with npm: bun publish cannot publish with trusted publishing.');
  if (classic && npmPublishes) notes.push('Yarn 1: the workflow installs with yarn install --frozen-lockfile and falls back to npm publish (Yarn 1 cannot publish with trusted publishing).');
  if (pm === 'yarn' && !classic && npmPublishes) notes.push('The workflow installs with yarn and publishes with npm: yarn npm publish needs Yarn 4.10.3 or newer for trusted publishing, npm works with any.');
  if (pack && npmPublishes) {
    const names = targets.filter((p) => p.workspaceRanges?.length).map((p) => p.name).join(', ');
    notes.push(
      `${names} depend${names.includes(', ') ? '' : 's'} on workspace: or catalog: ranges, which npm publish would ship as written: ` +
        `the workflow packs with ${pm} (which writes real versions) and npm publishes the tarball. prepublishOnly scripts do not run that way; prepack and prepare do.`,
    );
  }
  if (answers.release === 'changesets') {
    if (classic) notes.push('Changesets CLI v3 (which changesets/action v2 needs) does not support Yarn 1: move to Yarn 4 or another package manager first.');
    else if (pm === 'yarn') notes.push('changeset publish runs yarn npm publish, which needs Yarn 4.10.3 or newer for trusted publishing.');
    if (pm === 'bun' && targets.some((p) => p.workspaceRanges?.length)) {
      notes.push('changeset publish publishes bun workspaces with npm publish, which leaves workspace: ranges as written: replace them with version ranges before releasing.');
    }
    if (pm === 'pnpm') notes.push('changeset publish runs pnpm publish: pnpm 10 hands it to npm (11.5.1+, checked by the workflow); pnpm 11 does its own OIDC exchange.');
  }
  return notes;
}

/** Said when no lockfile is in reach of the folder the job installs in (see detect/lockfile-reach.ts). */
export function noLockfileNote(pm: Answers['packageManager'], dir: string): string {
  return `No lockfile in ${dir || 'the repository root'}: the job runs ${installCommand(pm, false)}; commit one there, then use ${installCommand(pm, true)}.`;
}

export interface NotesInput {
  detected: Detected;
  answers: Answers;
  targets: readonly PackageInfo[];
  pack: boolean;
  /** Packages whose package.json "repository" does not match, left as they are. */
  unfixed: readonly PackageInfo[];
  branchNote?: string;
}

export function planNotes({ detected: d, answers, targets, pack, unfixed, branchNote }: NotesInput): string[] {
  const notes: string[] = [];
  for (const p of unfixed) {
    const file = p.dir ? `${p.dir}/package.json` : 'package.json';
    const directory = p.dir ? ` ("directory": "${p.dir}" is suggested, not required)` : '';
    notes.push(`${file} "repository" does not name ${answers.repo}: npm will refuse the publish (E422) until it does${directory}.`);
  }
  notes.push(...toolUpgrades(d, answers).map(upgradeNote));
  notes.push(...packageManagerNotes(d, answers, pack, targets));
  if (answers.release === 'changesets') {
    const others = publishableCandidates(d).filter((p) => !targets.includes(p)).map((p) => p.name);
    if (others.length > 0) {
      notes.push(`changeset publish publishes every public package with a new version, also ${others.join(', ')}: add trusted publishers for them too, or mark them "private": true.`);
    }
  }
  if (answers.release === 'staged') {
    notes.push('Staged publishing: each version the workflow stages waits until a maintainer approves it with 2FA on npmjs.com ("Staged Packages" tab).');
  }
  if (branchNote) notes.push(branchNote);
  return notes;
}
