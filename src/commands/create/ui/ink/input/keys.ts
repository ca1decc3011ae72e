// Enter arrives as "\r" in raw mode, but as "\n" when it was typed before Ink switched the
// terminal to raw mode (the line discipline turned it into a newline): both mean Enter.
import type { Key } from 'ink';

export function isEnter(input: string, key: Key): boolean {
  return key.return || input === '\n' || input === '\r\n';
}
