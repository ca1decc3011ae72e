// A fixed-height window onto many lines (a diff, a file), so a frame never outgrows the
// terminal. Lines are truncated, never wrapped, so the height is exact.
import { Box, Text } from 'ink';
import { useTheme, type Theme } from '../theme.js';

export interface ViewLine {
  text: string;
  mark?: boolean;
}

export interface ViewportProps {
  lines: readonly ViewLine[];
  /** Index of the first line shown. */
  start: number;
  height: number;
  /** Colour diff lines (+ green, - red, @@ accent). */
  diff?: boolean;
}

function diffColor(text: string, theme: Theme): string | undefined {
  if (text.startsWith('+++') || text.startsWith('---')) return undefined;
  if (text.startsWith('+')) return theme.ok;
  if (text.startsWith('-')) return theme.error;
  if (text.startsWith('@@')) return theme.accent;
  return undefined;
}

export function Viewport({ lines, start, height, diff = false }: ViewportProps) {
  const theme = useTheme();
  const shown = lines.slice(start, start + height);
  const more = lines.length > height;
  return (
    <Box flexDirection="column">
      {shown.map((line, i) => (
        <Text
          key={start + i}
          wrap="truncate-end"
          color={diff ? diffColor(line.text, theme) : line.mark ? theme.accent : undefined}
          bold={!diff && line.mark}
          dimColor={!diff && !line.mark}
        >
          {line.text === '' ? ' ' : line.text}
        </Text>
      ))}
      {more ? (
        <Text dimColor wrap="truncate-end">
          {`lines ${start + 1}-${Math.min(lines.length, start + height)} of ${lines.length}`}
        </Text>
      ) : null}
    </Box>
  );
}
