// Parse git remote URLs and package.json repository strings into host/owner/name.
// Pure string work: no I/O, and credentials in a URL are never returned.
import { isGithubOwner, isGithubRepoName } from '../validate/github.js';

export interface RemoteRef {
  /** Lower-case host without port or `www.`, e.g. `github.com`. */
  host: string;
  /** Everything before the last path segment (GitLab subgroups: `group/sub`). */
  owner: string;
  name: string;
}

const SHORTHAND_HOSTS: Record<string, string> = {
  github: 'github.com',
  gitlab: 'gitlab.com',
  bitbucket: 'bitbucket.org',
};

function normaliseHost(host: string): string {
  let h = host.toLowerCase().replace(/:\d*$/, '');
  if (h.startsWith('www.')) h = h.slice(4);
  if (h === 'ssh.github.com') h = 'github.com'; // SSH over port 443
  return h;
}

function fromPath(host: string, path: string): RemoteRef | undefined {
  const clean = path.replace(/[?#].*$/, '');
  const segments = clean.split('/').filter((s) => s !== '');
  if (segments.length < 2) return undefined;
  const h = normaliseHost(host);
  if (!h) return undefined;
  // GitHub repositories are always owner/name; anything after is a page (tree/main/...).
  const parts = h === 'github.com' ? segments.slice(0, 2) : segments;
  const last = parts[parts.length - 1]!.replace(/\.git$/i, '');
  const owner = parts.slice(0, -1).join('/');
  if (!last || !owner) return undefined;
  return { host: h, owner, name: last };
}

/**
 * Parse a git remote URL (https, http, ssh, scp-like `git@host:o/r.git`, git://, git+https,
 * `github:o/r` shorthand). Returns undefined for local paths and unrecognised input.
 */
export function parseRemote(url: string): RemoteRef | undefined {
  let s = url.trim();
  if (!s) return undefined;

  const shorthand = /^(github|gitlab|bitbucket):([^/].*)$/i.exec(s);
  if (shorthand && !s.includes('://') && !s.includes('@')) {
    return fromPath(SHORTHAND_HOSTS[shorthand[1]!.toLowerCase()]!, shorthand[2]!);
  }

  s = s.replace(/^git\+/i, '');
  const scheme = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i.exec(s);
  if (scheme) {
    const protocol = scheme[1]!.toLowerCase();
    if (!['https', 'http', 'ssh', 'git'].includes(protocol)) return undefined;
    // authority = up to the first '/', userinfo = up to the last '@' in it.
    const rest = scheme[2]!;
    const slash = rest.indexOf('/');
    const authority = slash === -1 ? rest : rest.slice(0, slash);
    let path = slash === -1 ? '' : rest.slice(slash);
    const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
    // `ssh://git@host:o/r.git` (scp path after a colon, as npm sometimes writes it).
    const colon = hostPort.indexOf(':');
    let host = hostPort;
    if (colon !== -1) {
      host = hostPort.slice(0, colon);
      const port = hostPort.slice(colon + 1);
      if (!/^\d*$/.test(port)) path = `/${port}${path}`;
    }
    return fromPath(host, path);
  }

  // scp-like: [user@]host:path (not a Windows drive letter, not a local path).
  const scp = /^(?:[^@/\s]+@)?([^:/\s]+):(.+)$/.exec(s);
  if (scp && scp[1]!.length > 1) return fromPath(scp[1]!, scp[2]!.replace(/^\/+/, ''));
  return undefined;
}

/** The URL with any `user:password@` removed, for display and storage. */
export function redactUrl(url: string): string {
  const m = /^((?:git\+)?[a-z][a-z0-9+.-]*:\/\/)([^/]*)(.*)$/i.exec(url.trim());
  if (!m) return url.trim();
  const authority = m[2]!;
  const at = authority.lastIndexOf('@');
  if (at === -1) return url.trim();
  const user = authority.slice(0, at);
  const host = authority.slice(at + 1);
  // Keep a plain ssh user name (`ssh://git@host`); drop anything else (tokens, passwords).
  const keep = /^ssh/i.test(m[1]!.replace(/^git\+/i, '')) && /^[a-z0-9._-]+$/i.test(user) ? `${user}@` : '';
  return `${m[1]}${keep}${host}${m[3]}`;
}

/**
 * Why a remote URL cannot name a repository safely (a control character, a GitHub expression, an
 * owner or name GitHub would not allow), or undefined when it is fine or simply not recognised.
 */
export function unusableRemote(url: string): string | undefined {
  if (/[\x00-\x1f\x7f-\x9f]/.test(url)) return 'holds a control character';
  if (url.includes('${{')) return 'holds "${{"';
  const parsed = parseRemote(url);
  if (parsed?.host !== 'github.com') return undefined;
  if (!isGithubOwner(parsed.owner) || !isGithubRepoName(parsed.name)) {
    return 'names no GitHub owner/name';
  }
  return undefined;
}
