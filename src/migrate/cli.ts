// `create-trusted-publish --migrate [file]`: edit the existing publish workflow in place.
// Shows every edit as a diff; writes only with consent (--force, or yes on a terminal), through
// applyChanges (atomic, a .bak backup of each file). Then the npmjs.com values for the file.
import type { Options } from '../cli/args.js';
import { askOnTerminal, type Confirm } from '../cli/confirm.js';
import { EXIT, FailedError } from '../cli/errors.js';
import type { Io } from '../cli/main.js';
import { repoRoot } from '../cli/paths.js';
import { paint } from '../cli/style.js';
import { applyChanges } from '../apply/write.js';
import { unifiedDiff } from '../apply/diff.js';
import { targetProblems } from '../apply/targets.js';
import { detect } from '../detect/index.js';
import { workflowDoctor } from '../doctor/workflows.js';
import { publishedPackages } from '../doctor/index.js';
import { formatFindings, formatWritten } from '../report/text.js';
import { trustStep } from '../trust/index.js';
import { MigrateError, planMigration, type MigrationPlan } from './index.js';
import { migratedWorkflow, printAfterMigration } from './after.js';

export type { Confirm } from '../cli/confirm.js';

function splitSlug(slug: string | undefined) {
  const [owner, name] = (slug ?? '').split('/');
  return owner && name ? { owner, name } : undefined;
}

/** What the doctor still reports for the migrated files, errors and warnings only. */
function remaining(plan: MigrationPlan, all: { path: string; fileName: string; content: string }[], repo: ReturnType<typeof splitSlug>) {
  const after = new Map(plan.changes.map((c) => [c.path, c.after]));
  const files = all.map((w) => ({ ...w, content: after.get(w.path) ?? w.content }));
  return workflowDoctor(files, repo).findings.filter((f) => after.has(f.file ?? '') && f.level !== 'info');
}

export async function runMigrateCli(root: string, options: Options & { migrate?: string; trust?: boolean }, io: Io, confirm: Confirm = askOnTerminal): Promise<number> {
  const d = await detect(root);
  const repo = splitSlug(options.given.repo) ?? d.git.github;
  let plan: MigrationPlan;
  try {
    plan = planMigration(d, { ...(options.migrate ? { file: options.migrate } : {}), ...(repo ? { repo } : {}) });
  } catch (error) {
    if (error instanceof MigrateError) throw new FailedError(error.message);
    throw error;
  }
  const problems = targetProblems(plan.changes, repoRoot(d));
  if (problems.length > 0) throw new FailedError(`${problems.join('\n')}\nNothing was written.`);
  for (const { path, result } of plan.results) {
    if (result.after === result.before) {
      io.out(`${path}: nothing to migrate.`);
      continue;
    }
    io.out(paint('bold', `\n${path}`));
    for (const change of result.changes) io.out(`  - ${change}`);
    io.out('\n' + unifiedDiff(result.before, result.after, path));
  }
  const left = remaining(plan, d.workflows, repo);
  if (left.length > 0) io.out(`${paint('bold', 'Left for you (migrate does not change these)')}\n${formatFindings(left)}`);
  for (const note of plan.notes) io.out(`${paint('yellow', '!')} ${note}`);
  const changed = plan.changes.filter((c) => c.kind === 'update');
  if (options.dryRun || changed.length === 0) {
    if (options.dryRun) io.out(paint('bold', '\nDry run: nothing was written.'));
  } else {
    const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY) && !options.yes;
    const consent = options.force || (interactive && (await confirm(`Apply these edits to ${changed.map((c) => c.path).join(', ')}? A .bak backup of each file is kept.`)));
    // Saying no at the prompt is an answer, not a failure; without a terminal it is one.
    if (!consent && interactive && !options.force) {
      io.out('Nothing was written.');
      return EXIT.ok;
    }
    if (!consent) {
      throw new FailedError('Nothing was written. Re-run with --force to apply these edits (a .bak backup of each file is kept), or with --dry-run to only see them.');
    }
    const written = await applyChanges(plan.changes, { root: repoRoot(d), consent: true });
    io.out(`\n${paint('bold', 'Written')}\n${formatWritten(written)}`);
  }
  const packages = publishedPackages(d).map((p) => p.name!);
  const migrated = migratedWorkflow(d, plan);
  if (migrated && repo) printAfterMigration(d, migrated, repo, io);
  if (options.trust) {
    if (!plan.trustFile || !repo) throw new FailedError('--trust needs one publish workflow and a known GitHub repository: pick one with --migrate <file> and pass --repo.');
    const ok = await trustStep({ packages, repo, workflow: plan.trustFile, environment: plan.environment }, { dryRun: options.dryRun, io, cwd: d.root });
    if (!ok) return EXIT.failed;
  }
  io.out(paint('dim', '\nThen commit, push, release, and run `create-trusted-publish doctor --registry-check` to see the provenance that proves it worked.'));
  return EXIT.ok;
}
