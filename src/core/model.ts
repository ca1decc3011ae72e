// The shapes that flow one way through the product:
// detect -> questions (answers) -> plan -> apply -> publisher settings -> checklist.
import type { CiFile, CiProvider, ManualEdit, ProviderAnswers } from './model-ci.js';

export { CI_PROVIDERS, type CiFile, type CiProvider, type CircleciContext, type ManualEdit, type ProviderAnswers } from './model-ci.js';

export const PACKAGE_MANAGERS = ['npm', 'pnpm', 'yarn', 'bun'] as const;
export type PackageManager = (typeof PACKAGE_MANAGERS)[number];

export const TRIGGERS = ['release', 'tag', 'manual'] as const;
export type Trigger = (typeof TRIGGERS)[number];

/**
 * How a release reaches npm. `publish`: `npm publish` on a trigger; `staged`: `npm stage
 * publish` on a trigger, approved by a maintainer on npmjs.com; the other three run on pushes
 * to the default branch and let the release tool decide.
 */
export const RELEASE_FLOWS = ['publish', 'changesets', 'release-please', 'semantic-release', 'staged'] as const;
export type ReleaseFlow = (typeof RELEASE_FLOWS)[number];
/** Flows whose release tool runs on every push to the default branch and decides when to publish. */
export const BRANCH_FLOWS: readonly ReleaseFlow[] = ['changesets', 'release-please', 'semantic-release'];

/** The oldest major of each release tool that publishes with trusted publishing (OIDC). */
export const RELEASE_TOOL_MINIMUM = {
  // @semantic-release/npm 13 (in semantic-release 25) exchanges the OIDC token itself; older ones fail with ENONPMTOKEN.
  'semantic-release': 25,
  '@semantic-release/npm': 13,
  // changesets/action v2 (the pinned one) refuses to run with Changesets CLI v2.
  '@changesets/cli': 3,
} as const;
export type ReleaseTool = keyof typeof RELEASE_TOOL_MINIMUM;

/** A GitHub repository as `owner/name`, split. */
export interface RepoRef {
  owner: string;
  name: string;
}

/** What package.json says, as far as this product cares. */
export interface PackageInfo {
  /** Directory of the package relative to the repository root, '' for the root. */
  dir: string;
  /** Absolute path of package.json. */
  manifestPath: string;
  /** The file's text as read, so edits keep its formatting. */
  raw: string;
  name?: string;
  version?: string;
  private: boolean;
  /** `repository` normalised to an object; undefined when absent. */
  repository?: { type?: string; url?: string; directory?: string };
  publishConfig?: Record<string, unknown>;
  scripts: { build?: string; test?: string };
  /** The `packageManager` field, e.g. `pnpm@9.1.0`. */
  packageManagerField?: string;
  /** The `workspaces` field (array form or `{ packages }` form), as globs. */
  workspaces?: string[];
  /**
   * Runtime dependencies (dependencies, optional, peer) whose range is `workspace:` or
   * `catalog:`: `npm publish` would ship them as written, so the package must be packed by
   * its package manager first. Absent when there are none.
   */
  workspaceRanges?: string[];
}

/** A place where a token is handed to npm. Never holds the token's value. */
export interface TokenUse {
  /** Path relative to the repository root. */
  file: string;
  /** 1-based line number. */
  line: number;
  /** What was found: an env var name (`NODE_AUTH_TOKEN`), `_authToken`, or `always-auth`. */
  what: string;
  /** The secret the value comes from, when it is `${{ secrets.NAME }}` (name only). */
  secret?: string;
}

export interface WorkflowFile {
  /** Path relative to the repository root, e.g. `.github/workflows/release.yml`. */
  path: string;
  /** Bare file name, e.g. `release.yml`. */
  fileName: string;
  content: string;
  /** True when a step runs a publish command (`npm publish`, `pnpm publish`, changesets, semantic-release...). */
  publishes: boolean;
  tokenUses: TokenUse[];
}

/** A git remote that names a repository on a host. */
export interface Remote {
  name: string;
  host: string;
  /** `owner/name`, or `group/sub/project` on GitLab. */
  slug: string;
}

/** A package.json whose "repository" is not the repository npm will compare it with. */
export interface RepositoryMismatch {
  /** package.json, relative to the repository root. */
  file: string;
  /** The URL "repository" is set to when it is fixed. */
  url: string;
}

export interface GitInfo {
  isRepo: boolean;
  /** The URL of remote `origin`, as configured. */
  remoteUrl?: string;
  /** Host of the remote, e.g. `github.com`, `gitlab.com`. */
  host?: string;
  /** Set when origin is a GitHub repository. */
  github?: RepoRef;
  /** The remote's repository path for any recognised host: `owner/name`, or `group/sub/project` on GitLab. */
  slug?: string;
  /** Remotes other than origin that name a repository (a fork clone's `upstream`). */
  otherRemotes?: Remote[];
  /** From `origin/HEAD`, else the current branch, else undefined. */
  defaultBranch?: string;
  /** Path of the package directory relative to the git top level ('' when it is the top level). */
  prefix: string;
}

export interface Finding {
  /** Stable id, e.g. `no-package-json`, `repository-mismatch`. */
  id: string;
  level: 'error' | 'warning' | 'info';
  message: string;
  /** Where, when it is a place in a file. */
  file?: string;
  line?: number;
  /** What the product will do about it, or what the user can do. */
  fix?: string;
}

/** A package a workflow builds in CI (its package.json is written there, not kept in the repository). */
export interface BuiltPackage {
  /** The npm name, when the build's rule gives it; undefined: unknown, never guessed. */
  name?: string;
  version?: string;
  /** The workflow that builds and publishes it. */
  file: string;
  /** The folders it is published from, when the build writes them (`dist/components`). */
  dirs?: string[];
}

