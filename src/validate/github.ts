// GitHub's naming rules: accounts (users, organisations), repositories, workflow files and
// deployment environments. Values that pass contain no character that could change the
// structure of a YAML file or start a GitHub expression.
import type { RepoRef } from '../core/model.js';
import { printable } from '../text/clip.js';
import { fail, ok, type Parsed } from './parsed.js';

// Older accounts may hold double or trailing hyphens, so only the first character is strict.
const OWNER = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/;
const REPO_NAME = /^[A-Za-z0-9._-]{1,100}$/;

/** A GitHub user or organisation name. */
export const isGithubOwner = (owner: string): boolean => OWNER.test(owner);

/** A GitHub repository name (without the owner). */
export const isGithubRepoName = (name: string): boolean => REPO_NAME.test(name) && name !== '.' && name !== '..';

/** `owner/name` as GitHub allows them. */
export function parseGithubRepo(value: string): Parsed<RepoRef> {
  const parts = value.split('/');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return fail('Write the repository as owner/name, e.g. acme/widget.');
  const [owner, name] = parts as [string, string];
  if (!isGithubOwner(owner)) {
    return fail(`"${printable(owner)}" is not a GitHub user or organization name: 1-39 letters, digits or hyphens, not starting with a hyphen.`);
  }
  if (!isGithubRepoName(name)) {
    return fail(`"${printable(name)}" is not a GitHub repository name: 1-100 letters, digits, ".", "-" or "_".`);
  }
  if (name.toLowerCase().endsWith('.git')) return fail('Leave out the ".git" at the end of the repository name.');
  return ok({ owner, name });
}

/** A bare workflow file name: npm matches it exactly, and the file lives in .github/workflows/. */
export function parseWorkflowFile(value: string): Parsed<string> {
  if (value.includes('/') || value.includes('\\')) {
    return fail('Give the bare file name, e.g. publish.yml: npm matches the file name only, and the file is written to .github/workflows/.');
  }
  if (!/\.ya?ml$/.test(value)) return fail('The workflow file name must end in .yml or .yaml.');
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*\.ya?ml$/.test(value) || value.length > 100) {
    return fail('Use letters, digits, ".", "-" and "_" only (at most 100 characters), starting with a letter or digit.');
  }
  return ok(value);
}

/** A GitHub deployment environment name (also entered on npmjs.com, where it must match). */
export function parseEnvironment(value: string): Parsed<string> {
  if (value.length > 255) return fail('An environment name can be at most 255 characters long.');
  if (value !== value.trim()) return fail('An environment name cannot start or end with spaces.');
  if (!/^[A-Za-z0-9._ -]+$/.test(value)) {
    return fail('Use letters, digits, spaces, ".", "-" and "_" only in an environment name.');
  }
  return ok(value);
}
