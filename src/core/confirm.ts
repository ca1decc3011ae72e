// A y/N question on the terminal without a prompt library (--migrate's consent, the
// wizard's "Open a pull request?" after Ink has left the screen).
import { createInterface } from 'node:readline/promises';
import { safeOutput } from '../text/output.js';
import { wrap } from '../text/wrap.js';

export type Confirm = (question: string) => Promise<boolean>;

export const askOnTerminal: Confirm = async (question) => {
  // Ink leaves stdin unreferenced when it unmounts: without this the process would exit at
  // the question, with nothing else keeping the event loop alive.
  process.stdin.ref();
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    // The question can name the repository's files: through the output filter like every print.
    // On a terminal it wraps between words, with room left on its last line for the answer.
    const text = `${safeOutput(question)} (y/N)`;
    const width = process.stdout.isTTY ? process.stdout.columns : 0;
    const lines = width > 8 ? wrap(text, width - 4, '') : [text];
    if (lines.length > 1) process.stdout.write(`${lines.slice(0, -1).join('\n')}\n`);
    return /^y(es)?$/i.test((await rl.question(`${lines.at(-1)} `)).trim());
  } finally {
    rl.close();
  }
};