export interface Detected {
  /** Absolute path of the directory the user pointed at. */
  root: string;
  pkg?: PackageInfo;
  /** Publishable workspace packages, when the root declares workspaces. */
  workspacePackages: PackageInfo[];
  packageManager: {
    name: PackageManager;
    source: 'lockfile' | 'packageManager' | 'default';
    lockfile?: string;
    /** Yarn 1 (`# yarn lockfile v1`, or `packageManager: yarn@1.x`): no `--immutable`, no `workspace:`. */
    yarnClassic?: boolean;
    /** The lockfile's folder is a workspace root, so the lockfile covers the packages below it too. */
    atWorkspaceRoot?: boolean;
  };
  git: GitInfo;
  workflows: WorkflowFile[];
  /** `.gitlab-ci.yml` and `.circleci/config.yml` at the repository root, when present. */
  ciFiles: CiFile[];
  /** `.github/dependabot.yml` (or `.yaml`), when present: path relative to the repository root. */
  dependabot?: { path: string; content: string };
  /** `_authToken` and `always-auth` lines in .npmrc files (file and line only). */
  npmrcTokens: TokenUse[];
  /** What the publish rule follows beyond a workflow's text: package.json scripts (the npm workspaces' too), local actions that publish. */
  publishContext?: {
    scripts?: Readonly<Record<string, string>>;
    actions?: Readonly<Record<string, boolean>>;
    workspaces?: ReadonlyArray<{ name?: string; dir: string; scripts: Readonly<Record<string, string>> }>;
    readFile?: (path: string) => string | undefined;
    self?: string;
  };
  /**
   * Packages whose package.json "repository" does not name the repository npm sees in the
   * OIDC token (GitHub, or GitLab.com): npm refuses their trusted publish (E422).
   */
  repositoryMismatches: RepositoryMismatch[];
  /** The package at the root declares workspaces (with or without publishable packages). */
  isMonorepo: boolean;
  /**
   * A fork clone: package.json "repository" names this other remote's repository, not origin's.
   * Which one publishes is asked (interactive) or given with --repo, never assumed.
   */
  fork?: Remote;
  /** What to tell the user: warnings and notes about the facts above. Read for reporting only. */
  findings: Finding[];
  /** The release tooling already in place (absent when detection did not look). */
  release?: ReleaseDetection;
}

/** A release tool's declared version range, from the root package.json. */
export interface ToolVersion {
  range: string;
  /** Lowest major the range allows; undefined when the range does not say (a tag, a URL). */
  major?: number;
}

export interface ReleaseDetection {
  /** The flow the repository already uses, proposed as the default. */
  flow?: ReleaseFlow;
  /** One line per clue, e.g. `@changesets/cli in devDependencies`. */
  evidence: string[];
  /** Release tools declared in the root package.json (dependencies or devDependencies). */
  tools: Partial<Record<ReleaseTool, ToolVersion>>;
  /** release-please files present at the repository root. */
  releasePleaseFiles: string[];
}

/**
 * Optional fields belong to one CI provider and are absent for the others (see
 * `QuestionBase.optional`); the GitHub-only required ones keep their defaults, unused.
 */
export interface Answers extends ProviderAnswers {
  provider: CiProvider;
  /** `owner/name` on GitHub (GitHub Actions only). */
  repo?: string;
  /** Bare workflow file name, e.g. `publish.yml`. */
  workflow: string;
  trigger: Trigger;
  /** How releases are made; `trigger` applies to `publish` and `staged` only. */
  release: ReleaseFlow;
  /** Names of the packages the workflow publishes (one, or several of a monorepo). */
  packages: string[];
  /** GitHub or GitLab environment name, or null for none (CircleCI has none). */
  environment: string | null;
  /** Node.js version used in CI, e.g. `24`. */
  node: string;
  packageManager: PackageManager;
  /** Whether to set package.json `repository` to match the repository. */
  fixRepository: boolean;
}

export type ChangeKind = 'create' | 'update' | 'unchanged';

export interface FileChange {
  /** Path relative to the target directory. */
  path: string;
  kind: ChangeKind;
  /** Current content, when the file exists. */
  before?: string;
  after: string;
  /** Why this file is written, in one line. */
  reason: string;
  /**
   * True when `before` was not written by this product for these answers and differs:
   * replacing it needs consent (`--force` or an explicit yes), and a backup is kept.
   */
  needsConsent: boolean;
}

export interface PublisherField {
  label: string;
  value: string;
  /** A note shown beside the value, e.g. "leave empty" or "must match exactly". */
  note?: string;
}

export interface PublisherSettings {
  packageName: string;
  /** The npmjs.com page where the trusted publisher is added. */
  url: string;
  provider: 'GitHub Actions' | 'GitLab CI/CD' | 'CircleCI';
  fields: PublisherField[];
  /** The allowed action to tick. */
  allow: 'npm publish' | 'npm stage publish';
  /** The equivalent `npm trust` command line, or null when npm's CLI cannot express it. */
  trustCommand: string | null;
}

export interface ChecklistItem {
  id: string;
  title: string;
  /** One or two sentences on what and why. */
  detail: string;
  command?: string;
  url?: string;
}

export interface Plan {
  answers: Answers;
  /** The repository CI runs for: GitHub owner/name, GitLab namespace/project, or from CircleCI's VCS origin. */
  repo: RepoRef;
  changes: FileChange[];
  /** Nothing is written for these; shown with the plan and first in the checklist. */
  manual: ManualEdit[];
  publishers: PublisherSettings[];
  checklist: ChecklistItem[];
  /** Things the user should know before writing, in plain words. */
  notes: string[];
}
