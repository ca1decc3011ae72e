// The keys that work on this screen, on one dim line (closer together when the terminal is narrow).
import { Text, useWindowSize } from 'ink';

export function KeyHints({ hints }: { hints: readonly string[] }) {
  const { columns } = useWindowSize();
  const wide = hints.join('  ·  ');
  return <Text dimColor>{[...wide].length <= columns ? wide : hints.join(' · ')}</Text>;
}
