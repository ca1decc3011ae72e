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
import { questionApplies, questionFor, type AnyQuestion } from '../../../../questions/list.js';
import { pendingQuestions } from '../../../../questions/resolve.js';
import { publishingWorkflows, startingAnswers } from '../previous-answers.js';
import { alreadyDone } from '../already-done.js';
import { checkGivenConflict, conflictOf } from '../../flow/conflict.js';
import { applyChanges, blockedChanges } from '../../../../apply/write.js';
import { unifiedDiff } from '../../../../apply/diff.js';
import { formatSummary } from '../../../../report/summary.js';
import { formatChanges, formatManual, formatWritten } from '../../../../report/text.js';
import { formatChecklist } from '../../../../report/checklist.js';
import { freeWorkflowName } from '../../flow/workflow-name.js';
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

async function runWith({ detected, options, io }: RunContext, deps: PlainDeps): Promise<number> {
  checkPublishable(detected, options.given);
  checkGivenConflict(options.given);
  const { prompts } = deps;
  io.out(`${paint('dim', `create-trusted-publish ${VERSION}`)}\n\n${formatSummary(detected)}`);

  const answers = startingAnswers(detected, options.given);
  const askInto = async (q: AnyQuestion) => {
    (answers as Record<string, unknown>)[q.id] = await ask(q, answers[q.id], detected, prompts, io, answers);
  };
  const pending = pendingQuestions(detected, options.given);
  if (pending.length > 0) io.out('');
  // A question can stop mattering after an earlier answer (no trigger for a release tool).
  const askAll = async (from: number) => {
    for (const q of pending.slice(from)) if (questionApplies(q, answers)) await askInto(q);
  };
  // Some combinations no workflow can serve: say why and ask again from the question that decides.
  const askQuestions = async () => {
    await askAll(0);
    for (let conflict = conflictOf(answers); conflict; conflict = conflictOf(answers)) {
      const ids = conflict.ids;
      const from = pending.findIndex((q) => ids.includes(q.id) && questionApplies(q, answers));
      if (from < 0) throw new UsageError(conflict.message);
      io.out(paint('yellow', `! ${conflict.message}`));
      await askAll(from);
    }
  };
  await askQuestions();

  const publishing = publishingWorkflows(detected);
  let consent = options.force;
  let plan: Plan;
  for (;;) {
    plan = await deps.plan(detected, answers as Answers);
    printReview(plan, io);
    if (!(await prompts.confirm({ message: reviewQuestion(plan), default: true }))) {
      io.out('Nothing was written. Run create-trusted-publish again when you are ready.');
      return EXIT.ok;
    }
    const blocked = blockedChanges(plan.changes, consent);
    if (blocked.length === 0) break;
    // Replacing a workflow that is there already: asked on its own, "no" by default.
    const paths = blocked.map((c) => c.path).join(', ');
    if (await prompts.confirm({ message: `Replace ${paths}? A backup is kept.`, default: false })) {
      consent = true;
      break;
    }
    if (blocked.some((c) => publishing.includes(c.path))) {
      // A new file beside a workflow that publishes would publish the package twice: ask again instead.
      const then = pending.length > 0 ? ' Change an answer below, or press Esc to quit.' : '';
      io.out(`${paths} stays as it is and nothing is written: a second workflow would publish the package twice.${then}`);
      if (pending.length === 0) return EXIT.ok;
      await askQuestions();
      continue;
    }
    // Not a publishing workflow: keep it as it is and ask for another name for the new one.
    io.out(`${paths} stays as it is. Choose another name for the new workflow (Ctrl-C quits, nothing written).`);
    answers.workflow = freeWorkflowName(detected.workflows.map((w) => w.fileName));
    await askInto(questionFor('workflow') as AnyQuestion);
    plan = await deps.plan(detected, answers as Answers);
    io.out(formatChanges(plan));
    if (blockedChanges(plan.changes, consent).length === 0) break;
  }

  const results = await applyChanges(plan.changes, { root: repoRoot(detected), consent });
  if (results.length > 0) io.out(`\n${paint('bold', 'Written')}\n${formatWritten(results)}`);

  await showPublishers(plan, { open: false }, io);
  const first = plan.publishers[0];
  if (first && options.open) {
    const reason = deps.noBrowser();
    if (reason) io.out(paint('dim', `(Not opening a browser: ${reason}. Open the URL above.)`));
    else if (await prompts.confirm({ message: 'Open the npm settings page?', default: true })) {
      const result = await deps.open(first.url);
      io.out(result === 'opened' ? `Opened ${first.url} in your browser.` : `Could not open a browser: open ${first.url} yourself.`);
    }
  }

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
