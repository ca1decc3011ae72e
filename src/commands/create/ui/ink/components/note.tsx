// A marked line of prose ("! …"), wrapped between words by this program (see layout.ts noteLines).
import { Box, Text, useWindowSize } from 'ink';
import { noteLines } from '../layout.js';

export function Note({ mark, color, children }: { mark: string; color?: string; children: string }) {
  const { columns } = useWindowSize();
  return (
    <Box flexDirection="column">
      {noteLines(mark, children, columns).map((line, i) => (
        <Text key={i} color={color}>
          {line}
        </Text>
      ))}
    </Box>
  );
}
