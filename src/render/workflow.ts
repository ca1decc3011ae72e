// Renders the GitHub Actions workflow that publishes to npm with trusted publishing.
import { PACKAGE_MANAGERS, TRIGGERS, type PackageManager, type RepoRef, type Trigger } from '../model.js';
import { template } from './handlebars.js';

export interface WorkflowInput {
  repo: RepoRef;
  trigger: Trigger;
  /** GitHub environment name, or null for none. */
  environment: string | null;
  /** Node.js version for actions/setup-node, e.g. `24`. Below 24 the workflow upgrades npm to ^11.5.1. */
  node: string;
  packageManager: PackageManager;
  /** Directory of the package relative to the repository root, '' for the root. */
  packageDir: string;
  packageName: string;
  hasBuild: boolean;
  hasTest: boolean;
  /**
   * pnpm only: the `version` input of pnpm/action-setup, needed when package.json has no
   * `packageManager` field (the action fails without one of the two, and when both disagree).
   */
  pnpmVersion?: string | null;
}

/** The template, relative to `templates/`. */
export const PUBLISH_TEMPLATE = 'github/publish.yml.hbs';

// GitHub's own rules for account and repository names.
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const REPO_NAME = /^[A-Za-z0-9._-]{1,100}$/;

function repoSlug(repo: RepoRef): string {
  if (!OWNER.test(repo.owner) || !REPO_NAME.test(repo.name) || repo.name === '.' || repo.name === '..') {
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
function normalizeDir(dir: string): string {
  const parts = dir.split(/[\\/]+/).filter((part) => part !== '' && part !== '.');
  if (parts.includes('..') || /^([\\/]|[A-Za-z]:)/.test(dir)) {
    throw new Error(`package directory must be inside the repository: ${JSON.stringify(dir)}`);
  }
  return parts.join('/');
}

export function renderWorkflow(input: WorkflowInput): string {
  if (!TRIGGERS.includes(input.trigger)) throw new Error(`unknown trigger: ${String(input.trigger)}`);
  if (!PACKAGE_MANAGERS.includes(input.packageManager)) {
    throw new Error(`unknown package manager: ${String(input.packageManager)}`);
  }
  const major = nodeMajor(input.node);
  return template(PUBLISH_TEMPLATE)({
    repoSlug: repoSlug(input.repo),
    trigger: input.trigger,
    environment: input.environment,
    hasEnvironment: input.environment !== null,
    node: input.node,
    upgradeNpm: major !== undefined && major < 24,
    packageManager: input.packageManager,
    pnpmVersion: input.packageManager === 'pnpm' ? (input.pnpmVersion ?? null) : null,
    packageDir: normalizeDir(input.packageDir),
    packageName: input.packageName,
    hasBuild: input.hasBuild,
    hasTest: input.hasTest,
    tagCheck: input.trigger !== 'manual',
  });
}
