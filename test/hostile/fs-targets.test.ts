// Issue 12, points 1 and 3: what is really at a path the tool writes. An unreadable file,
// a symbolic link, a named pipe, a folder or a device where publish.yml or package.json goes
// is never silently replaced: it needs consent (a link) or is refused with the reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cannotDropPrivileges, expectClean, fifo, giveToNobody, run, scene, snapshot, type Scene } from './harness.js';

const WF = '.github/workflows/publish.yml';
const MINE = 'name: mine\non: push\njobs: {}\n';
const noPrivileges = cannotDropPrivileges();
const asNobody = { skip: noPrivileges ?? false };

function withWorkflowDir(s: Scene): string {
  mkdirSync(s.at('.github/workflows'), { recursive: true });
  return s.at(WF);
}

test('1. an unreadable publish.yml (mode 000) is refused with the reason, as nobody', asNobody, () => {
  const s = scene({ files: { [WF]: MINE } });
  chmodSync(s.at(WF), 0o000);
  giveToNobody(s);
  const before = snapshot(s.base);
  expectClean(s, before, run(s, ['--yes'], { nobody: true }), { code: 1, says: /publish\.yml exists but cannot be read \(permission denied\)/ });
  s.cleanup();
});

test('1. an unreadable publish.yml is refused even with --force, and keeps mode 000', asNobody, () => {
  const s = scene({ files: { [WF]: MINE } });
  chmodSync(s.at(WF), 0o000);
  giveToNobody(s);
  const before = snapshot(s.base);
  expectClean(s, before, run(s, ['--yes', '--force'], { nobody: true }), { code: 1, says: 'cannot be read' });
  assert.equal(lstatSync(s.at(WF)).mode & 0o777, 0);
  s.cleanup();
});

test('1. --dry-run names an unreadable publish.yml and exits 1', asNobody, () => {
  const s = scene({ files: { [WF]: MINE } });
  chmodSync(s.at(WF), 0o000);
  giveToNobody(s);
  const before = snapshot(s.base);
  expectClean(s, before, run(s, ['--dry-run'], { nobody: true }), { code: 1, says: 'A run without --dry-run would write nothing' });
  s.cleanup();
});

test('1. an unreadable package.json is named as unreadable, not as missing', asNobody, () => {
  const s = scene();
  chmodSync(s.at('package.json'), 0o000);
  giveToNobody(s);
  const before = snapshot(s.base);
  for (const args of [['--yes'], ['doctor']]) {
    expectClean(s, before, run(s, args, { nobody: true }), { code: 1, says: 'package.json cannot be read (permission denied)' });
  }
  s.cleanup();
});

test('1. an unreadable dependabot.yml is refused, nothing else written', asNobody, () => {
  const s = scene({ files: { '.github/dependabot.yml': 'version: 2\nupdates: []\n' } });
  chmodSync(s.at('.github/dependabot.yml'), 0o000);
  giveToNobody(s);
  const before = snapshot(s.base);
  const r = run(s, ['--yes', '--force'], { nobody: true });
  // Detection cannot read it, so the plan creates one: the check before writing refuses.
  expectClean(s, before, r, { code: 1, says: 'dependabot.yml exists but cannot be read' });
  s.cleanup();
});

for (const where of ['inside', 'outside'] as const) {
  test(`3. publish.yml as a symbolic link to a file ${where} the repository is not replaced without --force`, () => {
    const s = scene();
    const target = where === 'inside' ? s.at('ci/publish.yml') : join(s.outside, 'publish.yml');
    mkdirSync(join(target, '..'), { recursive: true });
    writeFileSync(target, MINE);
    symlinkSync(target, withWorkflowDir(s));
    const before = snapshot(s.base);
    expectClean(s, before, run(s, ['--yes']), { code: 1, says: /publish\.yml is a symbolic link \(to .*\): replacing it turns it into a regular file[\s\S]*--force/ });
    s.cleanup();
  });
}

test('3. with --force a symbolic link publish.yml becomes a file, the link is kept as .bak, its target is untouched', () => {
  const s = scene();
  const target = join(s.outside, 'publish.yml');
  writeFileSync(target, MINE);
  symlinkSync(target, withWorkflowDir(s));
  const before = snapshot(s.base);
  const r = run(s, ['--yes', '--force']);
  expectClean(s, before, r, { code: 0, changes: [WF, `${WF}.bak`, '.github/dependabot.yml'] });
  assert.ok(lstatSync(s.at(WF)).isFile());
  assert.equal(readlinkSync(s.at(`${WF}.bak`)), target);
  assert.equal(readFileSync(target, 'utf8'), MINE);
  s.cleanup();
});

