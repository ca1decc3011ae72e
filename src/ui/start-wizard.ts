// Starts the full-screen wizard: the first screen is drawn without React, then the Ink
// chunk loads while the user reads it (see first-screen.ts for why).
import type { Detected } from '../model.js';
import type { Options } from '../cli/args.js';
import type { Io } from '../cli/main.js';
import { checkPublishable } from '../cli/run.js';
import { checkGivenConflict } from './conflict.js';
import { eraseRows, foundText, promptText, rowsOf, waitForEnter } from './first-screen.js';
import { wizardConfig } from './ink/config.js';
import { progress } from './ink/hooks/wizard-state.js';

export async function startWizard(detected: Detected, options: Options, io: Io): Promise<number> {
  checkPublishable(detected, options.given);
  checkGivenConflict(options.given);
  const config = wizardConfig(detected, options, false);
  const prompt = promptText(progress(config.questions, 0, config.answers).total);
  io.out(foundText(detected));
  io.out(prompt);
  // Loading after the screen is drawn: evaluating Ink's modules blocks the thread for tens
  // of milliseconds, which must not come before the first frame. Keys typed meanwhile wait
  // in the terminal's buffer.
  const loading = import('./ink/index.js');
  loading.catch(() => undefined); // handled below; an early Esc must not leave it unhandled
  await waitForEnter();
  process.stdout.write(eraseRows(rowsOf(`${prompt}\n`, process.stdout.columns || 80) - 1));
  const ui = await loading;
  return ui.run({ detected, options, io, foundShown: true });
}
