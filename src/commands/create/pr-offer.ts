// The wizard's "Open a pull request?" step, after the files are written and the checklist is
// printed: asked only when gh is on the PATH (found without running it: nothing goes to the
// network unless the user says yes), for a GitHub repository, default no. A yes runs the
// same checks and steps as --pr; files that had changes of their own before the run are
// refused, since their commit would carry those changes too.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { askOnTerminal, type Confirm } from '../../core/confirm.js';
import { EXIT, FailedError } from '../../core/errors.js';
import type { Io } from '../../core/io.js';
import { repoRoot } from '../../core/paths.js';
import { paint } from '../../core/style.js';
import type { Detected, Plan } from '../../core/model.js';
import type { WriteResult } from '../../apply/write.js';
import { runCommand } from '../../trust/exec.js';
import { PR_BRANCH, prBody } from '../../pr/body.js';
import { contentOfPlan } from './pr-content.js';
import { createPullRequest, prPreflight, type PrDeps, type PrTarget } from '../../pr/git.js';

/** True when an executable `gh` is on PATH. Looks at the files only; runs nothing. */
export function ghOnPath(env: NodeJS.ProcessEnv = process.env): boolean {
  const names = process.platform === 'win32' ? ['gh.exe', 'gh.cmd'] : ['gh'];
  return (env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && names.some((n) => existsSync(join(dir, n))));
}

/** Each written file must be, before the run, what HEAD has: otherwise the commit would carry the user's own edits. */
async function unchangedSinceHead(target: PrTarget, plan: Plan, deps: PrDeps): Promise<void> {
  for (const path of target.paths) {
    const change = plan.changes.find((c) => c.path === path);
    const head = await deps.run('git', ['show', `HEAD:${path}`], { cwd: target.top, env: deps.env ?? process.env });
    const before = head.code === 0 ? head.stdout : undefined;
    if (before !== change?.before) {
      throw new FailedError(`${path} had changes of its own before this run: commit it yourself (git add, git commit), or use --markdown for the description. No pull request was opened.`);
    }
  }
}

/**
 * Returns undefined when the question was not asked or the answer was no (the wizard's own
 * exit code stands), else the pull request step's exit code.
 */
export async function offerPullRequest(d: Detected, plan: Plan, written: readonly WriteResult[], io: Io, confirm: Confirm = askOnTerminal, deps: PrDeps = { run: runCommand }): Promise<number | undefined> {
  const paths = written.filter((w) => w.kind !== 'unchanged').map((w) => w.path);
  if (plan.answers.provider !== 'github' || plan.manual.length > 0 || paths.length === 0 || !d.git.isRepo || !ghOnPath(deps.env)) return undefined;
  if (!(await confirm(`Open a pull request with ${paths.length === 1 ? 'this file' : `these ${paths.length} files`} (branch ${PR_BRANCH}, pushed to origin)?`))) return undefined;
  const target: PrTarget = { top: repoRoot(d), repo: `${plan.repo.owner}/${plan.repo.name}`, base: d.git.defaultBranch ?? 'main', paths };
  try {
    // The written files are dirty now by design: the preflight's own check of them is skipped.
    await prPreflight({ ...target, paths: [] }, deps);
    await unchangedSinceHead(target, plan, deps);
  } catch (error) {
    if (!(error instanceof FailedError)) throw error;
    io.err(error.message.replace(/ Nothing was written\.$/, ' No pull request was opened; the files stay written.'));
    return EXIT.failed;
  }
  const result = await createPullRequest(target, prBody(contentOfPlan(plan), { viaPr: true }), deps);
  if (result.ok) io.out(paint('green', result.message));
  else io.err(result.message);
  return result.ok ? EXIT.ok : EXIT.failed;
}
