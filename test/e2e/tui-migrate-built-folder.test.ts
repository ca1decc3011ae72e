// The built binary in a real terminal (tmux): a token workflow that publishes an Angular library
// from the folder ng-packagr builds (dist/<name>), with a private top package.json. The wizard
// offers only the in-place fix (no package here could get a new workflow), applies it with
// consent, and names the library the folder holds. Shape of william-mba/tailwind-ng@34aa798 (the
// pnpm-dist-matrix fixture).
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeRepo, type TempRepo } from '../helpers/repo.js';
import { BIN as bin } from '../helpers/cli.js';
import { Terminal, terminalTests } from '../helpers/tmux.js';

const { cleanups } = terminalTests();
let term: Terminal | undefined;
let repo: TempRepo | undefined;

cleanups.push(() => {
  term?.kill();
  repo?.cleanup();
});

const WORKFLOW = `name: Library
on:
  push:
    branches: [release]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
      - run: npm ci && npx ng build forms
      - run: |
          cd dist/forms
          npm config set //registry.npmjs.org/:_authToken=\${{ secrets.NPM_AUTHTOKEN }}
          npm publish
`;

it('an ng-packagr dist/ publish under a private top package.json: only the in-place fix, applied, naming the library', async () => {
  repo = makeRepo({
    remote: 'https://github.com/acme/forms.git',
    files: {
      '.github/workflows/library.yml': WORKFLOW,
      'package.json': { name: 'forms-workspace', version: '0.0.0', private: true },
      'projects/forms/ng-package.json': { dest: '../../dist/forms', lib: { entryFile: 'src/public-api.ts' } },
      'projects/forms/package.json': { name: '@acme/forms', version: '1.0.0', repository: { type: 'git', url: 'git+https://github.com/acme/forms.git', directory: 'projects/forms' } },
    },
  });
  term = new Terminal({ columns: 80, rows: 40 });
  term.start([process.execPath, bin, repo.dir], repo.dir);
  await term.waitFor('Enter fix library.yml in place  ·  Esc quit');
  assert.doesNotMatch(term.screen(), /private|n new workflow/);
  term.send('Enter');
  await term.waitFor('Apply these edits to .github/workflows/library.yml');
  term.send('y');
  term.send('Enter');
  await term.waitFor('Fixed in place: .github/workflows/library.yml');
  await term.waitFor('npm trust github @acme/forms --file library.yml --repo acme/forms');
  term.send('Escape');
  await term.exitCode();
  const after = readFileSync(join(repo.dir, '.github/workflows/library.yml'), 'utf8');
  assert.doesNotMatch(after, /_authToken/);
  assert.match(after, /id-token: write/);
});
