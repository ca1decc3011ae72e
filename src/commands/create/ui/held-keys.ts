// Keys typed before the wizard can take them: while the repository is read, while the first
// screen waits, while the Ink chunk loads. From the moment main() knows the wizard will run,
// the terminal is in raw mode (no echo over the screen, no line buffering that turns Enter
// into a newline) and every byte is kept here. The first screen takes its one key; the rest
// goes back into stdin for Ink, so "Enter Enter" typed at once is two Enters, never one.
let input: NodeJS.ReadStream | undefined;
let held = '';
let wake: (() => void) | undefined;

function onData(chunk: Buffer | string): void {
  held += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
  wake?.();
}

/** Starts keeping keys (a terminal only). Idempotent. */
export function holdKeys(stdin: NodeJS.ReadStream = process.stdin): void {
  if (input || !stdin.isTTY) return;
  input = stdin;
  stdin.setRawMode(true);
  stdin.on('data', onData);
  stdin.resume();
}

/** The first key in `text`: an escape sequence (an arrow) whole, a lone ESC, or one character. */
export function firstKey(text: string): string {
  if (text.startsWith('\x1b')) {
    // eslint-disable-next-line no-control-regex
    return /^\x1b(?:\[[0-?]*[ -/]*[@-~]|O.)/.exec(text)?.[0] ?? '\x1b';
  }
  return String.fromCodePoint(text.codePointAt(0)!);
}

/** The next key, held or still to come. */
export async function nextKey(stdin: NodeJS.ReadStream = process.stdin): Promise<string> {
  holdKeys(stdin);
  while (held === '') await new Promise<void>((resolve) => (wake = resolve));
  wake = undefined;
  const key = firstKey(held);
  held = held.slice(key.length);
  return key;
}

/**
 * Stops keeping keys: those not taken go back into stdin, where the next reader (Ink) finds
 * them. `raw` leaves the terminal in raw mode for that reader; else it is cooked again.
 * Resolves once Node has acted on the pause: it stops reading the terminal one tick after
 * it, and a reader attached before that tick would never be woken (Ink would see an idle
 * process and exit).
 */
export async function releaseKeys({ raw }: { raw: boolean }): Promise<void> {
  const stdin = input;
  if (!stdin) return;
  input = undefined;
  stdin.off('data', onData);
  stdin.pause();
  if (!raw) stdin.setRawMode(false);
  await new Promise((resolve) => setImmediate(resolve));
  if (held !== '') stdin.unshift(Buffer.from(held, 'utf8'));
  held = '';
}
