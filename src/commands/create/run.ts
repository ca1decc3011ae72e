// The non-interactive run (--yes, --dry-run): every answer from a flag or a default.
import type { Detected, Plan } from '../../core/model.js';
import { inFlagWords, type Options } from './args.js';
import type { Io } from '../../core/io.js';
import { EXIT, FailedError, UsageError } from '../../core/errors.js';
import { checkGiven, resolveDefaults, type GivenAnswers } from '../../questions/resolve.js';
import { detectedProvider, PROVIDER_NAMES } from '../../questions/provider.js';
import { withCiFile } from '../../detect/ci-files.js';
import { publishableCandidates } from '../../questions/packages.js';
import { makePlan, publishedPackage } from '../../plan/index.js';
import { renderer } from '../../providers/github/workflow.js';
import { applyChanges, blockedChanges } from '../../apply/write.js';
import { unifiedDiff } from '../../apply/diff.js';
import { markConsent, targetProblems } from '../../apply/targets.js';
import { formatChanges, formatDryRun, formatManual, formatPublisher, formatWritten } from '../../report/text.js';
import { formatChecklist } from '../../report/checklist.js';
import { formatSummary } from '../../report/summary.js';
import { openUrl, noBrowserReason } from '../../core/browser.js';
import { paint } from '../../core/style.js';
import { repoRoot } from '../../core/paths.js';
import { flowStep, initFlow, type FlowEvent } from './flow/machine.js';

/** Findings that say why a workspace package or pattern was left out. */
const SKIPPED_WORKSPACES = new Set(['workspace-outside', 'workspace-folder-name', 'invalid-package-name', 'invalid-workspace-package-json']);

/**
 * Refuses, in plain words, what no workflow can publish: no package.json, no name, a
 * private package, a monorepo without a publishable package. `given` flags are checked
 * against the repository too (e.g. --packages names), so a bad flag fails before any question.
 */
export function checkPublishable(d: Detected, given: GivenAnswers = {}): void {
  if (publishableCandidates(d).length === 0) {
    // Detection reports `monorepo` for every workspace root, with or without packages.
    if (d.isMonorepo) {
      const skipped = d.findings.filter((f) => SKIPPED_WORKSPACES.has(f.id));
      throw new FailedError(
        'This is a monorepo root, but none of its workspace packages can be published: each needs a "name" and no "private": true.' +
          skipped.map((f) => `\n${f.file ? `${f.file}: ` : ''}${f.message}${f.fix ? ` ${f.fix}` : ''}`).join(''),
      );
    }
    const pkg = publishedPackage(d);
    throw new FailedError(`${pkg.name ?? 'This package'} has "private": true in package.json, so it cannot be published.`);
  }
  checkGiven(d, given);
}

export async function planFor(d: Detected, answers: Plan['answers']): Promise<Plan> {
  const plan = await providerPlan(d, answers);
  return { ...plan, changes: markConsent(plan.changes, repoRoot(d)) };
}

async function providerPlan(d: Detected, answers: Plan['answers']): Promise<Plan> {
  if (answers.provider === 'github') {
    return makePlan(d, answers, renderer);
  }
  // Loaded only for GitLab and CircleCI: it brings the YAML parser.
  const { makeCiPlan } = await import('../../plan/ci.js');
  const withFile = answers.provider === 'gitlab' && answers.ciFile ? withCiFile(d, repoRoot(d), answers.ciFile) : d;
  return makeCiPlan(withFile, answers);
}

/**
 * A remote on a host npm does not trust (Bitbucket, a self-managed GitLab) stops the run, unless
 * --provider or --repo says where the publish job runs instead: then it is no longer a finding.
 */
/** What a --repo or --provider answers: the remote's host or URL; only --repo answers a fork clone. */
const ANSWERED_BY_PROVIDER = new Set(['not-github', 'remote-invalid']);
const ANSWERED_BY_REPO = new Set([...ANSWERED_BY_PROVIDER, 'fork-clone']);

export function acceptOverrides(d: Detected, given: GivenAnswers): Detected {
  if (given.provider === undefined && given.repo === undefined) return d;
  const answered = given.repo === undefined ? ANSWERED_BY_PROVIDER : ANSWERED_BY_REPO;
  return { ...d, findings: d.findings.filter((f) => !answered.has(f.id)) };
}

