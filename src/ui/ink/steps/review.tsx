// 3. Review: the files and the package.json change, then "Write these files?" (yes).
import { useState } from 'react';
import { Box, Text } from 'ink';
import type { Plan } from '../../../model.js';
import { Confirm } from '../components/confirm.js';
import { KeyHints } from '../components/key-hints.js';
import { Viewport } from '../components/viewport.js';
import { useScroll } from '../hooks/use-scroll.js';
import { kindWord, reviewLines } from '../review-lines.js';
import { useTheme } from '../theme.js';

export interface ReviewStepProps {
  plan: Plan;
  /** Rows the diff may take. */
  height: number;
  onAnswer(yes: boolean): void;
}

export function ReviewStep({ plan, height, onAnswer }: ReviewStepProps) {
  const theme = useTheme();
  const lines = reviewLines(plan);
  const start = useScroll(lines.length, height);
  const [yes, setYes] = useState(true);
  const nothing = plan.changes.every((c) => c.kind === 'unchanged');
  return (
    <Box flexDirection="column">
      <Text bold>Review</Text>
      {plan.changes.map((c) => (
        <Text key={c.path} wrap="truncate-end">
          {'  '}
          <Text color={c.kind === 'update' ? theme.warn : c.kind === 'create' ? theme.ok : undefined}>{kindWord(c).padEnd(8)}</Text>
          {c.path}
          <Text dimColor>{`  ${c.reason}`}</Text>
        </Text>
      ))}
      {plan.notes.map((note) => (
        <Text key={note} color={theme.warn}>
          ! {note}
        </Text>
      ))}
      {lines.length > 0 ? (
        <Box marginTop={1}>
          <Viewport lines={lines} start={start} height={height} diff />
        </Box>
      ) : null}
      <Box marginTop={1} gap={1}>
        <Text bold>{nothing ? 'Everything is already in place. Go on?' : 'Write these files?'}</Text>
        <Confirm value={yes} onChange={setYes} onSubmit={onAnswer} vertical={false} />
      </Box>
      <KeyHints hints={['Enter accept', ...(lines.length > height ? ['↑↓ PgUp PgDn scroll'] : []), 'Esc quit']} />
    </Box>
  );
}
