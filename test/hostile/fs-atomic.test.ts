// Issue 12, point 4: all or nothing. Every target is checked before the first write (a
// read-only folder stops the run with nothing written), temp files are named for the run
// that made them (a later run removes those of ended runs), and SIGINT/SIGTERM during a run
// never leave a temp file or a half-written file.
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';

import { cannotDropPrivileges, expectClean, giveToNobody, run, runKilled, scene, snapshot } from './harness.js';

const WF = '.github/workflows/publish.yml';
const asNobody = { skip: cannotDropPrivileges() ?? false };

test('4. read-only root, writable .github: the package.json fix is refused before the workflow is written', asNobody, () => {
  const s = scene({ pkg: { repository: 'github:someone/else' } });
  mkdirSync(s.at('.github/workflows'), { recursive: true });
  giveToNobody(s);
  chmodSync(s.repo, 0o555);
  const before = snapshot(s.base);
  const r = run(s, ['--yes'], { nobody: true });
  expectClean(s, before, r, { code: 1, says: /package\.json: cannot write in \. \(permission denied\)[\s\S]*Nothing was written/ });
  chmodSync(s.repo, 0o755);
  assert.ok(!existsSync(s.at(WF)));
  s.cleanup();
});

test('4. read-only .github/workflows: nothing is written, dependabot.yml included', asNobody, () => {
  const s = scene();
  mkdirSync(s.at('.github/workflows'), { recursive: true });
  giveToNobody(s);
  chmodSync(s.at('.github/workflows'), 0o555);
  const before = snapshot(s.base);
  const r = run(s, ['--yes'], { nobody: true });
  expectClean(s, before, r, { code: 1, says: 'cannot write in .github/workflows (permission denied)' });
  assert.ok(!existsSync(s.at('.github/dependabot.yml')));
  s.cleanup();
});

test('4. read-only .github without workflows/: refused, no folder made', asNobody, () => {
  const s = scene();
  mkdirSync(s.at('.github'));
  giveToNobody(s);
  chmodSync(s.at('.github'), 0o555);
  const before = snapshot(s.base);
  expectClean(s, before, run(s, ['--yes'], { nobody: true }), { code: 1, says: 'cannot write in .github (permission denied)' });
  s.cleanup();
});

test('4. read-only publish.yml in a writable folder is replaced with --force (rename), keeping its mode', asNobody, () => {
  const s = scene({ files: { [WF]: 'name: mine\non: push\njobs: {}\n' } });
  giveToNobody(s);
  chmodSync(s.at(WF), 0o444);
  const before = snapshot(s.base);
  expectClean(s, before, run(s, ['--yes', '--force'], { nobody: true }), { code: 0, changes: [WF, `${WF}.bak`, '.github/dependabot.yml'] });
  s.cleanup();
});

test('4. a workflow someone else owns, which the kernel will not hard-link, is still replaced with a .bak copy', asNobody, () => {
  // fs.protected_hardlinks: an unprivileged user may not hard-link a file it neither owns nor
  // can write, so the backup falls back to a copy.
  const s = scene({ files: { [WF]: 'name: mine\non: push\njobs: {}\n' } });
  giveToNobody(s);
  chownSync(s.at(WF), 0, 0);
  chmodSync(s.at(WF), 0o444);
  const before = snapshot(s.base);
  expectClean(s, before, run(s, ['--yes', '--force'], { nobody: true }), { code: 0, changes: [WF, `${WF}.bak`, '.github/dependabot.yml'] });
  assert.equal(readFileSync(s.at(`${WF}.bak`), 'utf8'), 'name: mine\non: push\njobs: {}\n');
  s.cleanup();
});

test('4. --migrate into a read-only folder: refused before the edit, file unchanged', asNobody, () => {
  const s = scene({
    files: {
      '.github/workflows/release.yml':
        'name: Release\non: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n',
    },
  });
  giveToNobody(s);
  chmodSync(s.at('.github/workflows'), 0o555);
  const before = snapshot(s.base);
  expectClean(s, before, run(s, ['--migrate', 'release.yml', '--force'], { nobody: true }), { code: 1, says: 'cannot write in .github/workflows' });
  s.cleanup();
});

for (const name of ['.publish.yml.999999.abc123.ctp-tmp', '.999999-lq2k3m-abc123.ctp-tmp']) {
  test(`4. a stale temp file of an ended run (${name}) is removed by the next run`, () => {
    const s = scene();
    mkdirSync(s.at('.github/workflows'), { recursive: true });
    writeFileSync(s.at(`.github/workflows/${name}`), 'half a workfl');
    const before = snapshot(s.base);
    expectClean(s, before, run(s, ['--yes']), { code: 0, changes: ['.github*'] });
    assert.deepEqual(readdirSync(s.at('.github/workflows')), ['publish.yml']);
    s.cleanup();
  });
}

