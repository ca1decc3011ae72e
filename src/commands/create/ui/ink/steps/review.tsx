// 3. Review: the files and the package.json change, then "Write these files?" (yes).
import { useState } from 'react';
import { Box, Text } from 'ink';
import type { Plan } from '../../../../../core/model.js';
import { Confirm } from '../components/confirm.js';
import { KeyHints } from '../components/key-hints.js';
import { Viewport } from '../components/viewport.js';
import { Note } from '../components/note.js';
import { useScroll } from '../hooks/use-scroll.js';
import { kindWord, reviewLines } from '../review-lines.js';
import { useTheme } from '../theme.js';
import { useKeys } from '../hooks/keys-router.js';
import { reviewQuestion } from '../../../flow/review-question.js';

export interface ReviewStepProps {
  plan: Plan;
  /** Rows the diff may take. */
  height: number;
  onAnswer(yes: boolean): void;
  /** The consent question, when it is not the usual one (an in-place edit). */
  question?: string;
  /** Why the review is shown again (a replace was declined). */
  notice?: string;
  /** Shift-Tab: the last question; c: pick any answer to change. Undefined when nothing was asked. */
  onBack?: () => void;
  onChange?: () => void;
}

export function ReviewStep({ plan, height, onAnswer, question, notice, onBack, onChange }: ReviewStepProps) {
  const theme = useTheme();
  const lines = reviewLines(plan);
  const start = useScroll(lines.length, height);
  const [yes, setYes] = useState(true);
  useKeys((input, key) => {
    if (key.tab && key.shift) onBack?.();
    else if (input === 'c') onChange?.();
  });
  return (
    <Box flexDirection="column">
      <Text bold>Review</Text>
      {plan.changes.map((c) => (
        <Text key={c.path} wrap="truncate-end">
          {'  '}
          <Text color={c.kind === 'update' ? theme.warn : c.kind === 'create' ? theme.ok : undefined}>{(question && c.kind === 'update' ? 'edit' : kindWord(c)).padEnd(8)}</Text>
          {c.path}
          <Text dimColor>{`  ${c.reason}`}</Text>
        </Text>
      ))}
      {plan.manual.map((m) => (
        <Text key={`manual:${m.path}`} wrap="truncate-end">
          {'  '}
          <Text color={theme.warn}>{'by hand'.padEnd(8)}</Text>
          {m.path}
          <Text dimColor>{'  nothing is written to it: paste the job shown below'}</Text>
        </Text>
      ))}
      {plan.manual.map((m) => (
        <Note key={`reason:${m.path}`} mark="!" color={theme.warn}>{`${m.path}: ${m.reason}.`}</Note>
      ))}
      {plan.notes.map((note) => (
        <Note key={note} mark="!" color={theme.warn}>{note}</Note>
      ))}
      {lines.length > 0 ? (
        <Box marginTop={1}>
          <Viewport lines={lines} start={start} height={height} diff />
        </Box>
      ) : null}
      {notice ? (
        <Box marginTop={1}>
          <Note mark="!" color={theme.warn}>{notice}</Note>
        </Box>
      ) : null}
      <Box marginTop={1} gap={1}>
        <Text bold>{question && plan.changes.some((c) => c.kind !== 'unchanged') ? question : reviewQuestion(plan)}</Text>
        <Confirm value={yes} onChange={setYes} onSubmit={onAnswer} vertical={false} />
      </Box>
      <KeyHints
        hints={[
          'y/n choose',
          'Enter accept',
          ...(onChange ? ['c change an answer', 'Shift-Tab back'] : []),
          ...(lines.length > height ? ['↑↓ PgUp PgDn scroll'] : []),
          'Esc quit',
        ]}
      />
    </Box>
  );
}
