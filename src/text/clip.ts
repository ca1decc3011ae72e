// A value echoed back in a message is shortened: a 100 KB flag value is not a 100 KB message.
import { shown } from './output.js';

export const CLIP_AT = 200;

/** `text` cut to `max` characters, saying how much was left out. */
export function clip(text: string, max = CLIP_AT): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

/** Every line of a message clipped on its own, so the message keeps its shape. */
export function clipLines(message: string, max = 400): string {
  return message.split('\n').map((line) => clip(line, max)).join('\n');
}

/** A value made safe to quote inside an error message (control characters shown escaped, cut at 60). */
export function printable(value: string): string {
  return clip(shown(value), 60);
}
