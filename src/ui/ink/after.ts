// What stays printed after the wizard: plain text in the scrollback, never a live frame.
import type { Io } from '../../cli/main.js';
import { CancelledError, EXIT } from '../../cli/errors.js';
import { formatChecklist, formatManual, formatPublisher, formatWritten } from '../../report/text.js';
import { paint } from '../../cli/style.js';
import type { WizardState } from './hooks/wizard-state.js';

const AGAIN =
  'To check where you are later, run `npm create trusted-publish` again in this folder: ' +
  'it changes nothing that is already in place, and ends with this list.';

export async function afterWizard(state: WizardState, io: Io): Promise<number> {
  const outcome = state.outcome;
  const plan = state.plan;
  switch (outcome?.kind) {
    case 'done':
      // The job to paste stays in the scrollback: the review that showed it was a live frame.
      if (plan && plan.manual.length > 0) io.out(`${formatManual(plan.manual)}\n`);
      io.out(`${paint('bold', 'Then retire the token, in this order')}\n${formatChecklist(plan?.checklist ?? [], new Set(outcome.done))}`);
      io.out(paint('dim', `\n${AGAIN}`));
      // As with --yes: the publish job is not in place until it is pasted.
      return plan && plan.manual.length > 0 ? EXIT.failed : EXIT.ok;
    case 'trust': {
      if (!plan) throw new CancelledError();
      // Ink has left the terminal: npm can ask for 2FA on it.
      const { trustStep, trustTarget } = await import('../../trust/index.js');
      const ok = await trustStep(trustTarget(plan), { dryRun: false, io });
      const done = ok ? plan.checklist.filter((c) => c.id.startsWith('publisher:')).map((c) => c.id) : [];
      io.out(`\n${paint('bold', 'Then retire the token, in this order')}\n${formatChecklist(plan.checklist, new Set(done))}`);
      io.out(paint('dim', `\n${AGAIN}`));
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
      const shown = new Set(state.log.flatMap(({ entry }) => (entry.kind === 'publisher' ? [entry.index] : [])));
      io.err(`Stopped. Already written:\n${formatWritten(state.written)}`);
      for (const [i, p] of plan.publishers.entries()) if (!shown.has(i)) io.out(`\n${formatPublisher(p)}`);
      io.out(`\n${paint('bold', 'Still to do, in this order')}\n${formatChecklist(plan.checklist)}`);
      io.out(paint('dim', `\n${AGAIN}`));
      return EXIT.cancelled;
    }
  }
}
