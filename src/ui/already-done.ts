// What the checklist can tick by itself on a re-run, offline: the workflow is committed and
// pushed when nothing was written now, git has no change to its files, and HEAD is on a
// remote branch. (Whether the publisher exists needs the registry, and the environment
// needs GitHub: both are left for the user to tick.)
import type { Plan } from '../model.js';
import { runGit } from '../detect/exec.js';

export async function alreadyDone(plan: Plan, cwd: string): Promise<string[]> {
  const paths = plan.changes.map((c) => c.path);
  if (paths.length === 0 || plan.changes.some((c) => c.kind !== 'unchanged')) return [];
  const tracked = await runGit(cwd, ['ls-files', '--error-unmatch', '--', ...paths]);
  if (!tracked.ok) return [];
  const status = await runGit(cwd, ['status', '--porcelain', '--', ...paths]);
  if (!status.ok || status.stdout !== '') return [];
  const pushed = await runGit(cwd, ['branch', '-r', '--contains', 'HEAD']);
  return pushed.ok && pushed.stdout !== '' ? ['commit'] : [];
}
