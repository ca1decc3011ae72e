// Screens under ink-testing-library: wait for frames instead of sleeping, and never pass
// on an empty frame.
import { render } from 'ink-testing-library';
import type { ReactElement } from 'react';
import type { Answers, Detected, FileChange, Plan } from '../../src/core/model.js';
import type { Effects } from '../../src/commands/create/ui/ink/effects.js';
import type { WriteResult } from '../../src/apply/write.js';
import { planFor } from '../../src/commands/create/run.js';
import { makePackageRepo, type TempRepo } from './repo.js';
import { detect } from '../../src/detect/index.js';

export const KEY = {
  enter: '\r',
  esc: '\u001B',
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  backspace: '\u007F',
  tab: '\t',
  shiftTab: '\u001B[Z',
  space: ' ',
  ctrlC: '\u0003',
} as const;

export type Screen = ReturnType<typeof render> & {
  /** Resolves with the first frame (after the current one) that matches. */
  waitFor(match: string | RegExp | ((frame: string) => boolean), timeoutMs?: number): Promise<string>;
  /** Writes keys one at a time, as a person types. */
  press(...keys: string[]): Promise<void>;
  frame(): string;
  /** Resolves with the first frame so far that matches: text printed above the live frame shows only in the frame that printed it. */
  printed(match: string | RegExp | ((frame: string) => boolean), timeoutMs?: number): Promise<string>;
};

function matcher(match: string | RegExp | ((frame: string) => boolean)) {
  if (typeof match === 'string') return (f: string) => f.includes(match);
  if (match instanceof RegExp) return (f: string) => match.test(f);
  return match;
}

export function renderScreen(tree: ReactElement, size: { columns: number; rows: number } = { columns: 80, rows: 24 }): Screen {
  const screen = render(tree);
  // ink-testing-library's stdout is 100 columns and has no rows: give it a real size.
  Object.defineProperty(screen.stdout, 'columns', { value: size.columns, configurable: true });
  Object.defineProperty(screen.stdout, 'rows', { value: size.rows, configurable: true });
  screen.stdout.emit('resize');
  const frame = () => {
    const f = screen.lastFrame();
    if (f === undefined || f.trim() === '') throw new Error('empty frame');
    return f;
  };
  const printed: Screen['printed'] = (match, timeoutMs = 5000) => {
    const test = matcher(match);
    const start = Date.now();
    return new Promise((resolve, reject) => {
      const poll = () => {
        const found = screen.frames.find((f) => test(f));
        if (found !== undefined) return resolve(found);
        if (Date.now() - start > timeoutMs) return reject(new Error(`timed out waiting for ${String(match)} to be printed`));
        setTimeout(poll, 5);
      };
      poll();
    });
  };
  const waitFor: Screen['waitFor'] = (match, timeoutMs = 5000) => {
    const test = matcher(match);
    const start = Date.now();
    return new Promise((resolve, reject) => {
      const poll = () => {
        const f = screen.lastFrame() ?? '';
        if (f.trim() !== '' && test(f)) return resolve(f);
        if (Date.now() - start > timeoutMs) {
          return reject(new Error(`timed out waiting for ${String(match)}; last frame:\n${f || '(empty)'}`));
        }
        setTimeout(poll, 5);
      };
      poll();
    });
  };
  const press = async (...keys: string[]) => {
    for (const key of keys) {
      const before = screen.frames.length;
      screen.stdin.write(key);
      // A key that changes nothing on screen renders nothing: wait briefly for a frame,
      // then go on. Escape needs Ink's 20 ms to tell it from the start of a sequence.
      const start = Date.now();
      while (screen.frames.length === before && Date.now() - start < (key === KEY.esc ? 200 : 60)) {
        await new Promise((r) => setTimeout(r, 5));
      }
    }
  };
  return Object.assign(screen, { waitFor, press, frame, printed });
}

export interface FakeEffects extends Effects {
  writes: { changes: readonly FileChange[]; consent: boolean }[];
  opened: string[];
}

/** Real plans (the real templates), fake writes and browser. */
export function fakeEffects(detected: Detected): FakeEffects {
  const writes: FakeEffects['writes'] = [];
  const opened: string[] = [];
  return {
    writes,
    opened,
    plan: (answers: Answers): Promise<Plan> => planFor(detected, answers),
    write: async (changes, consent): Promise<WriteResult[]> => {
      writes.push({ changes, consent });
      return changes.map((c) => ({ path: c.path, kind: c.kind, backup: c.needsConsent && consent ? `${c.path}.bak` : undefined }));
    },
    open: async (url) => {
      opened.push(url);
      return 'opened';
    },
  };
}

export async function detectedRepo(overrides: Parameters<typeof makePackageRepo>[0] = {}): Promise<{ repo: TempRepo; detected: Detected }> {
  const repo = makePackageRepo(overrides);
  return { repo, detected: await detect(repo.dir) };
}

/** A hand-written workflow that publishes with a token. */
export const HAND_WRITTEN = 'name: Release\non: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm publish\n';
