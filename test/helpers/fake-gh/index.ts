// Puts a recording `gh` first on PATH (a copy of gh.mjs in a temp dir, made executable
// there, so the checked-in file needs no exec bit).
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface FakeGh {
  env: NodeJS.ProcessEnv;
  /** Every argv gh received, in order. */
  calls(): string[][];
  secrets(scope: string): string[];
}

/** `secrets`: `{ 'acme/widget': ['NPM_TOKEN'], 'acme/widget#npm': ['NPM_TOKEN'] }`. */
export function fakeGh(secrets: Record<string, string[]> = {}, options: { failDelete?: boolean } = {}): FakeGh {
  const dir = mkdtempSync(join(tmpdir(), 'ctp-gh-'));
  const script = join(dir, 'gh');
  copyFileSync(join(dirname(fileURLToPath(import.meta.url)), 'gh.mjs'), script);
  chmodSync(script, 0o755);
  const log = join(dir, 'calls.jsonl');
  const state = join(dir, 'state.json');
  writeFileSync(state, JSON.stringify(secrets));
  return {
    env: {
      PATH: `${dir}${delimiter}${process.env.PATH ?? ''}`,
      FAKE_GH_LOG: log,
      FAKE_GH_STATE: state,
      ...(options.failDelete ? { FAKE_GH_FAIL: 'delete' } : {}),
    },
    calls: () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as string[]) : []),
    secrets: (scope) => (JSON.parse(readFileSync(state, 'utf8')) as Record<string, string[]>)[scope] ?? [],
  };
}
