// The wizard's first screen, drawn without React: "What I found" and "Enter continue".
// Loading Ink, React and yoga and drawing their first frame is the slowest part of a start;
// this screen needs none of them, so the facts are on screen at about the time Node has
// started. start-wizard.ts loads the Ink chunk once this screen is drawn, while the user
// reads it: by the time Enter comes, the wizard is ready.
import type { Detected } from '../../../core/model.js';
import { formatSummary } from '../../../report/summary.js';
import { paint } from '../../../core/style.js';
import { wrap } from '../../../text/wrap.js';
import { CancelledError } from '../../../core/errors.js';
import { nextKey } from './held-keys.js';

/** The lines that wait for Enter; erased once it comes, as Ink would replace them. */
export function promptText(questions: number, migrate?: string, onlyInPlace = false): string {
  const width = process.stdout.columns || 80;
  if (migrate && onlyInPlace) {
    // It publishes from folders or a package its build writes: no package here for a new workflow.
    const lines = wrap(`Next: fix ${migrate} in place, keeping what starts it. You see the diff before anything is written.`, width, '');
    return `${lines.join('\n')}\n${paint('dim', `Enter fix ${migrate} in place  ·  Esc quit`)}`;
  }
  if (migrate) {
    // A workflow already publishes: editing it in place is the smallest change and keeps its trigger.
    const lines = [
      ...wrap(`Recommended: fix ${migrate} in place, keeping what starts it. You see the diff before anything is written.`, width, ''),
      ...wrap(`Or press n to write a new workflow instead (${questions} ${questions === 1 ? 'question' : 'questions'}).`, width, ''),
    ];
    return `${lines.join('\n')}\n${paint('dim', `Enter fix ${migrate} in place  ·  n new workflow  ·  Esc quit`)}`;
  }
  const next =
    questions === 0
      ? 'Everything is answered already: next, a review of the files before anything is written.'
      : `Next: ${questions} ${questions === 1 ? 'question' : 'questions'}, each with a recommended answer. Nothing is written before you review it.`;
  return `${wrap(next, width, '').join('\n')}\n${paint('dim', 'Enter continue  ·  Esc quit')}`;
}

/** The tool's name and version, then "What I found". */
export function foundText(d: Detected, version: string): string {
  return `${paint('dim', `create-trusted-publish ${version}`)}\n\n${formatSummary(d)}\n\n`;
}

/** Terminal rows that `text` takes at `columns` (long lines wrap). */
export function rowsOf(text: string, columns: number): number {
  // eslint-disable-next-line no-control-regex
  const plain = text.replace(/\x1b\[[0-9;]*m/g, '');
  return plain.split('\n').reduce((rows, line) => rows + Math.max(1, Math.ceil(line.length / Math.max(columns, 1))), 0);
}

/** Moves the cursor up over `rows` rows and clears from there to the end of the screen. */
export function eraseRows(rows: number): string {
  return rows > 0 ? `\x1b[${rows}A\r\x1b[J` : '';
}

/**
 * Resolves with 'enter', or with one of `keys` when it is pressed; rejects with
 * CancelledError on Esc or Ctrl-C. Keys come from ui/held-keys.ts: those typed after the one
 * taken here stay held for the wizard.
 */
export async function waitForKey<K extends string>(keys: readonly K[] = [], stdin: NodeJS.ReadStream = process.stdin): Promise<'enter' | K> {
  for (;;) {
    const key = await nextKey(stdin);
    // A lone ESC is the Esc key; an escape sequence (an arrow) is not.
    if (key === '\x1b' || key === '\x03') throw new CancelledError();
    if (key === '\r' || key === '\n') return 'enter';
    if ((keys as readonly string[]).includes(key.toLowerCase())) return key.toLowerCase() as K;
  }
}
