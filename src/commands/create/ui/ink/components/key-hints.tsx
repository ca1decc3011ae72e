// The keys that work on this screen, on one dim line (closer together when the terminal is narrow).
import { Text, useWindowSize } from 'ink';

export function KeyHints({ hints, width }: { hints: readonly string[]; width?: number }) {
  const { columns } = useWindowSize();
  const room = width ?? columns;
  const wide = hints.join('  ·  ');
  return <Text dimColor>{[...wide].length <= room ? wide : hints.join(' · ')}</Text>;
}