test('4. a temp file of a run still going (a live pid) is left alone', () => {
  const s = scene();
  mkdirSync(s.at('.github/workflows'), { recursive: true });
  const live = `.publish.yml.${process.pid}.abc123.ctp-tmp`;
  writeFileSync(s.at(`.github/workflows/${live}`), 'being written');
  const r = run(s, ['--yes']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(readdirSync(s.at('.github/workflows')).sort(), [live, 'publish.yml'].sort());
  s.cleanup();
});

// The expected workflow: what an uninterrupted run writes.
function expected(): string {
  const s = scene();
  assert.equal(run(s, ['--yes']).code, 0);
  const text = readFileSync(s.at(WF), 'utf8');
  s.cleanup();
  return text;
}

const whole = expected();
test('4. a replaced workflow whose own write fails is put back, and its .bak goes too', { skip: spawnSync('prlimit', ['--version']).status === 0 ? false : 'prlimit (util-linux) is not installed' }, () => {
  // The .bak is a second name of the old file (a hard link) until the write succeeds: after
  // a failed write both names are the same file, and renaming one over the other does nothing.
  const s = scene({ files: { [WF]: 'name: mine\non: push\njobs: {}\n' } });
  const before = snapshot(s.base);
  const r = run(s, ['--yes', '--force'], { wrap: ['prlimit', '--fsize=1000'] });
  expectClean(s, before, r, { code: 1, says: /Could not write \.github\/workflows\/publish\.yml \(EFBIG\)\. Every file this run had written was put back/ });
  s.cleanup();
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  for (const ms of [5, 20, 40, 60, 90]) {
    test(`4. ${signal} after ${ms} ms: no temp file, no half-written file, no stack trace`, async () => {
      const s = scene({ files: { '.github/dependabot.yml': 'version: 2\nupdates: []\n' } });
      const r = await runKilled(s, ['--yes'], signal, ms);
      assert.doesNotMatch(r.stderr, /^\s+at |node:internal/m, r.stderr);
      const files = readdirSync(s.at('.github'), { recursive: true }).map(String);
      assert.deepEqual(files.filter((f) => f.includes('ctp-tmp')), []);
      if (existsSync(s.at(WF))) assert.equal(readFileSync(s.at(WF), 'utf8'), whole);
      // Ended by the signal, or finished before it came.
      assert.ok(r.code === 0 || r.signal === signal || r.code === 128 + (signal === 'SIGINT' ? 2 : 15), `exit ${r.code} ${r.signal}`);
      s.cleanup();
    });
  }
}

test('4. a second run after an interrupted one finishes the job and leaves no temp file', async () => {
  const s = scene();
  await runKilled(s, ['--yes'], 'SIGKILL', 30);
  const before = snapshot(s.base);
  expectClean(s, before, run(s, ['--yes', '--force']), { code: 0, changes: ['.github*'] });
  assert.equal(readFileSync(s.at(WF), 'utf8'), whole);
  s.cleanup();
});

test('4. a write that fails after another succeeded (file size limit) puts everything back', { skip: spawnSync('prlimit', ['--version']).status === 0 ? false : 'prlimit (util-linux) is not installed' }, () => {
  // package.json is larger than the limit; publish.yml (written first) is not.
  const s = scene({ pkg: { repository: 'github:someone/else', description: 'x'.repeat(40_000) } });
  const before = snapshot(s.base);
  const r = run(s, ['--yes'], { wrap: ['prlimit', '--fsize=20000'] });
  expectClean(s, before, r, { code: 1, says: /Could not write package\.json \(EFBIG\)\. Every file this run had written was put back/ });
  assert.ok(!existsSync(s.at('.github')));
  s.cleanup();
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  test(`4. ${signal} while a large file is being written: the run ends after the writes, no temp file left`, async () => {
    // A 30 MB package.json takes long enough to write that the signal lands during the write.
    const s = scene({ pkg: { repository: 'github:someone/else', description: 'x'.repeat(30_000_000) } });
    const temp = () => readdirSync(s.repo).some((f) => f.endsWith('.ctp-tmp'));
    const r = await runKilled(s, ['--yes'], signal, 0, { when: temp, timeout: 60_000 });
    assert.doesNotMatch(r.stderr, /^\s+at |node:internal/m, r.stderr);
    assert.deepEqual(readdirSync(s.repo).filter((f) => f.includes('ctp-tmp')), []);
    assert.deepEqual(readdirSync(s.at('.github/workflows')).filter((f) => f.includes('ctp-tmp')), []);
    // All or nothing: the package.json is whole, with the fix.
    assert.match(readFileSync(s.at('package.json'), 'utf8'), /"repository": \{[^}]*acme\/widget/);
    assert.equal(r.signal, signal);
    s.cleanup();
  });
}

test('4. two --yes --force runs at once over a different publish.yml: each writes whole files or says why, no temp file', async () => {
  const s = scene({ files: { [WF]: 'name: mine\non: push\njobs: {}\n' } });
  const both = await Promise.all([0, 1].map(() => runKilled(s, ['--yes', '--force'], 'SIGTERM', 60_000)));
  for (const r of both) {
    assert.doesNotMatch(`${r.stdout}${r.stderr}`, /^\s+at |node:internal|Something went wrong/m, r.stderr);
    assert.ok(r.code === 0 || (r.code === 1 && /Could not write|already exists/.test(r.stderr)), `exit ${r.code}: ${r.stderr}`);
  }
  assert.ok(both.some((r) => r.code === 0));
  assert.equal(readFileSync(s.at(WF), 'utf8'), whole);
  const names = readdirSync(s.at('.github/workflows'));
  assert.deepEqual(names.filter((f) => f.includes('ctp-tmp')), []);
  // The user's file survives in a backup.
  assert.ok(names.filter((f) => f.startsWith('publish.yml.bak')).some((f) => readFileSync(s.at(`.github/workflows/${f}`), 'utf8').startsWith('name: mine')));
  s.cleanup();
});
