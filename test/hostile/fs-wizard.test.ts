// Issue 12, point 3 in the wizard (a real terminal, tmux): a symbolic link where the workflow
// goes is asked about like a workflow the user wrote, "no" by default, and never replaced
// silently. Its target outside the repository is never touched.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN } from '../helpers/cli.js';
import { Terminal } from '../helpers/tmux.js';
import { scene, snapshot } from './harness.js';

const terminals: Terminal[] = [];
after(() => {
  for (const t of terminals) t.kill();
});

const WF = '.github/workflows/publish.yml';
const MINE = 'name: mine\non: push\njobs: {}\n';

test('3. the wizard asks before replacing a symbolic link publish.yml; Escape leaves everything as it was', async () => {
  const s = scene();
  const target = join(s.outside, 'publish.yml');
  writeFileSync(target, MINE);
  mkdirSync(s.at('.github/workflows'), { recursive: true });
  symlinkSync(target, s.at(WF));
  const before = snapshot(s.base);
  const term = new Terminal({ columns: 100, rows: 40 }, { BROWSER: 'none', HOME: join(s.base, 'home') });
  terminals.push(term);
  term.start([process.execPath, BIN, s.repo], s.repo);
  await term.waitFor('Enter continue');
  term.send('Enter');
  // Enter on every question, up to the review.
  for (;;) {
    const screen = await term.waitFor(/Question \d+ of \d+|Write these files\?/);
    term.send('Enter');
    if (screen.includes('Write these files?')) break;
    await term.waitFor((now) => now !== screen);
  }
  const asked = await term.waitFor('A backup is kept.');
  assert.match(asked, /publish\.yml/);
  term.send('Enter'); // "no" is the default
  await term.waitFor('Choose a new file name');
  term.send('Escape');
  assert.equal(await term.exitCode(), 130);
  assert.ok(lstatSync(s.at(WF)).isSymbolicLink());
  assert.equal(readFileSync(target, 'utf8'), MINE);
  assert.deepEqual(snapshot(s.base), before);
  s.cleanup();
});
