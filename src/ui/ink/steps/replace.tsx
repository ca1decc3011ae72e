// Replacing a workflow the user already has: asked on its own, and "no" is the default.
import { useState } from 'react';
import { Box, Text } from 'ink';
import { Confirm } from '../components/confirm.js';
import { KeyHints } from '../components/key-hints.js';
import { useTheme } from '../theme.js';

export function ReplaceStep({ paths, onAnswer }: { paths: readonly string[]; onAnswer(yes: boolean): void }) {
  const theme = useTheme();
  const [yes, setYes] = useState(false);
  const names = paths.join(', ');
  return (
    <Box flexDirection="column">
      <Text color={theme.warn}>
        ! {names} already exists and is different from the new workflow (the diff is above).
      </Text>
      <Text dimColor>No: it stays as it is, and you choose another name for the new workflow.</Text>
      <Box marginTop={1} gap={1}>
        <Text bold>Replace {names}? A backup is kept.</Text>
        <Confirm value={yes} onChange={setYes} onSubmit={onAnswer} />
      </Box>
      <KeyHints hints={['Enter accept', 'Esc quit, nothing written']} />
    </Box>
  );
}
