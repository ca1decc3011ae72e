// Points 7 and 17 in a real terminal (tmux): a fork clone is asked about, with the package's
// repository as the default, in both front-ends; the wizard's review shows an escape hidden in
// an existing workflow as text, never as a terminal command.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BIN } from '../helpers/cli.js';
import { git } from '../helpers/repo.js';
import { Terminal } from '../helpers/tmux.js';
import { scene, type Scene } from './harness.js';
import { MARKERS } from './output-cases.js';

const open: Array<{ term: Terminal; s: Scene }> = [];
after(() => {
  for (const { term, s } of open) {
    term.kill();
    s.cleanup();
  }
});

function forkClone(files: Record<string, string> = {}): Scene {
  const s = scene({ files });
  git(s.repo, 'remote', 'set-url', 'origin', 'git@github.com:someone/widget.git');
  git(s.repo, 'remote', 'add', 'upstream', 'https://github.com/acme/widget.git');
  return s;
}

function start(s: Scene, args: string[]): Terminal {
  const term = new Terminal({ columns: 110, rows: 40 }, { BROWSER: 'none', HOME: `${s.base}/home` });
  open.push({ term, s });
  term.start([process.execPath, BIN, ...args], s.repo);
  return term;
}

test('--plain: a fork clone asks for the repository, defaulting to the one package.json names', async () => {
  const s = forkClone();
  const term = start(s, ['--plain', '--no-open']);
  const screen = await term.waitFor('? GitHub repository');
  assert.match(screen, /the remote "upstream", but "origin" is someone\/widget/);
  assert.match(screen, /\? GitHub repository \(?acme\/widget\)?/);
  term.send('C-c');
  assert.equal(await term.exitCode(), 130);
});

test('the wizard: a fork clone asks for the repository too', async () => {
  const s = forkClone();
  const term = start(s, ['--no-open']);
  await term.waitFor('Enter continue');
  term.send('Enter');
  const screen = await term.waitFor(/GitHub repository/);
  assert.match(screen, /acme\/widget/);
  term.send('C-c');
  assert.ok([130, 0].includes(await term.exitCode()));
});

test('the wizard review shows an escape and a token in the existing workflow as text', async () => {
  const hostile = `name: publish\non: push\njobs:\n  p:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "\x1b[2J\x1b]0;pwned\x07"\n      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: ${MARKERS.ghp}\n`;
  const s = scene({ files: { '.github/workflows/publish.yml': hostile } });
  const term = start(s, ['--no-open', '--migrate']);
  const screen = await term.waitFor(/\\x1b\[2J/, 15_000);
  assert.ok(!term.history().includes(MARKERS.ghp), 'token on screen');
  assert.match(screen, /\\x07/);
  term.send('C-c');
  await term.exitCode();
  assert.equal(readFileSync(s.at('.github/workflows/publish.yml'), 'utf8'), hostile, 'nothing written');
});

test('the wizard review of a replaced workflow shows its escapes as text and hides its token', async () => {
  const hostile = `name: old\non: push\njobs:\n  p:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "\x1b[2J\x1b[8mhidden"\n        env:\n          NODE_AUTH_TOKEN: ${MARKERS.pat}\n`;
  const s = scene({ files: { '.github/workflows/publish.yml': hostile } });
  const term = start(s, ['--no-open']);
  await term.waitFor('Enter continue');
  term.send('Enter');
  // Enter accepts each question's default until the review asks to write.
  for (let n = 0; n < 10; n++) {
    const screen = await term.waitFor((text) => /Question \d+ of \d+|Write these files\?/.test(text));
    if (/Write these files\?/.test(screen)) break;
    const question = /Question \d+ of \d+/.exec(screen)![0];
    term.send('Enter');
    await term.waitFor((text) => !text.includes(question) || /Write these files\?/.test(text));
  }
  // The old file's lines are further down the review: page through it, keeping every page.
  const pages = [term.screen()];
  for (let n = 0; n < 6 && !/lines \d+-(\d+) of \1\b/.test(pages.at(-1)!); n++) {
    const where = /lines \d+-\d+ of \d+/.exec(pages.at(-1)!)?.[0] ?? '';
    term.send('PageDown');
    pages.push(await term.waitFor((text) => !text.includes(where)));
  }
  const screen = pages.find((page) => /\\x1b\[2J/.test(page)) ?? pages.join('\n');
  assert.match(screen, /\\x1b\[2J/);
  assert.match(screen, /\\x1b\[8mhidden/);
  assert.match(screen, /NODE_AUTH_TOKEN: github_pat_\*\*\*/);
  assert.ok(!term.history().includes(MARKERS.pat), 'token on screen');
  term.send('C-c');
  await term.exitCode();
  assert.equal(readFileSync(s.at('.github/workflows/publish.yml'), 'utf8'), hostile, 'nothing written');
});
