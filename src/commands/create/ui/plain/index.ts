// The line-by-line front-end (--plain, TERM=dumb): the same questions, review, consent
// rules and writes as the Ink wizard, through @inquirer/prompts. Ctrl-C makes Inquirer
// throw ExitPromptError, which main.ts turns into exit 130.
// The prompt packages @inquirer/prompts re-exports, imported one by one: the barrel would
// pull every prompt (and an editor with its encoding tables) into the bundle.
import input from '@inquirer/input';
import select from '@inquirer/select';
import confirm from '@inquirer/confirm';
import checkbox from '@inquirer/checkbox';
import type { Answers, Detected, Plan } from '../../../../core/model.js';
import type { Io } from '../../../../core/io.js';
import type { RunContext } from '../../flow/context.js';
import { CancelledError, EXIT, UsageError } from '../../../../core/errors.js';
import { checkPublishable, planFor, showPublishers } from '../../run.js';
import { repoRoot } from '../../../../core/paths.js';
import { noBrowserReason, openUrl } from '../../../../core/browser.js';
import { paint } from '../../../../core/style.js';
import { alreadyDone } from '../already-done.js';
import { checkGivenConflict, conflictOf } from '../../flow/conflict.js';
import { applyChanges, blockedChanges, type WriteResult } from '../../../../apply/write.js';
import { unifiedDiff } from '../../../../apply/diff.js';
import { formatSummary } from '../../../../report/summary.js';
import { formatChanges, formatManual, formatWritten } from '../../../../report/text.js';
import { formatChecklist } from '../../../../report/checklist.js';
import { flowStep, initFlow, type FlowEvent } from '../../flow/machine.js';
import { flowConfig } from '../../flow/config.js';
import { reviewQuestion } from '../../flow/review-question.js';
import { ask, type Prompts } from './ask.js';
import { DOCS_URL, equivalentCommand } from '../../../../report/equivalent-command.js';
import { VERSION } from '../../../../core/version.js';


export interface PlainDeps {
  prompts: Prompts;
  plan(d: Detected, answers: Answers): Promise<Plan>;
  open(url: string): Promise<unknown>;
  /** Why no browser can be opened here (undefined: one may be). */
  noBrowser(): string | undefined;
}

/**
 * An @inquirer prompt that Esc leaves, as in the full-screen wizard: Inquirer's own keys have
 * no Esc, so a keypress listener aborts it, and the abort is a cancel (exit 130).
 */
function escapable<F extends (config: never, context?: { signal?: AbortSignal }) => Promise<unknown>>(prompt: F): F {
  return (async (config: never) => {
    const controller = new AbortController();
    const onKey = (_: unknown, key?: { name?: string }) => {
      if (key?.name === 'escape') controller.abort();
    };
    process.stdin.on('keypress', onKey);
    try {
      return await prompt(config, { signal: controller.signal });
    } catch (error) {
      if (error instanceof Error && error.name === 'AbortPromptError') throw new CancelledError();
      throw error;
    } finally {
      process.stdin.off('keypress', onKey);
    }
  }) as F;
}

const realDeps: PlainDeps = {
  prompts: { input: escapable(input), select: escapable(select), confirm: escapable(confirm), checkbox: escapable(checkbox) },
  plan: planFor,
  open: openUrl,
  noBrowser: () => noBrowserReason(),
};

function printReview(plan: Plan, io: Io): void {
  io.out(`\n${paint('bold', 'Review')}\n${formatChanges(plan)}`);
  for (const note of plan.notes) io.out(`${paint('yellow', '!')} ${note}`);
  if (plan.manual.length > 0) io.out(`\n${formatManual(plan.manual)}`);
  for (const c of plan.changes) {
    if (c.kind === 'create') io.out(`\n${paint('bold', `+++ ${c.path} (new file)`)}\n${c.after}`);
    else if (c.kind === 'update') io.out(`\n${unifiedDiff(c.before ?? '', c.after, c.path)}`);
  }
}

export async function run(context: RunContext, deps?: PlainDeps): Promise<number> {
  if (deps) return runWith(context, deps);
  // A dumb terminal gets questions line by line with no cursor movement, and ASCII markers.
  if (process.env.TERM === 'dumb') {
    const { linePrompts, toAscii } = await import('./line-prompts.js');
    const io: Io = { out: (t) => context.io.out(toAscii(t)), err: (t) => context.io.err(toAscii(t)) };
    return runWith({ ...context, io }, { ...realDeps, prompts: linePrompts() });
  }
  return runWith(context, realDeps);
}

/**
 * Walks the flow's state machine (flow/machine.ts) one prompt per state. Where the screens
 * differ from Ink's: a publishing workflow kept is followed by every question again (no
 * "pick an answer" list), a renamed workflow is written once nothing is in its way (the
 * review was answered already), and the npmjs.com values are printed all at once.
 */
