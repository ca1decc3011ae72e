// The built binary in a real terminal (tmux): --migrate's list of changes is wrapped to the
// terminal's width in whole words; piped, each change stays one line (for grep and logs).
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { makePackageRepo, type TempRepo } from '../helpers/repo.js';
import { Terminal, terminalTests } from '../helpers/tmux.js';
import { BIN as bin, runCli } from '../helpers/cli.js';
import { TAG_TOKEN_PUBLISH } from '../helpers/token-workflows.js';

const { cleanups } = terminalTests();
let term: Terminal | undefined;
let repo: TempRepo | undefined;

cleanups.push(() => {
  term?.kill();
  repo?.cleanup();
});

it('at 60 columns every change line fits, words whole; piped, a change is one line', async () => {
  const workflow = TAG_TOKEN_PUBLISH.replace('node-version: 24', 'node-version: 12');
  repo = makePackageRepo({ files: { '.github/workflows/publish.yml': workflow }, pkg: { repository: { type: 'git', url: 'git+https://github.com/acme/widget.git' } } });
  const change = 'job "publish": actions/checkout@v4 pinned to';
  term = new Terminal({ columns: 60, rows: 50 });
  term.start([process.execPath, bin, repo.dir, '--migrate', '--dry-run'], repo.dir);
  await term.exitCode();
  const lines = term.history().split('\n');
  const start = lines.findIndex((line) => line.startsWith('.github/workflows/publish.yml'));
  const end = lines.findIndex((line, i) => i > start && line.startsWith('--- a/'));
  const changes = lines.slice(start + 1, end).filter((line) => line.trim() !== '');
  assert.ok(changes.length > 3, lines.join('\n'));
  assert.ok(changes.every((line) => line.length < 60), changes.join('\n'));
  assert.ok(changes.every((line) => /^ {2}- | {4}\S/.test(line)), `items start "  - ", their continuations four spaces in:\n${changes.join('\n')}`);
  assert.match(changes.map((line) => line.trim()).join(' '), /node-version 12 -> 24 \(npm 11\.5\.1 or newer\)/);
  const piped = runCli([repo.dir, '--migrate', '--dry-run']);
  assert.equal(piped.code, 0, piped.stderr);
  assert.match(piped.stdout, new RegExp(`^  - ${change.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} v\\S+( .*)?$`, 'm'));
  assert.match(piped.stdout, /^ {2}- job "publish": node-version 12 -> 24 \(npm 11\.5\.1 or newer\)$/m);
});

it('at 60 columns the consent question wraps between words; "n" writes nothing', async () => {
  const local = makePackageRepo({ files: { '.github/workflows/publish.yml': TAG_TOKEN_PUBLISH }, pkg: { repository: { type: 'git', url: 'git+https://github.com/acme/widget.git' } } });
  const t = new Terminal({ columns: 60, rows: 200 });
  try {
    t.start([process.execPath, bin, local.dir, '--migrate'], local.dir);
    await t.waitFor('(y/N)');
    const rows = t.history().split('\n');
    const at = rows.findIndex((row) => row.startsWith('Apply these edits to'));
    assert.ok(at >= 0, rows.join('\n'));
    const question = rows.slice(at).filter((row) => row.trim() !== '');
    assert.ok(question.length > 1 && question.every((row) => row.length <= 56), question.join('\n'));
    // The program broke the rows, not the terminal: a joined capture has the same ones.
    const joined = t.history({ joined: true }).split('\n');
    assert.deepEqual(joined.slice(joined.findIndex((row) => row.startsWith('Apply these edits to'))).filter((row) => row.trim() !== '').map((row) => row.trimEnd()), question.map((row) => row.trimEnd()));
    assert.equal(question.join(' ').replace(/\s+/g, ' ').trim(), 'Apply these edits to .github/workflows/publish.yml? A .bak backup of each file is kept. (y/N)');
    t.send('n', 'Enter');
    await t.waitFor('Nothing was written.');
    assert.equal(local.git('status', '--porcelain'), '');
  } finally {
    t.kill();
    local.cleanup();
  }
});

it('at 60 columns a refusal on stderr wraps between words; piped, each line stays whole', async () => {
  // A publish from a CI npm's trusted publishing does not serve (modelled on a Woodpecker pipeline).
  const pipeline = ['when:', '  event: tag', 'steps:', '  publish:', '    image: plugins/npm', '    settings:', '      token:', '        from_secret: npm_access_token', ''].join('\n');
  const local = makePackageRepo({ files: { '.woodpecker/release.yml': pipeline }, pkg: { repository: { type: 'git', url: 'git+https://github.com/acme/widget.git' } } });
  const t = new Terminal({ columns: 60, rows: 60 });
  try {
    t.start([process.execPath, bin, local.dir, '--migrate', '--yes'], local.dir);
    assert.equal(await t.exitCode(), 1);
    const rows = t.history().split('\n').filter((row) => row.trim() !== '');
    const joined = t.history({ joined: true }).split('\n').filter((row) => row.trim() !== '');
    assert.deepEqual(joined.map((row) => row.trimEnd()), rows.map((row) => row.trimEnd()), rows.join('\n'));
    assert.ok(rows.some((row) => row.startsWith('.woodpecker/release.yml')), rows.join('\n'));
    const piped = runCli([local.dir, '--migrate', '--yes']);
    assert.equal(piped.code, 1);
    const words = (text: string) => text.split(/\s+/).filter(Boolean);
    assert.deepEqual(words(rows.join('\n')).filter((w) => !/^EXIT|\$$/.test(w)), words(piped.stderr + piped.stdout), rows.join('\n'));
    assert.ok(piped.stderr.split('\n').some((line) => line.length > 60), 'piped, a line is longer than the terminal');
  } finally {
    t.kill();
    local.cleanup();
  }
});
