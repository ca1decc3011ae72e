// The built binary in a real terminal (tmux): when the in-place fix is refused, the wizard says
// why in lines that fit the terminal (words whole), and goes on to a new workflow.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makePackageRepo, type TempRepo } from '../helpers/repo.js';
import { BIN as bin } from '../helpers/cli.js';
import { Terminal, terminalTests } from '../helpers/tmux.js';

const { cleanups } = terminalTests();
let term: Terminal | undefined;
let repo: TempRepo | undefined;

cleanups.push(() => {
  term?.kill();
  repo?.cleanup();
});

const WORKFLOW = `name: Release
on:
  push:
    branches: [main]
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
      - run: npm ci
      - run: npx semantic-release
        env:
          GITHUB_TOKEN: \${{ secrets.GITHUB_TOKEN }}
          NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
`;

it('a refused in-place fix (semantic-release 24) is explained in whole words within 60 columns', async () => {
  repo = makePackageRepo({
    files: { '.github/workflows/release.yml': WORKFLOW },
    pkg: { repository: { type: 'git', url: 'git+https://github.com/acme/widget.git' }, devDependencies: { 'semantic-release': '^24.2.0' } },
  });
  term = new Terminal({ columns: 60, rows: 40 });
  term.start([process.execPath, bin, repo.dir], repo.dir);
  await term.waitFor('Enter fix release.yml in place');
  term.send('Enter');
  await term.waitFor('Writing a new workflow instead.');
  // The question drawn below can scroll the start of the message off the screen: read the history.
  const lines = term.history().split('\n');
  const start = lines.findIndex((line) => line.includes('Cannot fix it in place'));
  const end = lines.findIndex((line, i) => i >= start && line.includes('Writing a new workflow instead.'));
  assert.ok(start >= 0 && end >= start, lines.join('\n'));
  const message = lines.slice(start, end + 1);
  assert.ok(message.every((line) => line.length < 60), message.join('\n'));
  // Joined with spaces, the words are whole: no word was cut where the terminal wrapped it.
  const text = message.map((line) => line.trim()).join(' ');
  assert.match(text, /job "release" publishes with semantic-release, and semantic-release \^24\.2\.0 cannot publish with trusted publishing/);
  assert.match(text, /Upgrade semantic-release to \^25\.0\.1 in package\.json[^.]*lockfile, then migrate again\./);
  term.send('Escape');
  await term.exitCode();
  assert.equal(readFileSync(join(repo.dir, '.github/workflows/release.yml'), 'utf8'), WORKFLOW, 'nothing written');
});
