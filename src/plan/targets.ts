// Which packages the plan publishes, and the workflow input that publishes them.
import { lockfileInReach } from '../detect/lockfile-reach.js';
import type { Answers, Detected, PackageInfo, RepoRef } from '../core/model.js';
import type { WorkflowInput } from '../providers/github/workflow.js';
import { checkPackageNames, isMonorepoRoot, publishableCandidates } from '../questions/packages.js';
import { AnswerError } from '../core/errors.js';

/** The chosen packages, in the order detection lists them. Throws AnswerError for unknown names. */
export function targetPackages(d: Detected, names: readonly string[]): PackageInfo[] {
  const error = checkPackageNames(names, d);
  if (error) throw new AnswerError('packages', 'invalid', error);
  return publishableCandidates(d).filter((p) => names.includes(p.name as string));
}

/** `package.json` path of a package, relative to the repository root (as findings name it). */
export function manifestPath(pkg: PackageInfo): string {
  return pkg.dir ? `${pkg.dir}/package.json` : 'package.json';
}

/**
 * The default branch, when GitHub reads it as itself in `branches:`; otherwise `main` and
 * a note (a name with `*`, `!`, `+`... would be a pattern there).
 */
export function releaseBranch(d: Detected): { branch: string; note?: string } {
  const branch = d.git.defaultBranch;
  if (branch === undefined) return { branch: 'main' };
  if (/^[A-Za-z0-9._/-]+$/.test(branch) && !branch.startsWith('-') && !branch.includes('..')) return { branch };
  return {
    branch: 'main',
    note: `The default branch name ${JSON.stringify(branch)} has characters GitHub reads as a pattern: the workflow runs on pushes to "main"; edit "branches:" if that is wrong.`,
  };
}

/**
 * True when the package manager must pack before npm publishes: npm cannot resolve
 * `workspace:`/`catalog:` ranges. npm workspaces and Yarn 1 have no such ranges.
 */
export function needsPack(answers: Answers, targets: readonly PackageInfo[], yarnClassic: boolean): boolean {
  if (answers.packageManager === 'npm' || yarnClassic) return false;
  return targets.some((p) => (p.workspaceRanges?.length ?? 0) > 0);
}

/** `pnpm@10.20.0+sha512.…` -> `10.20.0`; `10` without a usable field. */
function pnpmVersion(field: string | undefined): string {
  return /^pnpm@(\d+\.\d+\.\d+(?:-[\w.]+)?)(?:\+|$)/.exec(field ?? '')?.[1] ?? '10';
}

export function workflowInput(d: Detected, answers: Answers, targets: PackageInfo[], repo: RepoRef): WorkflowInput {
  const monorepo = isMonorepoRoot(d);
  // At a monorepo root install, build and test run in the workspace root; otherwise in the package.
  const home = monorepo ? d.pkg : targets[0];
  if (!home) throw new Error('no package to publish');
  const pm = answers.packageManager;
  const yarnClassic = pm === 'yarn' && d.packageManager.name === 'yarn' && d.packageManager.yarnClassic === true;
  const base: WorkflowInput = {
    repo,
    release: answers.release,
    trigger: answers.trigger,
    environment: answers.environment,
    node: answers.node,
    packageManager: pm,
    yarnClassic,
    packageDir: home.dir,
    packageName: home.name ?? '',
    hasBuild: Boolean(home.scripts.build),
    hasTest: Boolean(home.scripts.test),
    // pnpm is installed from the npm registry: the version "packageManager" names, else this major.
    pnpmVersion: pm === 'pnpm' ? pnpmVersion(home.packageManagerField) : null,
    lockfile: lockfileInReach(d, pm, home.dir),
    pack: needsPack(answers, targets, yarnClassic),
    branch: releaseBranch(d).branch,
  };
  if (!monorepo) return base;
  return {
    ...base,
    packages: targets.map((p) => ({ name: p.name as string, dir: p.dir })),
    workspaceBuilds: targets.filter((p) => p.scripts.build).map((p) => ({ name: p.name as string, dir: p.dir })),
  };
}
