// One row of a list of choices, laid out by measured widths: the label never splits, its
// hint wraps in a column of its own beside it, or goes below it when there is no room.
import { Box, Text, useWindowSize } from 'ink';
import { useTheme } from '../theme.js';

/** The narrowest hint column worth keeping beside the labels. */
const MIN_HINT = 16;

export interface ChoiceRowProps {
  /** The label as drawn (with a checkbox for a multi-select). */
  label: string;
  hint?: string;
  focused: boolean;
  /** The widest label of the list, so the hints line up. */
  labelWidth: number;
  /** Columns the list may use (the terminal's when not given). */
  width?: number;
}

export function choiceLabelWidth(labels: readonly string[]): number {
  return Math.max(0, ...labels.map((l) => [...l].length));
}

export function ChoiceRow({ label, hint, focused, labelWidth, width }: ChoiceRowProps) {
  const theme = useTheme();
  const { columns } = useWindowSize();
  const room = width ?? columns;
  const color = focused ? theme.accent : undefined;
  const pointer = (
    <Text color={color} aria-hidden>
      {focused ? '› ' : '  '}
    </Text>
  );
  // Pointer (2), label, gap (2), hint.
  const beside = 2 + labelWidth + 2 + MIN_HINT <= room;
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
          <Box marginLeft={2} flexShrink={1} flexGrow={1}>
            <Text dimColor wrap="wrap">
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
      <Box paddingLeft={4}>
        <Text dimColor wrap="wrap">
          {hint}
        </Text>
      </Box>
    </Box>
  );
}