async function runWith({ detected, options, io }: RunContext, deps: PlainDeps): Promise<number> {
  checkPublishable(detected, options.given);
  checkGivenConflict(options.given);
  const { prompts } = deps;
  io.out(`${paint('dim', `create-trusted-publish ${VERSION}`)}\n\n${formatSummary(detected)}`);

  let state = initFlow(flowConfig(detected, options, false));
  const send = (event: FlowEvent) => (state = flowStep(state, event));
  if (state.questions.length > 0) io.out('');
  let renamed = false;
  let results: WriteResult[] = [];
  for (;;) {
    const { step } = state;
    if (step.kind === 'question') {
      const q = state.questions[step.index]!;
      if (step.kept) {
        renamed = true;
        io.out(`${step.kept.join(', ')} stays as it is. Choose another name for the new workflow (Ctrl-C quits, nothing written).`);
      } else if (step.conflict) io.out(paint('yellow', `! ${step.conflict}`));
      send({ type: 'answer', id: q.id, value: await ask(q, state.answers[q.id], detected, prompts, io, state.answers) });
    } else if (step.kind === 'review') {
      if (step.kept) {
        // A new file beside a workflow that publishes would publish the package twice: every question again.
        const again = state.questions.length > 0;
        const then = again ? ' Change an answer below, or press Esc to quit.' : '';
        io.out(`${step.kept.join(', ')} stays as it is and nothing is written: a second workflow would publish the package twice.${then}`);
        if (!again) return EXIT.ok;
        send({ type: 'again' });
        continue;
      }
      // A combination no workflow can serve, with no question left to change it.
      const conflict = conflictOf(state.answers);
      if (conflict) throw new UsageError(conflict.message);
      const plan = await deps.plan(detected, state.answers as Answers);
      if (renamed) {
        // The review was answered before the rename: write unless something is still in the way.
        renamed = false;
        io.out(formatChanges(plan));
        if (blockedChanges(plan.changes, options.force).length === 0) {
          send({ type: 'review', yes: true, plan });
          continue;
        }
      }
      printReview(plan, io);
      const yes = await prompts.confirm({ message: reviewQuestion(plan), default: true });
      send({ type: 'review', yes, plan });
    } else if (step.kind === 'replace') {
      // Replacing a workflow that is there already: asked on its own, "no" by default.
      const yes = await prompts.confirm({ message: `Replace ${step.paths.join(', ')}? A backup is kept.`, default: false });
      send({ type: 'replace', yes });
    } else if (step.kind === 'writing') {
      results = await applyChanges(state.plan!.changes, { root: repoRoot(detected), consent: step.consent });
      if (results.length > 0) io.out(`\n${paint('bold', 'Written')}\n${formatWritten(results)}`);
      send({ type: 'written', results });
    } else if (step.kind === 'publisher') {
      // Every package's values at once, then the browser for the first.
      await showPublishers(state.plan!, { open: false }, io);
      await offerBrowser(state.plan!, options.open, deps, io);
      while (state.step.kind === 'publisher') send({ type: 'next' });
    } else if (step.kind === 'checklist') {
      break;
    } else {
      // Declined at the review (a cancel is a thrown prompt error, never an event here).
      io.out('Nothing was written. Run create-trusted-publish again when you are ready.');
      return EXIT.ok;
    }
  }

  const plan = state.plan!;
  const done = new Set(await alreadyDone(plan, detected.root, options.registryCheck ? {} : undefined));
  io.out(`\n${paint('bold', 'Then retire the token, in this order')}\n${formatChecklist(plan.checklist, done)}`);
  io.out(
    paint('dim', '\nTo check where you are later, run `npm create trusted-publish` again in this folder: it changes nothing that is already in place.'),
  );
  io.out(paint('dim', `\nThe same without questions:\n  ${equivalentCommand(detected, plan.answers)}\nDocs: ${DOCS_URL}`));
  // As with --yes: the publish job is not in place until it is pasted.
  if (plan.manual.length > 0) return EXIT.failed;
  // A separate last step (src/commands/create/pr-offer.ts): asked only on a terminal, when gh is installed.
  if (!process.stdin.isTTY) return EXIT.ok;
  const { offerPullRequest } = await import('../../pr-offer.js');
  return (await offerPullRequest(detected, plan, results, io, (message) => prompts.confirm({ message, default: false }))) ?? EXIT.ok;
}

/** Asks to open the first npmjs.com page, unless --no-open or no browser can be opened here. */
async function offerBrowser(plan: Plan, open: boolean, { prompts, noBrowser, open: openPage }: PlainDeps, io: Io): Promise<void> {
  const first = plan.publishers[0];
  if (!first || !open) return;
  const reason = noBrowser();
  if (reason) io.out(paint('dim', `(Not opening a browser: ${reason}. Open the URL above.)`));
  else if (await prompts.confirm({ message: 'Open the npm settings page?', default: true })) {
    const result = await openPage(first.url);
    io.out(result === 'opened' ? `Opened ${first.url} in your browser.` : `Could not open a browser: open ${first.url} yourself.`);
  }
}
