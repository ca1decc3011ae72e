// Keys for the wizard's steps, without losing any between two screens.
// Ink's useInput subscribes in a passive effect, which runs after the new frame is on
// screen: a key that arrives in between (a fast typist, a paste, a test driving a real
// terminal) reaches no handler and is gone. Here one Ink listener lives as long as the
// app, and each step's handler is registered in a layout effect, which runs in the same
// task as the frame is written, so no key can fall in the gap.
import { createContext, useContext, useLayoutEffect, useRef, type ReactNode } from 'react';
import { useInput, type Key } from 'ink';

type Handler = (input: string, key: Key) => void;

const NO_KEY: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false,
  home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false,
  backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false,
};

/**
 * Several keys that arrive in one read ("\r\r", "n\r": a fast typist, a terminal that batches
 * them) reach Ink as one input that is none of them. Split at each Enter: text, Enter, text...
 * Escape sequences (arrows) are left as Ink parsed them.
 */
export function splitKeys(input: string, key: Key): [string, Key][] {
  if (input.length < 2 || input.includes('\x1b') || !/[\r\n]/.test(input)) return [[input, key]];
  return input
    .split(/(\r\n|\r|\n)/)
    .filter((part) => part !== '')
    .map((part): [string, Key] => (/^[\r\n]/.test(part) ? ['\r', { ...NO_KEY, return: true }] : [part, NO_KEY]));
}
interface Entry {
  handler: { current: Handler };
}

const Router = createContext<Set<Entry> | undefined>(undefined);

export function KeysRouter({ children }: { children: ReactNode }) {
  const entries = useRef(new Set<Entry>()).current;
  useInput((input, key) => {
    const deliver = ([part, partKey]: [string, Key]) => {
      // A copy: a handler may change the step, which unregisters handlers while we loop.
      for (const entry of [...entries]) if (entries.has(entry)) entry.handler.current(part, partKey);
    };
    const [first, ...rest] = splitKeys(input, key);
    deliver(first!);
    // Each further key after the screen the previous one led to has registered its handlers.
    const next = () => {
      const part = rest.shift();
      if (!part) return;
      deliver(part);
      setTimeout(next, 0);
    };
    if (rest.length > 0) setTimeout(next, 0);
  });
  return <Router.Provider value={entries}>{children}</Router.Provider>;
}

/** useInput's contract (handler, { isActive }), routed through the app's KeysRouter. */
export function useKeys(handler: Handler, options: { isActive?: boolean } = {}): void {
  const entries = useContext(Router);
  if (!entries) throw new Error('useKeys needs a <KeysRouter> above it');
  const isActive = options.isActive ?? true;
  const latest = useRef(handler);
  useLayoutEffect(() => {
    latest.current = handler;
  });
  useLayoutEffect(() => {
    if (!isActive) return;
    const entry: Entry = { handler: latest };
    entries.add(entry);
    return () => {
      entries.delete(entry);
    };
  }, [isActive, entries]);
}
