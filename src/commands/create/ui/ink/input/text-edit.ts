// Line editing as a pure function of (state, key), so it is tested without a terminal.
import type { Key } from 'ink';

export interface TextState {
  value: string;
  /** Cursor position in code points, 0..value length. */
  cursor: number;
  /**
   * True while the value is the pre-filled answer, untouched: the first character typed
   * replaces it (as in create-vite), Backspace clears it, and an arrow key starts editing it.
   */
  pristine?: boolean;
}

export function textState(value: string, pristine = false): TextState {
  return pristine && value !== '' ? { value, cursor: 0, pristine: true } : { value, cursor: [...value].length };
}

// Printable text only: a paste can carry newlines, tabs or escape sequences.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** The next state for a key press, or undefined when the key is not an editing key. */
export function editText(state: TextState, input: string, key: Key): TextState | undefined {
  const chars = [...state.value];
  const at = state.cursor;
  const make = (next: string[], cursor: number): TextState => ({ value: next.join(''), cursor });
  if (state.pristine) {
    if (key.leftArrow || key.rightArrow || key.end || key.home || (key.ctrl && (input === 'a' || input === 'e'))) {
      return { value: state.value, cursor: key.home || (key.ctrl && input === 'a') ? 0 : chars.length };
    }
    if (key.backspace || key.delete || (key.ctrl && (input === 'u' || input === 'k' || input === 'w'))) return { value: '', cursor: 0 };
    const typed = editText({ value: '', cursor: 0 }, input, key);
    return typed && typed.value !== '' ? typed : undefined;
  }

  if (key.leftArrow) return { ...state, cursor: Math.max(0, at - 1) };
  if (key.rightArrow) return { ...state, cursor: Math.min(chars.length, at + 1) };
  if (key.home || (key.ctrl && input === 'a')) return { ...state, cursor: 0 };
  if (key.end || (key.ctrl && input === 'e')) return { ...state, cursor: chars.length };
  if (key.backspace) {
    if (at === 0) return state;
    return make([...chars.slice(0, at - 1), ...chars.slice(at)], at - 1);
  }
  if (key.delete) return make([...chars.slice(0, at), ...chars.slice(at + 1)], at);
  if (key.ctrl && input === 'u') return make(chars.slice(at), 0);
  if (key.ctrl && input === 'k') return make(chars.slice(0, at), at);
  if (key.ctrl && input === 'w') {
    let start = at;
    while (start > 0 && chars[start - 1] === ' ') start--;
    while (start > 0 && chars[start - 1] !== ' ') start--;
    return make([...chars.slice(0, start), ...chars.slice(at)], start);
  }
  if (key.ctrl || key.meta || key.escape || key.return || key.tab || key.upArrow || key.downArrow) return undefined;
  if (key.pageUp || key.pageDown) return undefined;
  const text = [...input.replace(CONTROL, '')];
  if (text.length === 0) return undefined;
  return make([...chars.slice(0, at), ...text, ...chars.slice(at)], at + text.length);
}
