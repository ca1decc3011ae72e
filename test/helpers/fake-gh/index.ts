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
  /** The --body of the last `gh pr create`, when there was one. */
  prBody(): string | undefined;
}

/** What `gh repo list` and `gh api repos/…/contents/…` answer. */
export interface FakeGhApi {
  /** Organisation -> its repositories (`owner/name`). */
  orgs?: Record<string, string[]>;
  /** Repository -> path -> file text. */
  files?: Record<string, Record<string, string>>;
  /** Repository -> what `GET /repos/{owner}/{repo}/environments` answers (`{ total_count, environments: [...] }`). */
  environments?: Record<string, unknown>;
  /** Repository -> the error every API call about it fails with (e.g. `HTTP 403: API rate limit exceeded`). */
  errors?: Record<string, string>;
}

export interface FakeGhOptions {
  /** Make one command fail: `delete` (secret delete), `auth` (auth status), `pr` (pr create). */
  fail?: 'delete' | 'auth' | 'pr';
  api?: FakeGhApi;
}

/** `secrets`: `{ 'acme/widget': ['NPM_TOKEN'], 'acme/widget#npm': ['NPM_TOKEN'] }`. */
export function fakeGh(secrets: Record<string, string[]> = {}, options: FakeGhOptions = {}): FakeGh {
  const dir = mkdtempSync(join(tmpdir(), 'ctp-gh-'));
  const script = join(dir, 'gh');
  copyFileSync(join(dirname(fileURLToPath(import.meta.url)), 'gh.mjs'), script);
  chmodSync(script, 0o755);
  const log = join(dir, 'calls.jsonl');
  const state = join(dir, 'state.json');
  const api = join(dir, 'api.json');
  writeFileSync(state, JSON.stringify(secrets));
  writeFileSync(api, JSON.stringify({ orgs: {}, files: {}, errors: {}, ...options.api }));
  const fail = options.fail;
  return {
    env: {
      PATH: `${dir}${delimiter}${process.env.PATH ?? ''}`,
      FAKE_GH_LOG: log,
      FAKE_GH_STATE: state,
      FAKE_GH_API: api,
      ...(fail ? { FAKE_GH_FAIL: fail } : {}),
    },
    calls: () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as string[]) : []),
    secrets: (scope) => (JSON.parse(readFileSync(state, 'utf8')) as Record<string, string[]>)[scope] ?? [],
    prBody: () => (existsSync(`${log}.body.md`) ? readFileSync(`${log}.body.md`, 'utf8') : undefined),
  };
}
