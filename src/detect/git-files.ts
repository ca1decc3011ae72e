// Reads the few git facts detection needs straight from .git, without starting git:
// four git processes would be a large part of a run's start-up budget. Anything unusual
// (worktrees, submodules, GIT_DIR, includes, url.insteadOf rewrites, reftable, bare or
// core.worktree repositories) returns undefined, and the caller asks git itself, so the
// answers are always the ones git would give.
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { readText, unreadableReason } from './read.js';

export interface GitFacts {
  top: string;
  remoteUrl?: string;
  /** Target of refs/remotes/origin/HEAD, e.g. `refs/remotes/origin/main`. */
  originHead?: string;
  /** The checked-out branch, when HEAD is a branch. */
  branch?: string;
  /** Every remote with a url, in config order (origin included). */
  remotes: Array<{ name: string; url: string }>;
}

function findGitDir(start: string): string | 'other' | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, '.git');
    try {
      return statSync(candidate).isDirectory() ? candidate : 'other';
    } catch {
      if (dirname(dir) === dir) return undefined;
    }
  }
}

/** Config features that change what git would answer; seen in any config file → ask git. */
const UNUSUAL = /^\s*(\[\s*include|\[\s*url\b|insteadof\b|pushinsteadof\b|worktree\b|bare\s*=\s*true|refstorage\b)/im;

/**
 * The first url of every remote, by name. Git's rules: the section name (`remote`) and the key
 * (`url`) ignore case, the subsection name (`"origin"`) does not. '\0' when git must answer
 * (quoted values, escapes, the old `[remote.name]` form, which git lower-cases).
 */
export function remoteUrls(config: string): Map<string, string> | '\0' {
  const urls = new Map<string, string>();
  let remote: string | undefined;
  for (const raw of config.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('[')) {
      if (/^\[\s*remote\s*\./i.test(line)) return '\0';
      remote = /^\[\s*remote\s+"([^"\\]*)"\s*\]$/i.exec(line)?.[1];
      continue;
    }
    const m = remote !== undefined ? /^url\s*=\s*(.*)$/i.exec(line) : null;
    if (m?.[1] && remote !== undefined && !urls.has(remote)) {
      const value = m[1].trim();
      // Quoted values and escapes are rare in urls; leave them to git.
      if (/["\\;#]/.test(value)) return '\0';
      urls.set(remote, value);
    }
  }
  return urls;
}

/**
 * GIT_* variables that change where the repository is or what its config says: with any
 * of them set, git itself answers. (GIT_CONFIG_GLOBAL, _SYSTEM and _NOSYSTEM are followed
 * below; the rest — GIT_SSL_CAINFO, GIT_AUTHOR_NAME, GIT_TERMINAL_PROMPT... — cannot
 * change these four answers.)
 */
const CHANGES_ANSWERS = /^GIT_(DIR|WORK_TREE|COMMON_DIR|CEILING_DIRECTORIES|DISCOVERY_ACROSS_FILESYSTEM|NAMESPACE|CONFIG|CONFIG_PARAMETERS|CONFIG_COUNT|CONFIG_KEY_\d+|CONFIG_VALUE_\d+)$/;

/** The global and system config files git reads, as the environment sets them. */
function configFiles(env: NodeJS.ProcessEnv): string[] {
  const home = env.HOME ?? homedir();
  const globals = env.GIT_CONFIG_GLOBAL !== undefined
    ? [env.GIT_CONFIG_GLOBAL]
    : [join(home, '.gitconfig'), join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'git/config')];
  const truthy = (v: string | undefined) => v !== undefined && !/^(0|false|no|off|)$/i.test(v);
  const system = truthy(env.GIT_CONFIG_NOSYSTEM) ? [] : [env.GIT_CONFIG_SYSTEM ?? '/etc/gitconfig'];
  return [...globals, ...system].filter((f) => f !== '' && f !== '/dev/null');
}

export function readGitFiles(start: string, env: NodeJS.ProcessEnv = process.env): GitFacts | undefined {
  if (Object.keys(env).some((k) => CHANGES_ANSWERS.test(k))) return undefined;
  const gitDir = findGitDir(start);
  if (gitDir === undefined || gitDir === 'other') return undefined;
  const [config, head, originHead, ...globals] = [
    readText(join(gitDir, 'config')),
    readText(join(gitDir, 'HEAD')),
    readText(join(gitDir, 'refs/remotes/origin/HEAD')),
    ...configFiles(env).map(readText),
  ];
  if (config === undefined || head === undefined) return undefined;
  if ([config, ...globals].some((c) => c !== undefined && UNUSUAL.test(c))) return undefined;

  const remotes = remoteUrls(config);
  if (remotes === '\0') return undefined;
  const remoteUrl = remotes.get('origin');
  const facts: GitFacts = { top: dirname(gitDir), remotes: [...remotes].map(([name, url]) => ({ name, url })) };
  if (remoteUrl) facts.remoteUrl = remoteUrl;
  const branch = /^ref:\s*refs\/heads\/(.+)$/.exec(head.trim())?.[1];
  if (branch) facts.branch = branch;
  const target = originHead && /^ref:\s*(refs\/remotes\/origin\/.+)$/.exec(originHead.trim())?.[1];
  if (target) facts.originHead = target;
  return facts;
}

/**
 * Why git itself cannot be asked: a .git/config, HEAD or global config that is a named pipe
 * or a device would block git (and us) on open. Undefined when they are regular files.
 */
export function gitFilesProblem(start: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const gitDir = findGitDir(start);
  const local = gitDir === undefined || gitDir === 'other' ? [] : [join(gitDir, 'config'), join(gitDir, 'HEAD')];
  for (const file of [...local, ...configFiles(env)]) {
    const problem = unreadableReason(file);
    if (problem && !problem.startsWith('cannot be read')) return `${file} ${problem}`;
  }
  return undefined;
}
