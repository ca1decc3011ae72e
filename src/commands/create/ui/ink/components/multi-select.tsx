// Several choices: ↑/↓ move, Space ticks, a ticks all or none, Enter takes the ticked ones.
import { Box } from 'ink';
import { useKeys } from '../hooks/keys-router.js';
import type { Choice } from '../../../../../questions/list.js';
import { wrapIndex } from '../input/list-nav.js';
import { useLatest } from '../hooks/use-latest.js';
import { ChoiceRow, widest } from './choice-row.js';
import { isEnter } from '../input/keys.js';

export interface MultiSelectProps {
  choices: readonly Choice[];
  selected: readonly string[];
  cursor: number;
  onChange(selected: string[], cursor: number): void;
  onSubmit(selected: string[]): void;
  isActive?: boolean;
  /** Columns the list may use. */
  width?: number;
}

export function MultiSelect({ choices, selected, cursor, onChange, onSubmit, isActive = true, width }: MultiSelectProps) {
  const labelWidth = widest(choices.map((c) => `[x] ${c.label}`));
  const hintWidth = widest(choices.map((c) => c.hint));
  const current = useLatest({ selected, cursor });
  const set = (next: { selected: string[]; cursor: number }) => {
    current.current = next;
    onChange(next.selected, next.cursor);
  };
  useKeys(
    (input, key) => {
      const now = current.current;
      if (isEnter(input, key)) return onSubmit([...now.selected]);
      if (key.upArrow || input === 'k') return set({ ...now, selected: [...now.selected], cursor: wrapIndex(now.cursor, -1, choices.length) });
      if (key.downArrow || input === 'j') return set({ ...now, selected: [...now.selected], cursor: wrapIndex(now.cursor, 1, choices.length) });
      if (input === ' ') {
        const value = choices[now.cursor]?.value;
        if (value === undefined) return;
        const on = now.selected.includes(value);
        // Keep the list's order, whatever order the boxes were ticked in.
        const next = choices.map((c) => c.value).filter((v) => (v === value ? !on : now.selected.includes(v)));
        return set({ selected: next, cursor: now.cursor });
      }
      if (input === 'a') {
        const all = now.selected.length === choices.length;
        return set({ selected: all ? [] : choices.map((c) => c.value), cursor: now.cursor });
      }
    },
    { isActive },
  );
  return (
    <Box flexDirection="column" aria-role="list">
      {choices.map((choice, i) => {
        const focused = i === cursor;
        const checked = selected.includes(choice.value);
        return (
          <Box key={choice.value} aria-role="checkbox" aria-state={{ checked, selected: focused }}>
            <ChoiceRow label={`${checked ? '[x]' : '[ ]'} ${choice.label}`} hint={choice.hint} focused={focused} labelWidth={labelWidth} hintWidth={hintWidth} width={width} />
          </Box>
        );
      })}
    </Box>
  );
}
