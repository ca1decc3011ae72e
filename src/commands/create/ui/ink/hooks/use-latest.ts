// Keys can arrive several in one chunk (a paste, fast typing, tmux send-keys): handlers
// for the later keys run before React re-renders, so they must read what the earlier
// keys just set, not the value from the last render. The ref follows each render and is
// updated at once by the handlers.
import { useRef } from 'react';

export function useLatest<T>(value: T): { current: T } {
  const ref = useRef(value);
  const rendered = useRef(value);
  if (rendered.current !== value) {
    rendered.current = value;
    ref.current = value;
  }
  return ref;
}
