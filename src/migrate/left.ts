// "Left for you": what a migration does not fix, as `--migrate` prints it and the wizard shows it.
import type { Detected, Finding, RepoRef } from '../core/model.js';
import { workflowDoctor } from '../doctor/workflows.js';
import { outdatedReleaseTools } from './after.js';
import type { MigrationPlan } from './index.js';

/** A line of `left` saying why the migration kept an action reference unpinned (see pinActions). */
const KEPT_PIN = /^(.+?): job "[^"]*": (\S+) (?:names a branch or an unknown tag: .*|kept: (.*))\.$/;

/** The action reference an unpinned-uses finding is about, with its file. */
const pinKey = (f: Finding) => `${f.file} ${f.message.split(' ')[0]}`;

/**
 * What the doctor still reports for the files the migration rewrites (notes included), read as
 * the migration leaves them, and the lines the migration itself adds. An action the migration
 * kept unpinned is said once: as the doctor's finding, with the migration's reason in its fix.
 */
export function leftForYou(plan: MigrationPlan, d: Detected, repo: RepoRef | undefined): { findings: Finding[]; lines: string[] } {
  const after = new Map(plan.changes.filter((c) => c.kind === 'update').map((c) => [c.path, c.after]));
  const files = d.workflows.map((w) => ({ ...w, content: after.get(w.path) ?? w.content }));
  // Local actions and scripts are read as the migration leaves them too.
  const context = d.publishContext ?? {};
  const readFile = (path: string) => after.get(path) ?? context.readFile?.(path);
  const reported = workflowDoctor(files, repo, { ...context, readFile }).findings.filter((f) => after.has(f.file ?? ''));
  const unpinned = new Set(reported.filter((f) => f.id === 'unpinned-uses').map(pinKey));
  const kept = new Map<string, string | undefined>();
  const lines = plan.left.filter((line) => {
    const match = KEPT_PIN.exec(line);
    if (!match || !unpinned.has(`${match[1]} ${match[2]}`)) return true;
    kept.set(`${match[1]} ${match[2]}`, match[3]);
    return false;
  });
  const findings = reported.map((f) => {
    const reason = f.id === 'unpinned-uses' ? kept.get(pinKey(f)) : undefined;
    return reason ? { ...f, fix: `Migrate kept it: ${reason}. ${f.fix ?? ''}`.trim() } : f;
  });
  return { findings: [...findings, ...outdatedReleaseTools(d)], lines };
}
