// The non-interactive run (--yes, --dry-run): every answer from a flag or a default.
import type { Detected, Plan } from '../model.js';
import type { Options, } from './args.js';
import type { Io } from './main.js';
import { EXIT, FailedError } from './errors.js';
import { checkGiven, resolveDefaults, type GivenAnswers } from '../questions/resolve.js';
import { publishableCandidates } from '../questions/packages.js';
import { makePlan, publishedPackage } from '../plan/index.js';
import { applyChanges, blockedChanges } from '../apply/write.js';
import { unifiedDiff } from '../apply/diff.js';
import { formatChanges, formatChecklist, formatDryRun, formatPublisher, formatWritten } from '../report/text.js';
import { formatSummary } from '../report/summary.js';
import { openUrl, noBrowserReason } from './browser.js';
import { paint } from './style.js';
import { repoRoot } from './paths.js';

/**
 * Refuses, in plain words, what no workflow can publish: no package.json, no name, a
 * private package, a monorepo without a publishable package. `given` flags are checked
 * against the repository too (e.g. --packages names), so a bad flag fails before any question.
 */
export function checkPublishable(d: Detected, given: GivenAnswers = {}): void {
  if (publishableCandidates(d).length === 0) {
    // Detection reports `monorepo` for every workspace root, with or without packages.
    if (d.findings.some((f) => f.id === 'monorepo')) {
      throw new FailedError(
        'This is a monorepo root, but none of its workspace packages can be published: each needs a "name" and no "private": true.',
      );
    }
    const pkg = publishedPackage(d);
    throw new FailedError(`${pkg.name ?? 'This package'} has "private": true in package.json, so it cannot be published.`);
  }
  checkGiven(d, given);
}

export async function planFor(d: Detected, answers: Plan['answers']): Promise<Plan> {
  const { renderWorkflow } = await import('../render/workflow.js');
  return makePlan(d, answers, renderWorkflow);
}

/** Prints the npmjs.com values, opens the first page when allowed, and says what happened. */
export async function showPublishers(plan: Plan, options: Pick<Options, 'open'>, io: Io): Promise<void> {
  io.out(paint('bold', '\nOn npmjs.com: add a trusted publisher'));
  for (const p of plan.publishers) io.out(formatPublisher(p));
  const first = plan.publishers[0];
  if (!first) return;
  if (!options.open) return;
  const reason = noBrowserReason();
  if (reason) {
    io.out(paint('dim', `(Not opening a browser: ${reason}. Open the URL above.)`));
    return;
  }
  const result = await openUrl(first.url);
  io.out(paint('dim', result === 'opened' ? `Opened ${first.url} in your browser.` : `Could not open a browser: open ${first.url} yourself.`));
}

export async function runNonInteractive(d: Detected, options: Options, io: Io): Promise<number> {
  checkPublishable(d, options.given);
  io.out(formatSummary(d));
  const answers = resolveDefaults(d, options.given);
  const plan = await planFor(d, answers);
  io.out(`\n${paint('bold', options.dryRun ? 'Would write' : 'Plan')}\n${formatChanges(plan)}`);
  for (const note of plan.notes) io.out(`${paint('yellow', '!')} ${note}`);

  if (options.dryRun) {
    io.out('\n' + formatDryRun(plan));
    for (const p of plan.publishers) io.out(formatPublisher(p));
    io.out(paint('bold', '\nDry run: nothing was written.'));
    return EXIT.ok;
  }

  const blocked = blockedChanges(plan.changes, options.force);
  if (blocked.length > 0) {
    for (const c of blocked) io.err(unifiedDiff(c.before ?? '', c.after, c.path));
  }
  const root = repoRoot(d);
  const results = await applyChanges(plan.changes, { root, consent: options.force });
  if (results.every((r) => r.kind === 'unchanged')) {
    io.out(`\nNothing to change: ${results.map((r) => r.path).join(', ')} already up to date.`);
  } else {
    io.out(`\n${paint('bold', 'Written')}\n${formatWritten(results)}`);
  }
  await showPublishers(plan, options, io);
  io.out(`\n${paint('bold', 'Then retire the token, in this order')}\n${formatChecklist(plan.checklist)}`);
  io.out(paint('dim', '\nRun create-trusted-publish again any time: it changes nothing when all is in place.'));
  return EXIT.ok;
}
