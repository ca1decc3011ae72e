// Replacing a workflow that is already there: asked on its own, and "no" is the default.
// No keeps the file as it is. Beside a workflow that publishes, a new file would publish the
// package twice, so No goes back to the review; else it asks for another name.
import { useState } from 'react';
import { Box, Text } from 'ink';
import { ConfirmQuestion } from '../components/confirm.js';
import { KeyHints } from '../components/key-hints.js';
import { Note } from '../components/note.js';
import { useTheme } from '../theme.js';

export interface ReplaceStepProps {
  paths: readonly string[];
  /** The workflow an earlier run of this tool wrote. */
  mine: boolean;
  /** One of the paths publishes already. */
  publishing: boolean;
  onAnswer(yes: boolean): void;
}

export function ReplaceStep({ paths, mine, publishing, onAnswer }: ReplaceStepProps) {
  const theme = useTheme();
  const [yes, setYes] = useState(false);
  const names = paths.join(', ');
  const what = mine
    ? `${names} was written by an earlier run: your changed answers change it, as the review showed.`
    : `${names} already exists and differs from the new workflow, as the review showed.`;
  const no = publishing
    ? 'No: it stays as it is, nothing is written, and you are back at the review to change an answer or quit.'
    : 'No: it stays as it is, and you choose another name for the new workflow.';
  return (
    <Box flexDirection="column">
      <Note mark="!" color={theme.warn}>{what}</Note>
      <Text dimColor>{no}</Text>
      <Box marginTop={1}>
        <ConfirmQuestion question={`Replace ${names}? A backup is kept.`} value={yes} onChange={setYes} onSubmit={onAnswer} />
      </Box>
      <KeyHints hints={['y/n choose', 'Enter accept', 'Esc quit, nothing written']} />
    </Box>
  );
}
