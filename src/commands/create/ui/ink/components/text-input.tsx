// A one-line text field: controlled, with a drawn cursor (Ink hides the terminal's).
import { Box, Text } from 'ink';
import { useKeys } from '../hooks/keys-router.js';
import { editText, type TextState } from '../input/text-edit.js';
import { useTheme } from '../theme.js';
import { useLatest } from '../hooks/use-latest.js';
import { isEnter } from '../input/keys.js';

export interface TextInputProps {
  state: TextState;
  onChange(state: TextState): void;
  onSubmit(): void;
  /** Shown dim when the field is empty. */
  placeholder?: string;
  isActive?: boolean;
}

export function TextInput({ state, onChange, onSubmit, placeholder, isActive = true }: TextInputProps) {
  const theme = useTheme();
  const current = useLatest(state);
  useKeys(
    (input, key) => {
      if (isEnter(input, key)) return onSubmit();
      // Typed ahead or pasted text arrives as one chunk, line break included: the text
      // goes in, then the line break submits, as in a shell.
      const [first = '', ...rest] = input.split(/\r\n|\r|\n/);
      const now = current.current;
      const next = editText(now, first, key);
      if (next && (next.value !== now.value || next.cursor !== now.cursor || next.pristine !== now.pristine)) {
        current.current = next;
        onChange(next);
      }
      if (rest.length > 0) onSubmit();
    },
    { isActive },
  );
  const chars = [...state.value];
  const before = chars.slice(0, state.cursor).join('');
  const at = chars[state.cursor] ?? ' ';
  const after = chars.slice(state.cursor + 1).join('');
  return (
    <Box aria-role="textbox" aria-label={state.value === '' && placeholder ? `empty: ${placeholder}` : state.value}>
      <Text color={theme.accent} aria-hidden>
        ›{' '}
      </Text>
      <Text>{before}</Text>
      {/* The pre-filled answer reads as a placeholder: typing replaces it. */}
      <Text inverse dimColor={state.pristine}>
        {at}
      </Text>
      <Text dimColor={state.pristine}>{after}</Text>
      {state.value === '' && placeholder ? <Text dimColor> {placeholder}</Text> : null}
    </Box>
  );
}
