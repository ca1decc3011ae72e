// A y/N question on the terminal without a prompt library (--migrate's consent, the
// wizard's "Open a pull request?" after Ink has left the screen).
import { createInterface } from 'node:readline/promises';
import { safeOutput } from '../text/output.js';

export type Confirm = (question: string) => Promise<boolean>;

export const askOnTerminal: Confirm = async (question) => {
  // Ink leaves stdin unreferenced when it unmounts: without this the process would exit at
  // the question, with nothing else keeping the event loop alive.
  process.stdin.ref();
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    // The question can name the repository's files: through the output filter like every print.
    return /^y(es)?$/i.test((await rl.question(`${safeOutput(question)} (y/N) `)).trim());
  } finally {
    rl.close();
  }
};
