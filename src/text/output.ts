// The one filter between the program and a terminal or a pipe: secrets masked, control
// characters visible. Every printing path (the Io of every command, the wizards' text, doctor's
// text and JSON, retire) goes through it.
import { maskSecrets } from './mask.js';
import { visible } from './visible.js';

export { maskSecrets } from './mask.js';
export { visible } from './visible.js';

/** Safe to print: `keepColour` only where this program writes colour itself. */
export function safeOutput(text: string, keepColour = false): string {
  return visible(maskSecrets(text), { keepLines: true, keepColour });
}

/** One value inside a message (a name, a path, a flag value): on one line, quoted nothing. */
export function shown(value: string): string {
  return visible(maskSecrets(value), { keepLines: false });
}

interface Shown {
  title: string;
  detail: string;
  command?: string;
  url?: string;
}

/**
 * Display-only items (the checklist) made safe where they are built, so every front-end (the Ink
 * wizard draws them itself) shows the same filtered text.
 */
export function safeItems<T extends Shown>(items: readonly T[]): T[] {
  return items.map((item) => ({
    ...item,
    title: safeOutput(item.title),
    detail: safeOutput(item.detail),
    ...(item.command !== undefined ? { command: safeOutput(item.command) } : {}),
    ...(item.url !== undefined ? { url: safeOutput(item.url) } : {}),
  }));
}
