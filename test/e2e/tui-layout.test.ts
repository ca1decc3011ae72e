// Layout details read off a real terminal (tmux): the first screen's prompt lines erased
// exactly on the in-place path, and the replace question's choices kept together with its
// key hints, at narrow and normal widths.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { makePackageRepo, makeRepo } from '../helpers/repo.js';
import { BIN as bin } from '../helpers/cli.js';
import { Terminal, terminalTests } from '../helpers/tmux.js';

const { cleanups, open } = terminalTests();

// SOURCE: actions/starter-workflows@fb476d11fb02c2337b85ee44b9b43da5d3492977 ci/npm-publish.yml
// (a release-triggered npm publish with NODE_AUTH_TOKEN), in its own words.
const TOKEN_WORKFLOW = [
  'name: Release',
  'on:',
  '  release:',
  '    types: [published]',
  'jobs:',
  '  publish:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - uses: actions/checkout@v4',
  '      - uses: actions/setup-node@v4',
  '        with:',
  '          node-version: 20',
  '          registry-url: https://registry.npmjs.org',
  '      - run: npm ci',
  '      - run: npm publish',
  '        env:',
  '          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}',
  '',
].join('\n');

describe('the first screen on the in-place path', () => {
  for (const columns of [60, 80, 100]) {
    it(`at ${columns} columns Enter erases every prompt row, and nothing above them`, async () => {
      const repo = makePackageRepo({ files: { '.github/workflows/release.yml': TOKEN_WORKFLOW }, pkg: { repository: 'github:acme/widget' } });
      cleanups.push(() => repo.cleanup());
      const term = open(repo, { columns, rows: 50 });
      await term.waitFor('n new workflow');
      term.send('Enter');
      await term.waitFor(/Apply these edits to/);
      const history = term.history();
      assert.doesNotMatch(history, /Recommended: fix|before anything is written|Or press n|n new workflow/, history);
      assert.match(history, /with the fix\.\n\nReview\n/, 'the row above the prompt is kept');
    });
  }
});

/** A hand-written publish workflow the new one would replace (no token: not fixed in place). */
const HAND_WRITTEN = 'name: Release\non: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm publish\n';

async function toReplace(columns: number): Promise<string> {
  const repo = makePackageRepo({ files: { '.github/workflows/publish.yml': HAND_WRITTEN }, pkg: { repository: 'github:acme/widget' } });
  cleanups.push(() => repo.cleanup());
  const term = open(repo, { columns, rows: 40 });
  await term.waitFor('Enter continue');
  term.send('Enter');
  for (let guard = 0; guard < 10; guard++) {
    const screen = await term.waitFor((s) => /Question \d+ of \d+|Write these files\?/.test(s));
    term.send('Enter');
    if (screen.includes('Write these files?')) break;
    await term.waitFor((s) => s !== screen);
  }
  return term.waitFor('Esc quit, nothing written');
}

describe('the replace question', () => {
  it('at 60 columns the question wraps above its choices, which stay together on one row, with y/n in the key hints', async () => {
    const screen = await toReplace(60);
    const lines = screen.split('\n');
    const question = lines.findIndex((l) => l.startsWith('Replace .github/workflows/publish.yml?'));
    assert.ok(question >= 0, screen);
    assert.equal(lines[question], 'Replace .github/workflows/publish.yml? A backup is kept.', 'the question is whole, nothing beside it');
    assert.match(lines[question + 1]!, /^›\s+Yes\s+No\s+\(y\/n\)$/, `the choices together on the next row: ${JSON.stringify(lines[question + 1])}`);
    assert.match(screen, /^y\/n choose {2}· {2}Enter accept/m);
  });

  it('at 100 columns the question and its choices share one row, with y/n in the key hints', async () => {
    const screen = await toReplace(100);
    assert.match(screen, /^Replace \.github\/workflows\/publish\.yml\? A backup is kept\. ›\s+Yes\s+No\s+\(y\/n\)$/m, screen);
    assert.match(screen, /^y\/n choose {2}· {2}Enter accept {2}· {2}Esc quit, nothing written$/m);
  });
});

