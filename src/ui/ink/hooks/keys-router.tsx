// Keys for the wizard's steps, without losing any between two screens.
// Ink's useInput subscribes in a passive effect, which runs after the new frame is on
// screen: a key that arrives in between (a fast typist, a paste, a test driving a real
// terminal) reaches no handler and is gone. Here one Ink listener lives as long as the
// app, and each step's handler is registered in a layout effect, which runs in the same
// task as the frame is written, so no key can fall in the gap.
import { createContext, useContext, useLayoutEffect, useRef, type ReactNode } from 'react';
import { useInput, type Key } from 'ink';

type Handler = (input: string, key: Key) => void;
interface Entry {
  handler: { current: Handler };
}

const Router = createContext<Set<Entry> | undefined>(undefined);

export function KeysRouter({ children }: { children: ReactNode }) {
  const entries = useRef(new Set<Entry>()).current;
  useInput((input, key) => {
    // A copy: a handler may change the step, which unregisters handlers while we loop.
    for (const entry of [...entries]) if (entries.has(entry)) entry.handler.current(input, key);
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
