// One row of a list of choices, laid out by measured widths: the label never splits, and
// the hints stand in a column beside the labels when the longest fits there whole; else
// only the focused choice shows its hint, on the line below it (a hint can hold a
// command: never split it), so the list stays as short as its labels.
import { Box, Text, useWindowSize } from 'ink';
import { useTheme } from '../theme.js';
import { hintsBeside } from '../layout.js';

export { widest } from '../layout.js';

export interface ChoiceRowProps {
  /** The label as drawn (with a checkbox for a multi-select). */
  label: string;
  hint?: string;
  focused: boolean;
  /** The widest label and the widest hint of the list, so the hints line up. */
  labelWidth: number;
  hintWidth: number;
  /** Columns the list may use (the terminal's when not given). */
  width?: number;
}

export function ChoiceRow({ label, hint, focused, labelWidth, hintWidth, width }: ChoiceRowProps) {
  const theme = useTheme();
  const { columns } = useWindowSize();
  const room = width ?? columns;
  const color = focused ? theme.accent : undefined;
  const pointer = (
    <Text color={color} aria-hidden>
      {focused ? '› ' : '  '}
    </Text>
  );
  const beside = hintsBeside(labelWidth, hintWidth, room);
  if (!hint || beside) {
    return (
      <Box>
        <Box width={2} flexShrink={0}>
          {pointer}
        </Box>
        <Box width={hint ? labelWidth : undefined} flexShrink={0}>
          <Text color={color} bold={focused} wrap="wrap">
            {label}
          </Text>
        </Box>
        {hint ? (
          <Box marginLeft={2} flexShrink={0}>
            <Text dimColor>
              {hint}
            </Text>
          </Box>
        ) : null}
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      <Box>
        <Box width={2} flexShrink={0}>
          {pointer}
        </Box>
        <Text color={color} bold={focused} wrap="wrap">
          {label}
        </Text>
      </Box>
      {focused ? (
        <Box paddingLeft={4}>
          <Text dimColor wrap="wrap">
            {hint}
          </Text>
        </Box>
      ) : null}
    </Box>
  );
}
