// WorkflowInput -> the values the templates read. Data from the user or the repository is
// checked here (names, folders, branch) and reaches the YAML only through the `yaml` and
// `exprString` helpers; commands are constants from commands.ts.
import { BRANCH_FLOWS, type ReleaseFlow, type RepoRef } from '../../core/model.js';
import { eachWorkspaceCommand, installLine, localBin, packCommand, publishCommand, scriptCommand } from '../../render/commands.js';
import type { WorkflowInput, WorkflowPackage } from './workflow.js';
import { isGithubOwner, isGithubRepoName } from '../../validate/github.js';
import { parseRepoDir } from '../../validate/paths.js';
import { bundlesOidcNpm, NPM_OIDC_MIN, NPM_STAGE_MIN } from '../../npm/versions.js';

function repoSlug(repo: RepoRef): string {
  if (!isGithubOwner(repo.owner) || !isGithubRepoName(repo.name)) {
    throw new Error(`not a GitHub repository name: ${JSON.stringify(`${repo.owner}/${repo.name}`)}`);
  }
  return `${repo.owner}/${repo.name}`;
}

/** The major version in `24`, `v22.14.0`, `22.x`; undefined for `lts/*`, `latest` and the like. */
export function nodeMajor(node: string): number | undefined {
  const match = /^v?(\d+)(?:$|[.x])/.exec(node.trim());
  return match ? Number(match[1]) : undefined;
}

/** Normalises `./packages/a/` to `packages/a`; rejects paths that leave the repository. */
function insideRepoDir(dir: string): string {
  const parsed = parseRepoDir(dir);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

/** A folder the publish loop reads line by line (a line break would split it in two); '.' for the root. */
function loopDir(dir: string): string {
  const normal = insideRepoDir(dir);
  if (/[\u0000-\u001f\u007f\u0085\u2028\u2029]/.test(normal)) {
    throw new Error(`workspace package directory must not contain control characters: ${JSON.stringify(dir)}`);
  }
  return normal || '.';
}

/**
 * A branch name that means itself in `branches:` (GitHub reads `*`, `?`, `[`, `!` and `+`
 * as pattern characters there).
 */
function branchName(branch: string | undefined): string {
  const value = branch ?? 'main';
  if (!/^[A-Za-z0-9._/-]+$/.test(value) || value.startsWith('-') || value.includes('..')) {
    throw new Error(`branch name with characters GitHub would read as a pattern: ${JSON.stringify(value)}`);
  }
  return value;
}

/** The release tool's command, run from the installed dev dependencies. */
function toolCommand(input: WorkflowInput & { release: ReleaseFlow }): string | null {
  if (input.release === 'changesets') return localBin(input.packageManager, 'changeset publish');
  if (input.release === 'semantic-release') return localBin(input.packageManager, 'semantic-release');
  return null;
}

function buildSteps(input: WorkflowInput, monorepo: boolean): { buildCommand: string | null; buildEach: { title: string; dir: string }[] } {
  if (input.hasBuild) return { buildCommand: scriptCommand(input.packageManager, 'build'), buildEach: [] };
  const builds: WorkflowPackage[] = monorepo ? (input.workspaceBuilds ?? []) : [];
  if (builds.length === 0) return { buildCommand: null, buildEach: [] };
  const each = eachWorkspaceCommand(input.packageManager, input.yarnClassic === true, 'build');
  if (each) return { buildCommand: each, buildEach: [] };
  return { buildCommand: null, buildEach: builds.map((p) => ({ title: `Build ${p.name}`, dir: loopDir(p.dir) })) };
}

export function workflowContext(input: WorkflowInput & { release: ReleaseFlow }): object {
  const { release, packageManager: pm } = input;
  const major = nodeMajor(input.node);
  const staged = release === 'staged';
  const monorepo = input.packages !== undefined;
  const packages = (input.packages ?? []).map((p) => ({ name: p.name, dir: loopDir(p.dir) }));
  if (monorepo && packages.length === 0) throw new Error('a monorepo workflow needs at least one package');
  const branchFlow = BRANCH_FLOWS.includes(release);
  const npmMinimum = staged ? NPM_STAGE_MIN : NPM_OIDC_MIN;
  const oldNode = major !== undefined && !bundlesOidcNpm(major);
  return {
    repoSlug: repoSlug(input.repo),
    release,
    staged,
    verb: staged ? 'stages' : 'publishes',
    trigger: input.trigger,
    tagCheck: !branchFlow && input.trigger !== 'manual',
    branch: branchFlow ? branchName(input.branch) : null,
    environment: input.environment,
    hasEnvironment: input.environment !== null,
    node: input.node,
    // Node 24 releases before 24.15 ship an npm without `npm stage`: staged always upgrades.
    npmUpgrade: staged ? `^${NPM_STAGE_MIN}` : oldNode ? `^${NPM_OIDC_MIN}` : null,
    npmMinimum,
    packageManager: pm,
    pnpmVersion: pm === 'pnpm' ? (input.pnpmVersion ?? '10') : null,
    installCommand: installLine(pm, input.lockfile !== false, pm === 'yarn' && input.yarnClassic === true),
    yarnClassic: pm === 'yarn' && input.yarnClassic === true,
    // Node 25 and newer no longer ship corepack, which provides yarn.
    corepackInstall: pm === 'yarn' && major !== undefined && major >= 25,
    workDir: insideRepoDir(input.packageDir),
    packageName: input.packageName,
    monorepo,
    packageCount: packages.length,
    packageDirs: packages.map((p) => p.dir).join('\n'),
    tagPatterns: packages.map((p) => `${p.name}@*`),
    ...buildSteps(input, monorepo),
    testCommand: input.hasTest ? scriptCommand(pm, 'test') : null,
    publishCommand: publishCommand(release),
    pack: input.pack === true,
    packCommand: packCommand(pm),
    packTool: pm === 'bun' ? 'bun pm pack' : `${pm} pack`,
    toolCommand: toolCommand(input),
    fullHistory: release === 'changesets' || release === 'semantic-release',
  };
}
