// Checks for the values that go into GitLab and CircleCI files. Everything a user typed is
// checked against the provider's own naming rules first: a value that passes can only be data.
import { InvalidInputError } from '../core/errors.js';
import { PACKAGE_MANAGERS, type PackageManager } from '../core/model.js';
import { shown } from '../text/output.js';
import { clip } from '../text/clip.js';
import { dirParts, isAbsoluteDir } from '../validate/paths.js';
import { nodeNewEnough } from '../npm/versions.js';
import { parsePackageName } from '../validate/package-name.js';

/** A value the user gave that a provider (or npm) would not accept. The message says which and why. */
export class ProviderInputError extends InvalidInputError {
  constructor(message: string) {
    super(message);
    this.name = 'ProviderInputError';
  }
}

const fail = (message: string): never => {
  throw new ProviderInputError(message);
};
const show = (value: string) => `"${clip(shown(value), 80)}"`;

// GitLab's path rules (Gitlab::PathRegex): letters, digits, `_`, `-`, `.`; starts with a letter, digit
// or `_`; not ending in `.git` / `.atom`. The same rule holds for each group, subgroup and project.
const GITLAB_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}$/;

function gitlabSegment(segment: string, what: string): string {
  if (!GITLAB_SEGMENT.test(segment) || /\.(git|atom)$/i.test(segment)) {
    fail(
      `${what} ${show(segment)} is not a GitLab path: use the part of the project URL (letters, digits, "_", "-", "."; ` +
        'not starting with "-" or ".", not ending in ".git"), not the display name',
    );
  }
  return segment;
}

/** `group` or `group/sub/...` (GitLab allows 20 levels of subgroups). */
export function gitlabNamespace(namespace: string): string {
  const parts = namespace.split('/');
  if (parts.length > 21) fail(`GitLab namespace ${show(namespace)} is nested deeper than GitLab allows`);
  return parts.map((part) => gitlabSegment(part, 'GitLab namespace part')).join('/');
}

export function gitlabProject(project: string): string {
  if (project.includes('/')) fail(`GitLab project ${show(project)}: give the project path alone; groups go in the namespace`);
  return gitlabSegment(project, 'GitLab project');
}

/**
 * GitLab environment names may hold letters, digits, spaces, `-_/.` and also `$ { }`, because
 * GitLab expands variables in `environment:name`. `$` is refused here, not escaped as `$$`: GitLab
 * documents `$$` for `variables:` values only, and npm compares its claim with the expanded name, so a
 * literal `$` could never be guaranteed to reach npm as typed.
 */
export function gitlabEnvironment(environment: string): string {
  if (/[${}]/.test(environment)) {
    fail(`GitLab environment ${show(environment)}: "$", "{" and "}" are refused (GitLab would expand them as variables)`);
  }
  if (!/^[A-Za-z0-9_/. -]{1,255}$/.test(environment) || environment.startsWith('/') || environment.endsWith('/')) {
    fail(`GitLab environment ${show(environment)}: use letters, digits, spaces, "-", "_", "/", "."; not starting or ending with "/"`);
  }
  if (environment.trim() !== environment) fail(`GitLab environment ${show(environment)}: no leading or trailing spaces`);
  return environment;
}

/** The top-level CI file, relative to the repository root (GitLab's "CI/CD configuration file" setting). */
export function gitlabCiFile(ciFile: string): string {
  const parts = ciFile.split('/');
  // Git keeps its own files there (hooks run on the next commit); case-insensitive file systems too.
  if (parts[0]?.toLowerCase() === '.git') fail(`CI file ${show(ciFile)} is inside .git`);
  const ok = parts.every((p) => /^[A-Za-z0-9_.-]+$/.test(p) && p !== '.' && p !== '..') && /\.ya?ml$/.test(ciFile);
  if (!ok) {
    fail(
      `CI file ${show(ciFile)}: give a path inside this project ending in .yml (e.g. .gitlab-ci.yml); ` +
        'npm only sees the file when it lives in the same project (no "file@group/project")',
    );
  }
  return ciFile;
}

/** A package directory relative to the repository root, written unquoted into shell commands: kept to safe characters. */
export function packageDirectory(dir: string): string {
  const parts = dirParts(dir);
  for (const part of parts) {
    if (!/^[A-Za-z0-9_@+][A-Za-z0-9_@+.-]*$/.test(part)) {
      fail(
        `package directory ${show(dir)}: each folder name may use letters, digits, "_", "@", "+", "-", "." ` +
          '(not starting with "-", "." or "~"), and must stay inside the repository',
      );
    }
  }
  if (isAbsoluteDir(dir)) fail(`package directory ${show(dir)} must be relative to the repository root`);
  return parts.join('/');
}

/**
 * npm's name rules (parsePackageName: upper case allowed for old packages), kept to characters
 * that need no quoting in a shell command and at most 214 characters.
 */
export function npmPackageName(name: string): string {
  const ok = /^(?:@[A-Za-z0-9~-][A-Za-z0-9._~-]*\/)?[A-Za-z0-9~-][A-Za-z0-9._~-]*$/.test(name);
  if (!ok || name.length > 214 || !parsePackageName(name).ok) fail(`${show(name)} is not an npm package name`);
  return name;
}

export function packageManager(value: string): PackageManager {
  if (!(PACKAGE_MANAGERS as readonly string[]).includes(value)) fail(`unknown package manager: ${show(value)}`);
  return value as PackageManager;
}

export interface NodeVersion {
  major: number;
  /** As given: `24`, `24.21`, `24.21.0`. */
  text: string;
  parts: number[];
}

/** A Node.js version as an image tag: digits and dots only, at least 22.14 (npm's OIDC floor). */
export function nodeVersion(node: string): NodeVersion {
  if (!/^\d{1,3}(\.\d{1,4}){0,2}$/.test(node)) {
    fail(`Node.js version ${show(node)}: give a version number like 24 or 24.21 (it becomes the image tag)`);
  }
  const parts = node.split('.').map(Number);
  const [major = 0, minor] = parts;
  if (!nodeNewEnough(major, minor)) {
    fail(`Node.js ${node} is too old for trusted publishing, which needs Node 22.14.0 or newer (Node 24 is best)`);
  }
  return { major, text: node, parts };
}

/** A CI job name this product writes: plain, and not one of the provider's reserved top-level keys. */
export function jobName(name: string, reserved: readonly string[]): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/.test(name) || reserved.includes(name)) {
    fail(`job name ${show(name)}: use letters, digits, "-" and "_", and not a reserved keyword`);
  }
  return name;
}