/** `--trust` runs `npm trust github`: refused up front for the other providers. */
export function checkTrustProvider(d: Detected, given: GivenAnswers): void {
  const provider = given.provider ?? detectedProvider(d);
  if (provider === 'github') return;
  throw new UsageError(
    `--trust configures GitHub Actions publishers only. For ${PROVIDER_NAMES[provider]}, run without --trust and use the npm trust command printed with the npmjs.com values.`,
  );
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

/**
 * Workflows (and GitLab/CircleCI files) that already publish to npm with a token. `--yes` migrates
 * them in place rather than adding a second publishing workflow beside them.
 */
export function tokenPublishers(d: Detected): string[] {
  // Detection's own scan (no YAML parser on this path): a publish command and a token in one file.
  const files = [...d.workflows, ...d.ciFiles].filter((f) => f.publishes && f.tokenUses.length > 0);
  return files.map((f) => f.path);
}

/** With --registry-check, what the wizard's checklist would tick (npm trust list, gh); else nothing is asked. */
async function doneOnline(plan: Plan, d: Detected, options: Options): Promise<ReadonlySet<string>> {
  if (!options.registryCheck) return new Set();
  const { alreadyDone } = await import('./ui/already-done.js');
  return new Set(await alreadyDone(plan, d.root, {}));
}

export async function runNonInteractive(d: Detected, options: Options, io: Io): Promise<number> {
  if (options.given.workflow === undefined && options.given.provider === undefined) {
    const existing = tokenPublishers(d);
    if (existing.length > 0) {
      io.out(formatSummary(d));
      io.out(`\n${existing.join(', ')} already ${existing.length === 1 ? 'publishes' : 'publish'} to npm with a token, so ${existing.length === 1 ? 'it is' : 'they are'} migrated in place (--migrate) instead of adding a second publishing workflow. Pass --workflow <name> to write a new one.`);
      const { runMigrateCli } = await import('../migrate.js');
      return await runMigrateCli(d.root, { ...options, migrate: '' }, io);
    }
  }
  checkPublishable(d, options.given);
  io.out(formatSummary(d));
  // Flags and defaults answer every question at once: the flow starts at its review.
  const answers = resolveDefaults(d, options.given);
  let state = initFlow({ questions: [], answers, force: options.force, offerOpen: false, existingWorkflows: d.workflows.map((w) => w.fileName) });
  const send = (event: FlowEvent) => (state = flowStep(state, event));
  const plan = await planFor(d, answers);
  io.out(`\n${paint('bold', options.dryRun ? 'Would write' : 'Plan')}\n${formatChanges(plan)}`);
  for (const note of plan.notes) io.out(`${paint('yellow', '!')} ${note}`);
  if (plan.manual.length > 0) io.out(`\n${formatManual(plan.manual)}`);

  if (options.dryRun) {
    io.out('\n' + formatDryRun(plan));
    for (const p of plan.publishers) io.out(formatPublisher(p));
    io.out(paint('bold', '\nDry run: nothing was written.'));
    const problems = targetProblems(plan.changes, repoRoot(d));
    if (problems.length > 0) {
      io.err(`${problems.join('\n')}\nA run without --dry-run would write nothing.`);
      return EXIT.failed;
    }
    return EXIT.ok;
  }

  // --yes is the yes to the review; a replace it cannot ask about is --force's, or refused below.
  send({ type: 'review', yes: true, plan });
  const { step } = state;
  const consent = step.kind === 'writing' && step.consent;
  if (step.kind === 'replace') {
    for (const c of blockedChanges(plan.changes, consent)) io.err(unifiedDiff(c.before ?? '', c.after, c.path));
  }
  const blocked = step.kind === 'replace' ? step.paths : [];
  const root = repoRoot(d);
  let results: Awaited<ReturnType<typeof applyChanges>>;
  try {
    results = await applyChanges(plan.changes, { root, consent });
  } catch (error) {
    // The refusal to replace an existing workflow also names the in-place migration.
    const worded = inFlagWords(error);
    if (worded instanceof FailedError && blocked.some((path) => path.startsWith('.github/workflows/'))) {
      throw new FailedError(`${worded.message}\nTo edit the existing workflow in place instead, re-run with --migrate.`);
    }
    throw worded;
  }
  send({ type: 'written', results });
  if (results.length === 0) {
    // Only a hand edit is planned (shown above).
  } else if (results.every((r) => r.kind === 'unchanged')) {
    io.out(`\nNothing to change: ${results.map((r) => r.path).join(', ')} already up to date.`);
  } else {
    io.out(`\n${paint('bold', 'Written')}\n${formatWritten(results)}`);
  }
  // Every package's npmjs.com values at once.
  await showPublishers(plan, options, io);
  while (state.step.kind === 'publisher') send({ type: 'next' });
  // Piped (to a file, an issue, a pull request): a Markdown task list.
  const markdown = !process.stdout.isTTY;
  io.out(`\n${paint('bold', 'Then retire the token, in this order')}\n${formatChecklist(plan.checklist, await doneOnline(plan, d, options), undefined, markdown)}`);
  send({ type: 'leave' });
  io.out(paint('dim', '\nRun create-trusted-publish again any time: it changes nothing when all is in place.'));
  // Exit 1: the publish job is not in place until the user pastes it (a script must not read "done").
  if (plan.manual.length > 0) {
    io.err(`${plan.manual.map((m) => m.path).join(', ')}: nothing was written there. Paste the job shown above, then run again.`);
    return EXIT.failed;
  }
  return EXIT.ok;
}
