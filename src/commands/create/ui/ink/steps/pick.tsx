// From the review: every answer, to pick one to change; the question then comes back here.
import { useState } from 'react';
import { Box, Text } from 'ink';
import type { Answers } from '../../../../../core/model.js';
import { labelOf, type AnyQuestion } from '../../../../../questions/list.js';
import { Select } from '../components/select.js';
import { KeyHints } from '../components/key-hints.js';
import { useKeys } from '../hooks/keys-router.js';
import { applies, describeAnswer } from '../../../flow/question-order.js';

export interface PickStepProps {
  questions: readonly AnyQuestion[];
  answers: Partial<Answers>;
  width?: number;
  onPick(index: number): void;
  onBack(): void;
}

export function PickStep({ questions, answers, width, onPick, onBack }: PickStepProps) {
  const shown = questions.map((q, index) => ({ q, index })).filter(({ q }) => applies(q, answers));
  const [at, setAt] = useState(0);
  useKeys((_input, key) => {
    if ((key.tab && key.shift) || key.leftArrow || key.backspace) onBack();
  });
  const choices = shown.map(({ q, index }) => {
    const value = answers[q.id];
    return { value: String(index), label: labelOf(q, answers), hint: value === undefined ? '' : describeAnswer(q, value) };
  });
  return (
    <Box flexDirection="column">
      <Text bold>Which answer do you want to change?</Text>
      <Text dimColor>After it, you come back to the review.</Text>
      <Box marginTop={1}>
        <Select choices={choices} index={at} onChange={setAt} onSubmit={(i) => onPick(shown[i]!.index)} width={width} />
      </Box>
      <Box marginTop={1}>
        <KeyHints hints={['↑↓ choose', 'Enter change it', 'Shift-Tab back to the review', 'Esc quit']} />
      </Box>
    </Box>
  );
}
