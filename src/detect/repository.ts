// Does package.json "repository" point at the repository npm will see in the OIDC token? On GitHub and
// GitLab npm compares them (E422 otherwise); `host` is github.com unless said.
import type { Finding, GitInfo, PackageInfo, Remote, RepoRef, RepositoryMismatch } from '../core/model.js';
import { parseRemote, redactUrl, type RemoteRef } from './remote.js';
import { dirParts } from '../validate/paths.js';

type Repository = PackageInfo['repository'] | string;

/** Parse a package.json repository URL, including the bare `owner/name` GitHub shorthand. */
export function parseRepositoryUrl(url: string): RemoteRef | undefined {
  const bare = /^([\w-][\w.-]*)\/([\w.-]+?)(?:\.git)?(?:#.*)?$/.exec(url.trim());
  if (bare) return { host: 'github.com', owner: bare[1]!, name: bare[2]! };
  return parseRemote(url);
}

const repoDir = (dir: string | undefined) => dirParts(dir ?? '').join('/');

/** The `repository` value this product writes. */
export function expectedRepository(repo: RepoRef, directory: string, host = 'github.com'): { type: string; url: string; directory?: string } {
  const url = `git+https://${host}/${repo.owner}/${repo.name}.git`;
  const dir = repoDir(directory);
  return dir ? { type: 'git', url, directory: dir } : { type: 'git', url };
}

/**
 * True when `repository` names the same repository on `host` (case-insensitive, any URL form)
 * and, for a package below the git top level, `repository.directory` equals `directory`.
 */
export function repositoryMatches(pkgRepository: Repository | undefined, repo: RepoRef, directory: string, host = 'github.com'): boolean {
  const value = typeof pkgRepository === 'string' ? { url: pkgRepository } : pkgRepository;
  if (!value?.url) return false;
  const parsed = parseRepositoryUrl(value.url);
  if (!parsed || parsed.host !== host) return false;
  if (parsed.owner.toLowerCase() !== repo.owner.toLowerCase()) return false;
  if (parsed.name.toLowerCase() !== repo.name.toLowerCase()) return false;
  const dir = repoDir(directory);
  return dir === '' || repoDir(value.directory) === dir;
}

/**
 * What npm refuses (E422) for `pkg` at `directory` (relative to the repository root): a
 * "repository" URL that is missing or names another repository. npm does not compare "directory".
 */
export function repositoryMismatch(pkg: PackageInfo, repo: RepoRef, directory: string, host = 'github.com'): RepositoryMismatch | undefined {
  if (repositoryMatches(pkg.repository, repo, '', host)) return undefined;
  return { file: manifestFile(directory), url: expectedRepository(repo, directory, host).url };
}

/**
 * Why a package.json "repository" edit is made, for the list of changes: an E422 only where npm
 * would return one (the URL), a suggestion where only "directory" is added.
 */
export function repositoryEditReason(pkg: PackageInfo, repo: RepoRef, directory: string, host = 'github.com', what = 'this repository'): string {
  return repositoryMismatch(pkg, repo, directory, host)
    ? `sets "repository" to ${what} (npm checks it: E422 otherwise)`
    : `adds "directory" to "repository" (suggested for a package below the top folder; npm does not check it)`;
}

const manifestFile = (directory: string) => (directory ? `${repoDir(directory)}/package.json` : 'package.json');

/**
 * How package.json spells the repository when it names the same one as `repo` with other letter
 * case. npm compares "repository.url" with the repository as the host spells it in the OIDC
 * token, letter by letter (E422 otherwise), and which spelling is the host's cannot be known offline.
 */
export function repositorySpelling(pkgRepository: Repository | undefined, repo: RepoRef, host = 'github.com'): string | undefined {
  if (!repositoryMatches(pkgRepository, repo, '', host)) return undefined;
  const url = typeof pkgRepository === 'string' ? pkgRepository : pkgRepository!.url!;
  const parsed = parseRepositoryUrl(url)!;
  const written = `${parsed.owner}/${parsed.name}`;
  return written === `${repo.owner}/${repo.name}` ? undefined : written;
}

/**
 * A `repository-mismatch` warning for `pkg` at `directory` (relative to the repository root), a
 * `repository-case` warning when only the letter case differs, or a `repository-directory` note.
 */
export function repositoryFinding(pkg: PackageInfo, repo: RepoRef, directory: string, host = 'github.com'): Finding | undefined {
  const file = manifestFile(directory);
  const spelled = repositorySpelling(pkg.repository, repo, host);
  if (spelled) {
    return {
      id: 'repository-case',
      level: 'warning',
      message:
        `${pkg.name ?? 'package.json'}: "repository" spells the repository ${spelled}, the git remote ${repo.owner}/${repo.name}; ` +
        `npm compares it letter by letter with the name as ${host} spells it, and rejects a trusted publish that differs (E422).`,
      file,
      fix: `Spell it in "repository" exactly as ${host} shows it on the repository's page, and enter the same spelling in the trusted publisher on npmjs.com.`,
    };
  }
  if (repositoryMatches(pkg.repository, repo, directory, host)) return undefined;
  const expected = expectedRepository(repo, directory, host);
  if (!repositoryMismatch(pkg, repo, directory, host)) {
    // npm compares repository.url only: a missing or different directory is worth fixing, never an E422.
    return {
      id: 'repository-directory',
      level: 'info',
      message: `${pkg.name ?? 'package.json'}: "repository" has ${pkg.repository?.directory ? `directory "${pkg.repository.directory}"` : 'no directory'} (npm does not check it).`,
      file,
      fix: `Add "directory": "${expected.directory}" to "repository".`,
    };
  }
  const current = pkg.repository?.url
    ? `points at ${redactUrl(pkg.repository.url)}${pkg.repository.directory ? ` (directory "${pkg.repository.directory}")` : ''}`
    : 'is missing';
  return {
    id: 'repository-mismatch',
    level: 'warning',
    message:
      `${pkg.name ?? 'package.json'}: "repository" ${current}; npm rejects a trusted publish unless it matches ` +
      `https://${host}/${repo.owner}/${repo.name} (E422)` +
      // npm does not check "directory": suggested for a monorepo, never required.
      (expected.directory ? `; "directory": "${expected.directory}" is suggested, not required.` : '.'),
    file,
    fix:
      `package.json "repository" will be set to ${expected.url}` +
      (expected.directory ? ` with "directory": "${expected.directory}".` : '.'),
  };
}

/** The other remote package.json "repository" names, when it is not origin's repository. */
export function forkRemote(pkg: PackageInfo | undefined, git: GitInfo): Remote | undefined {
  if (!pkg?.repository?.url || !git.slug || !git.host || !git.otherRemotes) return undefined;
  const named = parseRepositoryUrl(pkg.repository.url);
  if (!named) return undefined;
  const slug = `${named.owner}/${named.name}`.toLowerCase();
  if (named.host === git.host && slug === git.slug.toLowerCase()) return undefined;
  return git.otherRemotes.find((r) => r.host === named.host && r.slug.toLowerCase() === slug);
}

/**
 * A fork clone: package.json "repository" names the repository of another remote (`upstream`),
 * not origin's. Writing the workflow for origin would repoint package.json at the fork, so the
 * run asks (interactive) or needs --repo to say which one npm should trust.
 */
export function forkFinding(pkg: PackageInfo, git: GitInfo, other: Remote): Finding {
  return {
    id: 'fork-clone',
    level: 'warning',
    message: `package.json "repository" names ${other.slug}, the remote "${other.name}", but "origin" is ${git.slug} (a fork?).`,
    file: pkg.dir ? `${pkg.dir}/package.json` : 'package.json',
    fix: `Say which one publishes: --repo ${other.slug}, or --repo ${git.slug} (repoints package.json).`,
  };
}
