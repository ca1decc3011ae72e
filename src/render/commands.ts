// The shell commands each package manager runs in a generated workflow. They are constants
// chosen here, never user data, so templates write them as they are.
import type { PackageManager, ReleaseFlow } from '../core/model.js';

/** `<pm> run <script>` at the root or in the package folder (npm has a `test` shortcut). */
export function scriptCommand(pm: PackageManager, script: 'build' | 'test'): string {
  return pm === 'npm' && script === 'test' ? 'npm test' : `${pm} run ${script}`;
}

/**
 * Runs a script in every workspace that has it, dependencies first where the package
 * manager can order them. Used when a monorepo root has no script of its own.
 * Yarn 1 has no such command that skips workspaces without the script: undefined.
 */
export function eachWorkspaceCommand(pm: PackageManager, yarnClassic: boolean, script: 'build'): string | undefined {
  switch (pm) {
    case 'npm':
      return `npm run ${script} --workspaces --if-present`;
    case 'pnpm':
      return `pnpm -r run ${script}`;
    case 'yarn':
      return yarnClassic ? undefined : `yarn workspaces foreach --all --topological run ${script}`;
    case 'bun':
      return `bun run --filter '*' ${script}`;
  }
}

/**
 * Packs the package in the current folder into "$RUNNER_TEMP/pack", writing real versions
 * in place of `workspace:` and `catalog:` ranges (npm cannot: it does not know them).
 * npm never needs it: npm workspaces have no such ranges.
 */
export function packCommand(pm: PackageManager): string {
  switch (pm) {
    case 'pnpm':
      return 'pnpm pack --pack-destination "$RUNNER_TEMP/pack"';
    case 'yarn':
      return 'yarn pack --out "$RUNNER_TEMP/pack/package.tgz"';
    case 'bun':
      return 'bun pm pack --destination "$RUNNER_TEMP/pack"';
    case 'npm':
      return 'npm pack --pack-destination "$RUNNER_TEMP/pack"';
  }
}

/**
 * The install command: a locked install (the lockfile must be in reach), or, with no
 * lockfile, a plain install from package.json (the generated file says so beside it).
 */
export function installCommand(pm: PackageManager, lockfile: boolean, yarnClassic = false): string {
  if (!lockfile) return `${pm} install`;
  switch (pm) {
    case 'npm':
      return 'npm ci';
    case 'pnpm':
      return 'pnpm install --frozen-lockfile';
    case 'yarn':
      // Yarn 1 has no --immutable.
      return yarnClassic ? 'yarn install --frozen-lockfile' : 'yarn install --immutable';
    case 'bun':
      return 'bun install --frozen-lockfile';
  }
}

/** The install step's command; without a lockfile, with a YAML comment saying what to do. */
export function installLine(pm: PackageManager, lockfile: boolean, yarnClassic = false): string {
  const locked = installCommand(pm, true, yarnClassic);
  return lockfile ? locked : `${pm} install # no lockfile here: commit one, then use ${locked}`;
}

/** How a release tool installed as a dev dependency is run, never downloaded on the fly. */
export function localBin(pm: PackageManager, command: string): string {
  switch (pm) {
    case 'npm':
      // --no: fail rather than fetch a package that is not in the lockfile.
      return `npx --no ${command}`;
    case 'pnpm':
      return `pnpm exec ${command}`;
    case 'yarn':
      return `yarn run ${command}`;
    case 'bun':
      return `bun run ${command}`;
  }
}

/** `npm publish` or, for staged publishing, `npm stage publish`. */
export function publishCommand(release: ReleaseFlow): string {
  return release === 'staged' ? 'npm stage publish' : 'npm publish';
}
