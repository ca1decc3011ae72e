// A step that points its scope at registry.npmjs.com and writes a token for that host: the token
// line goes, and the registry line names registry.npmjs.org (the same registry). npm asks the CI
// provider for an ID token whose audience is `npm:` plus the host of the registry the package
// goes to, and trusted publishing is documented for `npm:registry.npmjs.org`. Through the built
// binary in a real repository, with real actionlint and doctor after.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { actionlint } from '../../src/audit/actionlint.js';
import { runCli } from '../helpers/cli.js';
import { makeRepo } from '../helpers/repo.js';

const FILE = '.github/workflows/publish.yml';
const WORKFLOW = `name: Publish
on:
  release:
    types: [published]
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
      - run: npm ci
      - run: |
          echo "mirror: https://registry.npmjs.com/"
          npm set @acme:registry=https://registry.npmjs.com/
          npm set "//registry.npmjs.com/:_authToken=\${{ secrets.NPM_TOKEN }}"
          npm publish --access public
      - working-directory: packages/extra
        run: |
          npm set @acme:registry=https://registry.npmjs.com/
          npm set "//registry.npmjs.com/:_authToken=\${{ secrets.NPM_TOKEN }}"
          npm publish --access public
`;

test('registry.npmjs.com in the lines that set the scope registry becomes registry.npmjs.org, with one change line; other mentions stay', async () => {
  const repo = makeRepo({
    remote: 'https://github.com/acme/widget.git',
    files: {
      'package.json': { name: '@acme/widget', version: '1.0.0', repository: { type: 'git', url: 'git+https://github.com/acme/widget.git' } },
      'package-lock.json': { name: '@acme/widget', lockfileVersion: 3, packages: {} },
      'packages/extra/package.json': { name: '@acme/extra', version: '1.0.0', repository: { type: 'git', url: 'git+https://github.com/acme/widget.git', directory: 'packages/extra' } },
      [FILE]: WORKFLOW,
    },
  });
  try {
    const run = runCli([repo.dir, '--migrate', '--yes', '--force']);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const after = readFileSync(join(repo.dir, FILE), 'utf8');
    assert.match(after, /^ {10}echo "mirror: https:\/\/registry\.npmjs\.com\/"\n {10}npm set @acme:registry=https:\/\/registry\.npmjs\.org\/\n {10}npm publish --access public\n/m);
    assert.match(after, /^ {10}npm set @acme:registry=https:\/\/registry\.npmjs\.org\/\n {10}npm publish --access public\n$/m);
    assert.doesNotMatch(after, /_authToken|secrets\.NPM_TOKEN/);
    assert.equal(run.stdout.replace(/\s+/g, ' ').split('registry.npmjs.com → registry.npmjs.org where a step that wrote a token sets a registry').length, 2, `named once:\n${run.stdout}`);
    assert.deepEqual(await actionlint(after, FILE), []);
    const doctor = JSON.parse(runCli(['doctor', repo.dir, '--json']).stdout) as { publishing: string[] };
    assert.deepEqual(doctor.publishing, [FILE]);
  } finally {
    repo.cleanup();
  }
});
