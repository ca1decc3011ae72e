// The keys that work on this screen, on one dim line.
import { Text } from 'ink';

export function KeyHints({ hints }: { hints: readonly string[] }) {
  return (
    <Text dimColor>
      {hints.join('  ·  ')}
    </Text>
  );
}
