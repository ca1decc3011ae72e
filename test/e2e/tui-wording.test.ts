// What the wizard says, read off a real terminal (tmux): notes wrapped with a hanging indent
// (never a row starting with a stray space), "Fixed in place" for an in-place edit, the
// repository note that calls "directory" a suggestion, and no box before an instruction.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { makePackageRepo, makeRepo } from '../helpers/repo.js';
import { terminalTests } from '../helpers/tmux.js';

const { cleanups, open } = terminalTests();

// SOURCE: actions/starter-workflows@fb476d11fb02c2337b85ee44b9b43da5d3492977 ci/npm-publish.yml
// (a release-triggered npm publish with NODE_AUTH_TOKEN), in its own words, plus one third-party
// action left on a tag. The action's name is chosen so that, at 80 columns, the note about it
// fills the first row exactly: the case where the space at the break began the next row.
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
  '      - uses: some-org/cache-thingsx@v2',
  '      - run: npm ci',
  '      - run: npm publish',
  '        env:',
  '          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}',
  '',
].join('\n');

describe('wording and wrapping', () => {
  it('an in-place fix at 80 columns: notes wrap under their text, and the edit reads "Fixed in place"', async () => {
    const repo = makePackageRepo({ files: { '.github/workflows/release.yml': TOKEN_WORKFLOW }, pkg: { repository: 'github:acme/widget' } });
    cleanups.push(() => repo.cleanup());
    const term = open(repo, { columns: 80, rows: 50 });
    await term.waitFor('Enter fix release.yml in place');
    term.send('Enter');
    const review = await term.waitFor('Apply these edits to .github/workflows/release.yml?');
    const lines = review.split('\n');
    const at = lines.findIndex((l) => l.startsWith('! Left for you: some-org/cache-thingsx@v2'));
    assert.ok(at >= 0, review);
    assert.equal(lines[at]!.length, 80, 'the first row is full: the break falls at the edge');
    assert.match(lines[at + 1]!, /^ {2}\S/, `a hanging indent of two, never one stray space: ${JSON.stringify(lines[at + 1])}`);
    // Above the diff (whose context lines do start with a space).
    for (const line of lines.slice(0, lines.findIndex((l) => l.startsWith('--- a/')))) {
      assert.doesNotMatch(line, /^ \S/, `no row starts with a single stray space: ${JSON.stringify(line)}`);
    }
    term.send('Enter');
    await term.waitFor(/is saved on\s+npmjs\.com/);
    const history = term.history();
    assert.match(history, /✔ Fixed in place: \.github\/workflows\/release\.yml/);
    assert.doesNotMatch(history, /Replaced/);
    term.send('Enter');
    await term.waitFor('Tick what you have done');
    term.send('Escape');
    assert.equal(await term.exitCode(), 0);
  });

  it('staged: "leave Allow npm publish unticked" is an instruction, with no box to tick before it', async () => {
    const repo = makePackageRepo({ pkg: { repository: 'github:acme/widget' } });
    cleanups.push(() => repo.cleanup());
    const term = open(repo, { columns: 100, rows: 40 }, ['--release', 'staged']);
    await term.waitFor('Enter continue');
    term.send('Enter');
    for (let guard = 0; guard < 8; guard++) {
      const screen = await term.waitFor((s) => /Question \d+ of \d+/.test(s) || s.includes('Write these files?'));
      if (screen.includes('Write these files?')) break;
      term.send('Enter');
      await term.waitFor((s) => s !== screen);
    }
    term.send('Enter');
    const values = await term.waitFor(/is saved on\s+npmjs\.com/);
    assert.match(values, /Allowed actions +leave "Allow npm publish" unticked/);
    assert.doesNotMatch(values, /☐ leave/);
    term.send('Enter');
    await term.waitFor('Tick what you have done');
    term.send('Escape');
    assert.equal(await term.exitCode(), 0);
  });

  it('a monorepo package without "repository": "directory" is suggested, never named as required', async () => {
    // SOURCE: changesets/changesets@a7974ef8eb9acaf451d3d2f5fdd0101f126357b8 package.json (a private root whose
    // "workspaces" are packages/*, each package published on its own); own names, one package.
    const repo = makeRepo({
      remote: 'git@github.com:acme/widget.git',
      files: {
        'package.json': { name: 'widget-root', private: true, workspaces: ['packages/*'] },
        'package-lock.json': { name: 'widget-root', lockfileVersion: 3, packages: {} },
        'packages/core/package.json': { name: '@acme/core', version: '1.0.0' },
      },
    });
    cleanups.push(() => repo.cleanup());
    const term = open(repo, { columns: 100, rows: 40 }, ['--no-fix-repository']);
    await term.waitFor('Enter continue');
    const first = term.joinedScreen();
    assert.match(first.replace(/\s+/g, ' '), /"directory": "packages\/core" is suggested, not required/);
    assert.doesNotMatch(first, /with directory/);
    term.send('Escape');
    assert.equal(await term.exitCode(), 130);
  });
  it('"What I found" at 60 columns: a long value wraps between words, under itself', async () => {
    const repo = makePackageRepo({ files: { '.github/workflows/release.yml': TOKEN_WORKFLOW }, pkg: { repository: 'github:acme/widget' } });
    cleanups.push(() => repo.cleanup());
    const term = open(repo, { columns: 60, rows: 50 });
    await term.waitFor('Recommended: fix release.yml in place');
    const lines = term.screen().split('\n');
    const at = lines.findIndex((line) => line.startsWith('  Tokens found'));
    assert.ok(at >= 0, lines.join('\n'));
    assert.equal(lines[at], '  Tokens found       .github/workflows/release.yml:18');
    assert.equal(lines[at + 1], '                     NODE_AUTH_TOKEN');
    term.send('Escape');
    assert.equal(await term.exitCode(), 130);
  });
});
