// Strict validation of every free-text answer. Each validator returns an error message
// that explains the rule, or undefined when the value is fine. Values that pass these
// checks contain no character that could change the structure of a YAML file or start a
// GitHub expression, so they are data wherever they are written.
import { checkPackageName } from '../text/package-name.js';
import { shown } from '../text/output.js';
import { clip } from '../text/clip.js';

/**
 * npm's rules for package names: the broken rule, or undefined. Rules for new names only
 * (lowercase, length) are not checked here: a flag names a package of this repository, and
 * npm still publishes new versions of a package named before those rules.
 */
export function validatePackageName(name: string): string | undefined {
  const [error] = checkPackageName(name).errors;
  return error === undefined ? undefined : `${error[0]!.toUpperCase()}${error.slice(1)}.`;
}

// Older accounts may hold double or trailing hyphens, so only the first character is strict.
const OWNER = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/;
const REPO_NAME = /^[A-Za-z0-9._-]{1,100}$/;

/** `owner/name` as GitHub allows them. */
export function validateRepo(value: string): string | undefined {
  const parts = value.split('/');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return 'Write the repository as owner/name, e.g. acme/widget.';
  const [owner, name] = parts as [string, string];
  if (!OWNER.test(owner)) {
    return `"${printable(owner)}" is not a GitHub user or organization name: 1-39 letters, digits or hyphens, not starting with a hyphen.`;
  }
  if (!REPO_NAME.test(name) || name === '.' || name === '..') {
    return `"${printable(name)}" is not a GitHub repository name: 1-100 letters, digits, ".", "-" or "_".`;
  }
  if (name.toLowerCase().endsWith('.git')) return 'Leave out the ".git" at the end of the repository name.';
  return undefined;
}

/** A bare workflow file name: npm matches it exactly, and the file lives in .github/workflows/. */
export function validateWorkflowFile(value: string): string | undefined {
  if (value.includes('/') || value.includes('\\')) {
    return 'Give the bare file name, e.g. publish.yml: npm matches the file name only, and the file is written to .github/workflows/.';
  }
  if (!/\.ya?ml$/.test(value)) return 'The workflow file name must end in .yml or .yaml.';
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*\.ya?ml$/.test(value) || value.length > 100) {
    return 'Use letters, digits, ".", "-" and "_" only (at most 100 characters), starting with a letter or digit.';
  }
  return undefined;
}

/** A GitHub deployment environment name (also entered on npmjs.com, where it must match). */
export function validateEnvironment(value: string): string | undefined {
  if (value.length > 255) return 'An environment name can be at most 255 characters long.';
  if (value !== value.trim()) return 'An environment name cannot start or end with spaces.';
  if (!/^[A-Za-z0-9._ -]+$/.test(value)) {
    return 'Use letters, digits, spaces, ".", "-" and "_" only in an environment name.';
  }
  return undefined;
}

/** The oldest Node.js that can publish with trusted publishing (npm needs it). */
export const MIN_CI_NODE = { major: 22, minor: 14 } as const;

/** Node.js version for CI: a major (`24`), `24.x`, or an exact `22.14.0`. */
export function validateNodeVersion(value: string): string | undefined {
  const m = /^(\d{1,3})(?:\.x|\.(\d{1,3})\.(\d{1,3}))?$/.exec(value);
  if (!m) return 'Give a Node.js version as a major (24), a line (24.x) or an exact version (24.11.1).';
  const major = Number(m[1]);
  const minor = m[2] === undefined ? undefined : Number(m[2]);
  const tooOld = major < MIN_CI_NODE.major || (major === MIN_CI_NODE.major && minor !== undefined && minor < MIN_CI_NODE.minor);
  if (tooOld) return 'Trusted publishing needs Node.js 22.14 or newer in CI (24 is recommended: its npm is new enough).';
  return undefined;
}

/** A value made safe to quote inside an error message (control characters shown escaped, cut at 60). */
export function printable(value: string): string {
  return clip(shown(value), 60);
}
