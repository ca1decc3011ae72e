// What stays printed after the wizard: plain text in the scrollback, never a live frame.
import type { Io } from '../../../../core/io.js';
import { CancelledError, EXIT } from '../../../../core/errors.js';
import { formatManual, formatPublisher, formatWritten } from '../../../../report/text.js';
import { wrap } from '../../../../text/wrap.js';
import { formatChecklist } from '../../../../report/checklist.js';
import { paint } from '../../../../core/style.js';
import type { FlowState } from '../../flow/machine.js';
import type { Detected } from '../../../../core/model.js';
import { DOCS_URL, equivalentCommand } from '../../../../report/equivalent-command.js';

const AGAIN =
  'To check where you are later, run `npm create trusted-publish` again in this folder: ' +
  'it changes nothing that is already in place, and ends with this list.';

/** Prose for the scrollback, broken between words at the terminal's width (never mid-word by the terminal). */
const prose = (text: string, indent = ''): string => wrap(text, process.stdout.columns || 80, indent).join('\n');

/** The same run without questions, and where the docs are. */
function closing(state: FlowState, detected: Detected | undefined): string {
  const plan = state.plan;
  if (!detected || !plan) return `\nDocs: ${DOCS_URL}`;
  const again = state.config.migrate ? `npm create trusted-publish -- --migrate ${plan.answers.workflow} --force` : equivalentCommand(detected, plan.answers);
  return `\nThe same without questions:\n  ${again}\nDocs: ${DOCS_URL}`;
}

export async function afterWizard(state: FlowState, io: Io, detected?: Detected): Promise<number> {
  const outcome = state.outcome;
  const plan = state.plan;
  const list = (done?: Iterable<string>) => formatChecklist(plan?.checklist ?? [], new Set(done));
  switch (outcome?.kind) {
    case 'done':
      // The job to paste stays in the scrollback: the review that showed it was a live frame.
      if (plan && plan.manual.length > 0) io.out(`${formatManual(plan.manual)}\n`);
      io.out(`${paint('bold', 'Then retire the token, in this order')}\n${list(outcome.done)}`);
      io.out(paint('dim', `\n${prose(AGAIN)}`));
      io.out(paint('dim', closing(state, detected)));
      // As with --yes: the publish job is not in place until it is pasted.
      return plan && plan.manual.length > 0 ? EXIT.failed : EXIT.ok;
    case 'trust': {
      if (!plan) throw new CancelledError();
      // Ink has left the terminal: npm can ask for 2FA on it.
      const { trustStep, trustTarget } = await import('../../../../trust/index.js');
      const ok = await trustStep(trustTarget(plan), { dryRun: false, io });
      const done = ok ? plan.checklist.filter((c) => c.id.startsWith('publisher:')).map((c) => c.id) : [];
      // The files are written and the values are above: a failed npm trust leaves only that step open.
      if (!ok) io.out(`${paint('yellow', '!')} ${prose('The trusted publisher is not added yet: enter the values above on npmjs.com, or fix what npm said and run the npm trust command above.', '  ').trimStart()}`);
      io.out(`\n${paint('bold', 'Then retire the token, in this order')}\n${list(done)}`);
      io.out(paint('dim', `\n${prose(AGAIN)}`));
      io.out(paint('dim', closing(state, detected)));
      return ok ? EXIT.ok : EXIT.failed;
    }
    case 'declined':
      io.out('Nothing was written. Run create-trusted-publish again when you are ready.');
      return EXIT.ok;
    case 'failed':
      throw outcome.error;
    case 'cancelled':
    default: {
      if (!state.written || !plan) throw new CancelledError();
      // Files are on disk already: say so, and keep what is left to do in the scrollback.
      io.err(`Stopped. Already written:\n${formatWritten(state.written)}`);
      // The npmjs.com values of the packages reached are in the scrollback already.
      for (const p of plan.publishers.slice(state.shownPublishers ?? 0)) io.out(`\n${formatPublisher(p)}`);
      io.out(`\n${paint('bold', 'Still to do, in this order')}\n${list()}`);
      io.out(paint('dim', `\n${prose(AGAIN)}`));
      return EXIT.cancelled;
    }
  }
}