test('3. a dangling symbolic link publish.yml is not replaced without --force', () => {
  const s = scene();
  symlinkSync(join(s.outside, 'missing.yml'), withWorkflowDir(s));
  const before = snapshot(s.base);
  expectClean(s, before, run(s, ['--yes']), { code: 1, says: 'is a symbolic link' });
  s.cleanup();
});

for (const flags of [['--yes'], ['--yes', '--force'], ['--dry-run']]) {
  test(`3. a named pipe as publish.yml is refused, never opened (${flags.join(' ')})`, () => {
    const s = scene();
    fifo(withWorkflowDir(s));
    const before = snapshot(s.base);
    expectClean(s, before, run(s, flags), { code: 1, says: 'publish.yml is a named pipe (FIFO), not a regular file' });
    s.cleanup();
  });
}

test('3. a folder where publish.yml goes is refused with its name', () => {
  const s = scene();
  mkdirSync(s.at(WF), { recursive: true });
  const before = snapshot(s.base);
  expectClean(s, before, run(s, ['--yes', '--force']), { code: 1, says: 'publish.yml is a folder, not a regular file' });
  s.cleanup();
});

test('3. a character device reached through publish.yml is refused (a link to /dev/null)', () => {
  const s = scene();
  symlinkSync('/dev/null', withWorkflowDir(s));
  const before = snapshot(s.base);
  // A link is replaced only with consent; the device itself is never written to.
  const r = run(s, ['--yes']);
  expectClean(s, before, r, { code: 1, says: 'is a symbolic link (to /dev/null)' });
  s.cleanup();
});

test('3. a symbolic link package.json is not turned into a file by the "repository" fix without consent', () => {
  const s = scene({ pkg: { repository: 'github:someone/else' } });
  const real = join(s.outside, 'package.json');
  writeFileSync(real, readFileSync(s.at('package.json')));
  spawnSync('rm', [s.at('package.json')]);
  symlinkSync(real, s.at('package.json'));
  const before = snapshot(s.base);
  expectClean(s, before, run(s, ['--yes']), { code: 1, says: 'package.json is a symbolic link' });
  assert.ok(lstatSync(s.at('package.json')).isSymbolicLink());
  s.cleanup();
});

test('3. with --force the symbolic link package.json is replaced, its target outside untouched', () => {
  const s = scene({ pkg: { repository: 'github:someone/else' } });
  const real = join(s.outside, 'package.json');
  writeFileSync(real, readFileSync(s.at('package.json')));
  spawnSync('rm', [s.at('package.json')]);
  symlinkSync(real, s.at('package.json'));
  const before = snapshot(s.base);
  const r = run(s, ['--yes', '--force']);
  expectClean(s, before, r, { code: 0, changes: ['package.json', 'package.json.bak', '.github*'] });
  assert.match(readFileSync(s.at('package.json'), 'utf8'), /acme\/widget/);
  s.cleanup();
});

test('3. a named pipe as package.json is reported, never read (--yes and doctor --json)', () => {
  const s = scene({ noPackage: true });
  fifo(s.at('package.json'));
  const before = snapshot(s.base);
  expectClean(s, before, run(s, ['--yes']), { code: 1, says: 'package.json is a named pipe (FIFO), not a regular file' });
  const doctor = run(s, ['doctor', '--json']);
  expectClean(s, before, doctor, { code: 1, says: 'named pipe' });
  assert.equal(JSON.parse(doctor.stdout).ok, false);
  s.cleanup();
});

test('2. a dangling link where publish.yml.bak would go is skipped (.bak.2), never written through', () => {
  const s = scene({ files: { [WF]: MINE } });
  symlinkSync(join(s.outside, 'gone'), s.at(`${WF}.bak`));
  const before = snapshot(s.base);
  const r = run(s, ['--yes', '--force']);
  // The existing .bak name (a dangling link) is skipped, never written through.
  expectClean(s, before, r, { code: 0, changes: [WF, `${WF}.bak.2`, '.github/dependabot.yml'] });
  assert.equal(readFileSync(s.at(`${WF}.bak.2`), 'utf8'), MINE);
  s.cleanup();
});
