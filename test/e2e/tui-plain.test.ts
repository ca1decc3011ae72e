// The line-by-line front-ends in a real terminal (tmux): TERM=dumb gets plain lines (no
// cursor movement, no clearing, ASCII markers), and Esc quits --plain as it quits the wizard.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makePackageRepo } from '../helpers/repo.js';
import { BIN as bin } from '../helpers/cli.js';
import { Terminal, terminalTests } from '../helpers/tmux.js';

const { cleanups } = terminalTests();

it('TERM=dumb: line by line, no escape sequence at all, ASCII markers; Enter takes every default', async () => {
  const repo = makePackageRepo({ pkg: { repository: 'github:acme/widget' } });
  cleanups.push(() => repo.cleanup());
  const term = new Terminal({ columns: 80, rows: 40 }, { BROWSER: 'none' });
  cleanups.push(() => term.kill());
  const raw = join(term.scratch, 'raw.log');
  // tmux sets TERM in its panes: set it in the command. The recording starts before the program writes.
  term.start(['sh', '-c', `sleep 0.3; TERM=dumb exec "$0" "$@"`, process.execPath, bin, repo.dir, '--no-open'], repo.dir);
  term.record(raw);
  for (const prompt of ['Choose 1-5 [1]:', 'Choose 1-3 [1]:', '[npm]:', '[publish.yml]:', '[24]:', 'Write these files? [Y/n]:']) {
    await term.waitFor(prompt);
    term.send('Enter');
  }
  assert.equal(await term.exitCode(), 0);
  const bytes = readFileSync(raw, 'utf8');
  assert.match(bytes, /Then retire the token/);
  assert.doesNotMatch(bytes, /\x1b/, 'no escape sequence: no colour, no cursor movement, no clearing');
  assert.doesNotMatch(bytes, /[✔✖→☐·…›]/u, 'ASCII markers');
  assert.ok(existsSync(join(repo.dir, '.github/workflows/publish.yml')));
});

it('--plain: Esc quits as in the full-screen wizard, with nothing written', async () => {
  const repo = makePackageRepo({ pkg: { repository: 'github:acme/widget' } });
  cleanups.push(() => repo.cleanup());
  const term = new Terminal({ columns: 80, rows: 30 }, { BROWSER: 'none' });
  cleanups.push(() => term.kill());
  term.start([process.execPath, bin, repo.dir, '--plain', '--no-open'], repo.dir);
  await term.waitFor('How releases are made');
  term.send('Enter');
  await term.waitFor('Publish when');
  term.send('Escape');
  assert.equal(await term.exitCode(), 130);
  await term.waitFor('Cancelled. Nothing was written.');
  assert.equal(repo.git('status', '--porcelain'), '');
});
