// `--pr`: checks first (before anything is written), then a branch, a commit of exactly the
// files the run wrote, a push and `gh pr create`. Every refusal says why and changes nothing;
// a failure after the commit says exactly what exists (local branch, pushed branch) and how
// to finish by hand.
import { FailedError } from '../core/errors.js';
import { runCommand, type Runner } from '../trust/exec.js';
import { COMMIT_MESSAGE, PR_BRANCH, PR_TITLE } from './body.js';

const GIT_ENV = { GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };

export interface PrTarget {
  /** The repository's top level. */
  top: string;
  /** `owner/name` on GitHub. */
  repo: string;
  /** The branch the pull request goes into. */
  base: string;
  /** Files the run writes, relative to `top`. */
  paths: string[];
}

export interface PrDeps {
  run: Runner;
  env?: NodeJS.ProcessEnv;
}

const defaults: PrDeps = { run: runCommand };

function git(target: Pick<PrTarget, 'top'>, deps: PrDeps, args: string[]) {
  return deps.run('git', args, { cwd: target.top, env: { ...(deps.env ?? process.env), ...GIT_ENV } });
}

const firstLine = (text: string) => text.split('\n').map((l) => l.trim()).find(Boolean) ?? '';

/** Refuses, before anything is written, every case in which the pull request could not be made. */
export async function prPreflight(target: PrTarget, deps: PrDeps = defaults): Promise<void> {
  const inside = await git(target, deps, ['rev-parse', '--is-inside-work-tree']);
  if (inside.missing) throw new FailedError('--pr needs git, which is not installed.');
  if (inside.code !== 0 || inside.stdout.trim() !== 'true') throw new FailedError(`--pr needs a git repository: ${target.top} is not one. Nothing was written.`);
  if ((await git(target, deps, ['rev-parse', '--verify', '--quiet', 'HEAD'])).code !== 0) {
    throw new FailedError('--pr needs a first commit to branch from. Commit, push, then run again. Nothing was written.');
  }
  // Branching from anything but the base would put other commits in the pull request too.
  const current = (await git(target, deps, ['symbolic-ref', '-q', '--short', 'HEAD'])).stdout.trim();
  if (current !== target.base) {
    throw new FailedError(`${current ? `You are on the branch ${current}` : 'HEAD is not on a branch'}: switch to ${target.base} first, so the pull request holds only this change. Nothing was written.`);
  }
  if ((await git(target, deps, ['remote', 'get-url', 'origin'])).code !== 0) throw new FailedError('--pr pushes to the remote "origin", and there is none. Nothing was written.');
  if ((await git(target, deps, ['var', 'GIT_COMMITTER_IDENT'])).code !== 0) {
    throw new FailedError('git does not know who you are (user.name, user.email): set them, then run again. Nothing was written.');
  }
  for (const ref of [`refs/heads/${PR_BRANCH}`, `refs/remotes/origin/${PR_BRANCH}`]) {
    if ((await git(target, deps, ['rev-parse', '--verify', '--quiet', ref])).code === 0) {
      throw new FailedError(`The branch ${PR_BRANCH} already exists${ref.includes('remotes') ? ' on origin' : ''}: merge or delete it first (git branch -D ${PR_BRANCH}). Nothing was written.`);
    }
  }
  if ((await git(target, deps, ['diff', '--cached', '--quiet'])).code !== 0) {
    throw new FailedError('The working tree has staged changes of its own: commit or unstage them first, so the pull request holds only what this tool writes. Nothing was written.');
  }
  const dirty = target.paths.length === 0 ? undefined : await git(target, deps, ['status', '--porcelain', '--untracked-files=all', '--', ...target.paths]);
  if (dirty && dirty.stdout.trim() !== '') {
    const files = dirty.stdout.split('\n').filter(Boolean).map((l) => l.slice(3)).join(', ');
    throw new FailedError(`${files} ha${files.includes(',') ? 've' : 's'} uncommitted changes: commit or stash them first, so the pull request holds only what this tool writes. Nothing was written.`);
  }
  const auth = await deps.run('gh', ['auth', 'status'], { env: deps.env ?? process.env });
  if (auth.missing) throw new FailedError('--pr opens the pull request with the GitHub CLI, which is not installed: https://cli.github.com (or use --markdown and open it yourself). Nothing was written.');
  if (auth.code !== 0) throw new FailedError('The GitHub CLI is not logged in: run gh auth login, then run again. Nothing was written.');
}

export interface PrResult {
  ok: boolean;
  /** The pull request's URL, when it was created. */
  url?: string;
  /** What happened, for the user, in plain words. */
  message: string;
}

/** After the files are written: branch, commit exactly `paths`, push, `gh pr create`. */
export async function createPullRequest(target: PrTarget, body: string, deps: PrDeps = defaults): Promise<PrResult> {
  const changed = target.paths.length === 0 ? undefined : await git(target, deps, ['status', '--porcelain', '--untracked-files=all', '--', ...target.paths]);
  if (!changed || changed.stdout.trim() === '') return { ok: true, message: 'Nothing changed, so there is nothing to propose: no branch, no pull request.' };
  const start = await git(target, deps, ['switch', '-c', PR_BRANCH]);
  if (start.code !== 0) return { ok: false, message: `git switch -c ${PR_BRANCH} failed: ${firstLine(start.stderr)}. The files are written; nothing was committed.` };
  const add = await git(target, deps, ['add', '--', ...target.paths]);
  const commit = add.code === 0 ? await git(target, deps, ['commit', '-q', '-m', COMMIT_MESSAGE]) : add;
  if (commit.code !== 0) {
    // Undo the branch: the written files stay in the working tree, as without --pr.
    await git(target, deps, ['reset', '-q', '--', ...target.paths]);
    await git(target, deps, ['switch', '-q', '-']);
    await git(target, deps, ['branch', '-q', '-D', PR_BRANCH]);
    return { ok: false, message: `git commit failed: ${firstLine(commit.stderr || commit.stdout)}. No branch was made; the files are written, uncommitted.` };
  }
  const push = await git(target, deps, ['push', '-q', '-u', 'origin', PR_BRANCH]);
  if (push.code !== 0) {
    return {
      ok: false,
      message:
        `The push was rejected: ${firstLine(push.stderr)}.\n` +
        `The commit is on the local branch ${PR_BRANCH} (checked out); nothing was pushed and no pull request was opened.\n` +
        `Fix the cause, then: git push -u origin ${PR_BRANCH} && gh pr create --fill`,
    };
  }
  const pr = await deps.run('gh', ['pr', 'create', '--repo', target.repo, '--base', target.base, '--head', PR_BRANCH, '--title', PR_TITLE, '--body', body], {
    cwd: target.top,
    env: deps.env ?? process.env,
  });
  if (pr.code !== 0) {
    return {
      ok: false,
      message:
        `The branch ${PR_BRANCH} was pushed, but gh pr create failed: ${firstLine(pr.stderr)}.\n` +
        `Open the pull request yourself: https://github.com/${target.repo}/compare/${target.base}...${PR_BRANCH}?expand=1 (create-trusted-publish --markdown prints its body).`,
    };
  }
  const url = pr.stdout.split('\n').map((l) => l.trim()).find((l) => l.startsWith('https://'));
  return { ok: true, ...(url ? { url } : {}), message: `Opened the pull request${url ? `: ${url}` : '.'}` };
}
