import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync, rmSync, statSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyChanges, blockedChanges } from '../../src/apply/write.js';
import { ConsentNeededError } from '../../src/core/errors.js';
import type { FileChange } from '../../src/core/model.js';

function tempRoot() {
  const root = mkdtempSync(join(tmpdir(), 'ctp-write-'));
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

const create = (path: string, after: string): FileChange => ({ path, kind: 'create', after, reason: 'r', needsConsent: false });

test('creates files and their directories, leaving no temp files', async (t) => {
  const { root, cleanup } = tempRoot();
  t.after(() => cleanup());
  const results = await applyChanges([create('.github/workflows/publish.yml', 'on: push\n')], { root, consent: false });
  assert.deepEqual(results, [{ path: '.github/workflows/publish.yml', kind: 'create', backup: undefined }]);
  assert.equal(readFileSync(join(root, '.github/workflows/publish.yml'), 'utf8'), 'on: push\n');
  assert.deepEqual(readdirSync(join(root, '.github/workflows')), ['publish.yml']);
});

test('a change that needs consent is refused before anything is written', async (t) => {
  const { root, cleanup } = tempRoot();
  t.after(() => cleanup());
  mkdirSync(join(root, '.github/workflows'), { recursive: true });
  writeFileSync(join(root, '.github/workflows/publish.yml'), 'mine\n');
  const changes: FileChange[] = [
    create('other.txt', 'x'),
    { path: '.github/workflows/publish.yml', kind: 'update', before: 'mine\n', after: 'new\n', reason: 'r', needsConsent: true },
  ];
  assert.equal(blockedChanges(changes, false).length, 1);
  assert.equal(blockedChanges(changes, true).length, 0);
  await assert.rejects(applyChanges(changes, { root, consent: false }), (e: unknown) => e instanceof ConsentNeededError && e.reasons.length === 1 && /already exists and differs/.test(e.message));
  assert.equal(readFileSync(join(root, '.github/workflows/publish.yml'), 'utf8'), 'mine\n');
  assert.throws(() => statSync(join(root, 'other.txt')), /ENOENT/);
});

test('replacing with consent keeps numbered backups and the file mode', async (t) => {
  const { root, cleanup } = tempRoot();
  t.after(() => cleanup());
  const file = join(root, 'run.sh');
  writeFileSync(file, 'v1\n');
  chmodSync(file, 0o755);
  const replace = (before: string, after: string): FileChange => ({ path: 'run.sh', kind: 'update', before, after, reason: 'r', needsConsent: true });
  const first = await applyChanges([replace('v1\n', 'v2\n')], { root, consent: true });
  assert.equal(first[0]?.backup, 'run.sh.bak');
  const second = await applyChanges([replace('v2\n', 'v3\n')], { root, consent: true });
  assert.equal(second[0]?.backup, 'run.sh.bak.2');
  assert.equal(readFileSync(join(root, 'run.sh.bak'), 'utf8'), 'v1\n');
  assert.equal(readFileSync(join(root, 'run.sh.bak.2'), 'utf8'), 'v2\n');
  assert.equal(readFileSync(file, 'utf8'), 'v3\n');
  assert.equal(statSync(file).mode & 0o777, 0o755);
});

test('unchanged files are not touched', async (t) => {
  const { root, cleanup } = tempRoot();
  t.after(() => cleanup());
  const file = join(root, 'same.txt');
  writeFileSync(file, 'same\n');
  const before = statSync(file).mtimeMs;
  const results = await applyChanges([{ path: 'same.txt', kind: 'unchanged', before: 'same\n', after: 'same\n', reason: 'r', needsConsent: true }], { root, consent: false });
  assert.equal(results[0]?.kind, 'unchanged');
  assert.equal(statSync(file).mtimeMs, before);
});