describe('question help beside the preview', () => {
  it('at 140 columns the help wraps between words: no row of the question column starts with a stray space', async () => {
    // No lockfile: the package manager is asked, and its help fills the 60-column question column exactly.
    const repo = makeRepo({ remote: 'git@github.com:acme/widget-core.git', files: { 'package.json': { name: '@acme/widget-core', version: '1.0.0', repository: 'github:acme/widget-core' } } });
    cleanups.push(() => repo.cleanup());
    const term = open(repo, { columns: 140, rows: 40 });
    await term.waitFor('Enter continue');
    term.send('Enter');
    const screen = await term.waitFor('Question 1 of 6');
    // The question column is the text left of the preview's border.
    const column = screen.split('\n').map((l) => l.split(/[│╭╰]/)[0]!.trimEnd());
    assert.ok(column.some((l) => l.startsWith('Installs dependencies in CI')), screen);
    for (const line of column) assert.doesNotMatch(line, /^ \S/, `a row starting with a stray space: ${JSON.stringify(line)}`);
  });
});

describe('the npmjs.com values at 60 columns', () => {
  it('prose wraps between words by the program; only the npm trust command is longer than a row', async () => {
    const repo = makePackageRepo({ remote: 'git@github.com:acme/widget-core.git', pkg: { name: '@acme/widget-core', repository: 'github:acme/widget-core' } });
    cleanups.push(() => repo.cleanup());
    const term = new Terminal({ columns: 60, rows: 50 }, { BROWSER: 'none' });
    cleanups.push(() => term.kill());
    term.start([process.execPath, bin, repo.dir, '--yes', '--no-open'], repo.dir);
    assert.equal(await term.exitCode(20_000), 0);
    // Joined: a row the terminal soft-wrapped reads as the one line the program printed.
    const history = term.history({ joined: true });
    const block = history.slice(history.indexOf('On npmjs.com'), history.indexOf('Then retire the token'));
    assert.match(block, /^ {4}Workflow filename +publish\.yml\n {26}file name only, no path$/m, block);
    const long = block.split('\n').filter((l) => [...l].length > 60);
    assert.deepEqual(long, ['    npm trust github @acme/widget-core --file publish.yml --repo acme/widget-core --env npm --allow-publish'], block);
  });
});

describe('the checklist at 60 columns', () => {
  it('a long title wraps between words under itself, live and in the scrollback', async () => {
    const repo = makePackageRepo({ remote: 'git@github.com:acme/widget-core.git', pkg: { name: '@acme/widget-core', repository: 'github:acme/widget-core' } });
    cleanups.push(() => repo.cleanup());
    const term = open(repo, { columns: 60, rows: 40 });
    await term.waitFor('Enter continue');
    term.send('Enter');
    for (let guard = 0; guard < 10; guard++) {
      const screen = await term.waitFor((s) => /Question \d+ of \d+|Write these files\?/.test(s));
      term.send('Enter');
      if (screen.includes('Write these files?')) break;
      await term.waitFor((s) => s !== screen);
    }
    await term.waitFor(/is saved on\s+npmjs\.com/);
    term.send('Enter');
    const live = await term.waitFor('Tick what you have done');
    assert.match(live, /^ {2}\[ \] 2\. Add the trusted publisher for @acme\/widget-core on\n {9}npmjs\.com$/m, live);
    term.send('Escape');
    assert.equal(await term.exitCode(), 0);
    const history = term.history({ joined: true });
    assert.match(history, /^\[ \] 2\. Add the trusted publisher for @acme\/widget-core on\n {7}npmjs\.com$/m, history);
    // The closing prose, too, is broken by the program between words.
    const again = history.slice(history.indexOf('To check where you are later'), history.indexOf('The same without questions'));
    assert.match(again, /in this folder/, history);
    for (const line of again.trimEnd().split('\n')) assert.ok([...line].length <= 60, `longer than the terminal: ${JSON.stringify(line)}`);
  });
});
