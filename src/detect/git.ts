// Git facts about the target directory: top level, origin remote, default branch.
import { realpathSync, statSync } from 'node:fs';
import { relative, sep } from 'node:path';
import type { Finding, GitInfo } from '../core/model.js';
import { runGit } from './exec.js';
import { gitFilesProblem, readGitFiles } from './git-files.js';
import { parseRemote, redactUrl, unusableRemote } from './remote.js';
import { shown } from '../text/output.js';
import { providerForHost, unsupportedProviderReason } from '../providers/unsupported.js';

export interface GitDetection {
  git: GitInfo;
  /** Real path of the git top level, or of the target directory when it is not a repository. */
  top: string;
  findings: Finding[];
}

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** `git config --get-regexp` lines `remote.<name>.url <url>`: the first url of each remote. */
function configRemotes(stdout: string): Array<{ name: string; url: string }> {
  const out: Array<{ name: string; url: string }> = [];
  for (const line of stdout.split('\n')) {
    const m = /^remote\.(.+)\.url (.*)$/.exec(line);
    if (m && !out.some((r) => r.name === m[1])) out.push({ name: m[1]!, url: m[2]! });
  }
  return out;
}

/** The remotes other than origin that name a repository on a known host. */
function otherRemotes(urls: ReadonlyArray<{ name: string; url: string }>): NonNullable<GitInfo['otherRemotes']> {
  const out: NonNullable<GitInfo['otherRemotes']> = [];
  for (const { name, url } of urls) {
    if (name === 'origin' || unusableRemote(url)) continue;
    const parsed = parseRemote(url);
    if (parsed) out.push({ name, host: parsed.host, slug: `${parsed.owner}/${parsed.name}` });
  }
  return out;
}

export async function detectGit(root: string): Promise<GitDetection> {
  const rootReal = real(root);
  const notRepo = (message: string): GitDetection => ({
    git: { isRepo: false, prefix: '' },
    top: rootReal,
    findings: [{ id: 'not-a-git-repo', level: 'warning', message }],
  });
  if (!isDirectory(rootReal)) return notRepo(`${root} is not a directory, so it is not a git repository.`);

  const facts = readGitFiles(rootReal);
  const blocked = facts ? undefined : gitFilesProblem(rootReal);
  if (blocked) return notRepo(`${blocked}: git cannot read this repository (it would wait forever), so it is read as no repository.`);
  const [top, remote, originHead, branch, urls] = facts
    ? [
        { ok: true, stdout: facts.top, missing: false },
        { ok: facts.remoteUrl !== undefined, stdout: facts.remoteUrl ?? '', missing: false },
        { ok: facts.originHead !== undefined, stdout: facts.originHead ?? '', missing: false },
        { ok: facts.branch !== undefined, stdout: facts.branch ?? '', missing: false },
        facts.remotes,
      ]
    : await Promise.all([
        runGit(rootReal, ['rev-parse', '--show-toplevel']),
        runGit(rootReal, ['remote', 'get-url', 'origin']),
        runGit(rootReal, ['symbolic-ref', '-q', 'refs/remotes/origin/HEAD']),
        runGit(rootReal, ['branch', '--show-current']),
        runGit(rootReal, ['config', '--get-regexp', '^remote\\..*\\.url$']).then((r) => (r.ok ? configRemotes(r.stdout) : [])),
      ]);
  if (top.missing) return notRepo('git was not found on PATH, so the repository could not be read.');
  if (!top.ok || !top.stdout) return notRepo(`${root} is not inside a git repository.`);

  const topReal = real(top.stdout);
  const prefix = relative(topReal, rootReal).split(sep).join('/');
  const git: GitInfo = { isRepo: true, prefix };
  const findings: Finding[] = [];

  const headPrefix = 'refs/remotes/origin/';
  if (originHead.ok && originHead.stdout.startsWith(headPrefix)) {
    git.defaultBranch = originHead.stdout.slice(headPrefix.length);
  } else if (branch.ok && branch.stdout) {
    git.defaultBranch = branch.stdout;
  }

  if (!remote.ok || !remote.stdout) {
    findings.push({
      id: 'no-remote',
      level: 'warning',
      message: 'The repository has no remote named "origin", so the GitHub repository is unknown.',
      fix: 'Add it with `git remote add origin <url>`, or give the repository when asked.',
    });
    return { git, top: topReal, findings };
  }

  const others = otherRemotes(urls);
  if (others.length > 0) git.otherRemotes = others;
  git.remoteUrl = redactUrl(remote.stdout);
  const unusable = unusableRemote(remote.stdout);
  if (unusable) {
    findings.push({
      id: 'remote-invalid',
      level: 'error',
      message: `The URL of the remote "origin" (${shown(git.remoteUrl)}) ${unusable}.`,
      file: '.git/config',
      fix: 'Correct it (git remote set-url origin <url>), or pass --repo owner/name.',
    });
    delete git.remoteUrl;
    return { git, top: topReal, findings };
  }
  const parsed = parseRemote(remote.stdout);
  if (parsed) {
    git.host = parsed.host;
    git.slug = `${parsed.owner}/${parsed.name}`;
  }
  if (parsed?.host === 'github.com') git.github = { owner: parsed.owner, name: parsed.name };
  // github.com and gitlab.com have a provider; anything else stops the run unless --provider or
  // --repo says where the publish job runs (a CircleCI project, a GitHub mirror).
  const unsupported = parsed && providerForHost(parsed.host) ? null : unsupportedProviderReason(parsed?.host ?? git.remoteUrl);
  if (unsupported) {
    findings.push({
      id: 'not-github',
      level: 'error',
      message: `The remote "origin" is on ${parsed?.host ?? git.remoteUrl}. ${unsupported}`,
      fix: 'If the publish job runs elsewhere, say where: --provider circleci (with its IDs), --provider github --repo owner/name, or --provider gitlab --gitlab-project group/project.',
    });
  }
  return { git, top: topReal, findings };
}
