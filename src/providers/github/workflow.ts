// Renders the GitHub Actions workflow that publishes to npm with trusted publishing: one
// template per release flow (templates/github/*.yml.hbs), sharing the partials for checkout,
// setup-node and the npm version check, install, build and test, and publish.
import { PACKAGE_MANAGERS, RELEASE_FLOWS, TRIGGERS, type PackageManager, type ReleaseFlow, type RepoRef, type Trigger } from '../../core/model.js';
import { template } from '../../render/handlebars.js';
import { workflowContext } from './context.js';

export { nodeMajor } from './context.js';

export interface WorkflowPackage {
  name: string;
  /** Directory relative to the repository root. */
  dir: string;
}

export interface WorkflowInput {
  repo: RepoRef;
  /** How releases are made (default `publish`). */
  release?: ReleaseFlow;
  /** What starts a publish; only `publish` and `staged` use it. */
  trigger: Trigger;
  /** GitHub environment name, or null for none. */
  environment: string | null;
  /** Node.js version for actions/setup-node, e.g. `24`. Below 24 the workflow upgrades npm to ^11.5.1. */
  node: string;
  packageManager: PackageManager;
  /** Yarn 1: `--frozen-lockfile` instead of `--immutable`. */
  yarnClassic?: boolean;
  /**
   * Directory relative to the repository root where install, build and test run: the
   * package's own folder, or the workspace root of a monorepo ('' for the root).
   */
  packageDir: string;
  /** The package's name (for a monorepo, the workflow names `packages` instead). */
  packageName: string;
  /**
   * Set at a monorepo root: the packages to publish, each from its own directory. Install,
   * build and test run once in `packageDir`; tags name a package (`<name>@<version>`) or
   * every package at a version (`v<version>`); versions already on npm are skipped.
   */
  packages?: WorkflowPackage[];
  /** Scripts of the package in `packageDir` (the workspace root for a monorepo). */
  hasBuild: boolean;
  hasTest: boolean;
  /** Monorepo packages with a build script, built when the workspace root has no build script. */
  workspaceBuilds?: WorkflowPackage[];
  /** pnpm only: the version installed from the npm registry (default `10`), from "packageManager". */
  pnpmVersion?: string | null;
  /**
   * Whether a lockfile is in reach of `packageDir` (default true): without one, install
   * cannot be a locked install (`npm ci` fails with EUSAGE) and the workflow says so.
   */
  lockfile?: boolean;
  /** Pack with the package manager, then `npm publish` the tarball: `workspace:`/`catalog:` ranges need it. */
  pack?: boolean;
  /** The default branch, for the flows that run on pushes to it (default `main`). */
  branch?: string;
}

/** Template per release flow, relative to `templates/`. */
export const FLOW_TEMPLATES: Record<ReleaseFlow, string> = {
  publish: 'github/publish.yml.hbs',
  staged: 'github/publish.yml.hbs',
  changesets: 'github/changesets.yml.hbs',
  'release-please': 'github/release-please.yml.hbs',
  'semantic-release': 'github/semantic-release.yml.hbs',
};

/** The template of the `publish` flow. */
export const PUBLISH_TEMPLATE = FLOW_TEMPLATES.publish;

export function renderWorkflow(input: WorkflowInput): string {
  const release = input.release ?? 'publish';
  if (!TRIGGERS.includes(input.trigger)) throw new Error(`unknown trigger: ${String(input.trigger)}`);
  if (!RELEASE_FLOWS.includes(release)) throw new Error(`unknown release flow: ${String(release)}`);
  if (!PACKAGE_MANAGERS.includes(input.packageManager)) {
    throw new Error(`unknown package manager: ${String(input.packageManager)}`);
  }
  return template(FLOW_TEMPLATES[release])(workflowContext({ ...input, release }));
}

/** Everything a plan renders: the workflow, and the Dependabot file or entry that keeps its pins fresh. */
export const renderer = {
  workflow: renderWorkflow,
  dependabot: (): string => template('github/dependabot.yml.hbs')({}),
  dependabotEntry: (): string => template('github/partials/dependabot-entry.hbs')({}),
};
export type Renderer = typeof renderer;
