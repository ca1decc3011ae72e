// A list of choices: ↑/↓ (or k/j) move, Enter picks, a digit jumps to that choice.
import { Box } from 'ink';
import { useKeys } from '../hooks/keys-router.js';
import type { Choice } from '../../../../../questions/list.js';
import { wrapIndex } from '../input/list-nav.js';
import { ChoiceRow, widest } from './choice-row.js';
import { useLatest } from '../hooks/use-latest.js';
import { isEnter } from '../input/keys.js';

export interface SelectProps {
  choices: readonly Choice[];
  index: number;
  onChange(index: number): void;
  onSubmit(index: number): void;
  isActive?: boolean;
  /** Columns the list may use. */
  width?: number;
}

export function Select({ choices, index, onChange, onSubmit, isActive = true, width }: SelectProps) {
  const labelWidth = widest(choices.map((c) => c.label));
  const hintWidth = widest(choices.map((c) => c.hint));
  const current = useLatest(index);
  const move = (next: number) => {
    current.current = next;
    onChange(next);
  };
  useKeys(
    (input, key) => {
      if (isEnter(input, key)) return onSubmit(current.current);
      if (key.upArrow || input === 'k') return move(wrapIndex(current.current, -1, choices.length));
      if (key.downArrow || input === 'j') return move(wrapIndex(current.current, 1, choices.length));
      const digit = Number(input);
      if (Number.isInteger(digit) && digit >= 1 && digit <= choices.length) move(digit - 1);
    },
    { isActive },
  );
  return (
    <Box flexDirection="column" aria-role="listbox">
      {choices.map((choice, i) => {
        const selected = i === index;
        return (
          <Box key={choice.value} aria-role="option" aria-state={{ selected }}>
            <ChoiceRow label={choice.label} hint={choice.hint} focused={selected} labelWidth={labelWidth} hintWidth={hintWidth} width={width} />
          </Box>
        );
      })}
    </Box>
  );
}
