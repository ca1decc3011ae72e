// Yes or no: y/n, ←/→ (and ↑/↓ unless they scroll) choose, Enter takes the highlighted one.
// y and n only choose: one stray key must not decline a whole run.
import { Box, Text, useWindowSize } from 'ink';
import { useKeys } from '../hooks/keys-router.js';
import { useTheme } from '../theme.js';
import { useLatest } from '../hooks/use-latest.js';
import { isEnter } from '../input/keys.js';

export interface ConfirmProps {
  value: boolean;
  onChange(value: boolean): void;
  onSubmit(value: boolean): void;
  isActive?: boolean;
  /** ↑/↓ switch too (off where they scroll something else). */
  vertical?: boolean;
}

export function Confirm({ value, onChange, onSubmit, isActive = true, vertical = true }: ConfirmProps) {
  const theme = useTheme();
  const current = useLatest(value);
  useKeys(
    (input, key) => {
      if (isEnter(input, key)) return onSubmit(current.current);
      const pick = input === 'y' || input === 'Y' ? true : input === 'n' || input === 'N' ? false : undefined;
      if (pick !== undefined) {
        current.current = pick;
        return onChange(pick);
      }
      if (key.leftArrow || key.rightArrow || (vertical && (key.upArrow || key.downArrow))) {
        current.current = !current.current;
        onChange(current.current);
      }
    },
    { isActive },
  );
  const option = (label: string, on: boolean) => (
    <Box aria-role="radio" aria-state={{ checked: on }}>
      <Text color={on ? theme.accent : undefined} inverse={on} bold={on}>
        {` ${label} `}
      </Text>
    </Box>
  );
  return (
    <Box aria-role="radiogroup" gap={1} flexShrink={0}>
      <Text color={theme.accent} aria-hidden>
        ›
      </Text>
      {option('Yes', value)}
      {option('No', !value)}
      <Text dimColor>(y/n)</Text>
    </Box>
  );
}

/** Columns the choices take: the pointer, " Yes ", " No " and "(y/n)", one apart. */
const CHOICES_WIDTH = 18;

/**
 * A question and its choices: on one row when both fit; else the question above, wrapping at
 * the full width, and the choices together on the row below (never text wrapped beside them).
 */
export function ConfirmQuestion({ question, ...confirm }: ConfirmProps & { question: string }) {
  const { columns } = useWindowSize();
  const beside = [...question].length + 1 + CHOICES_WIDTH <= columns;
  return (
    <Box flexDirection={beside ? 'row' : 'column'} gap={beside ? 1 : 0}>
      <Text bold>{question}</Text>
      <Confirm {...confirm} />
    </Box>
  );
}
