// Colour from the platform: node:util styleText honours NO_COLOR, FORCE_COLOR, TERM=dumb
// and non-TTY streams by itself.
import { styleText } from 'node:util';

type Format = Parameters<typeof styleText>[0];

export function paint(format: Format, text: string, stream: NodeJS.WriteStream = process.stdout): string {
  return styleText(format, text, { stream });
}
