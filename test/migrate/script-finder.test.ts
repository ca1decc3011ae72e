// Doctor and migrate find the repository scripts a step runs with one finder (the publish rule's):
// from the step's working directory, after a `cd` on the line, through the reader that keeps to the
// repository. Real git repositories, the built binary.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { makePackageRepo } from '../helpers/repo.js';

const SCRIPT = 'set -e\necho "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc\nnpm publish\n';
const TOP_SCRIPT = 'set -e\necho "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc\necho not this one\n';

const workflow = (step: string) => `name: Release
on:
  push:
    tags: ['v*']
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
          registry-url: https://registry.npmjs.org
${step}
        env:
          NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
`;

for (const [what, step] of [
  ['its working-directory', '      - run: bash ./publish.sh\n        working-directory: packages/cli'],
  ['a cd before it on the line', '      - run: cd packages/cli && ./publish.sh'],
] as const) {
  test(`a publish script run from ${what}: doctor reads it, and migrate edits that one (not a script of the same name at the top)`, () => {
    const repo = makePackageRepo({ files: { '.github/workflows/release.yml': workflow(step), 'packages/cli/publish.sh': SCRIPT, 'publish.sh': TOP_SCRIPT } });
    try {
      const doctor = JSON.parse(runCli(['doctor', repo.dir, '--json']).stdout) as { publishing: string[] };
      assert.deepEqual(doctor.publishing, ['.github/workflows/release.yml']);
      const run = runCli([repo.dir, '--migrate', '--yes', '--force']);
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.equal(readFileSync(join(repo.dir, 'packages/cli/publish.sh'), 'utf8'), 'set -e\nnpm publish\n');
      assert.equal(readFileSync(join(repo.dir, 'publish.sh'), 'utf8'), TOP_SCRIPT);
      assert.match(run.stdout, /packages\/cli\/publish\.sh no longer writes or checks the npm token/);
    } finally {
      repo.cleanup();
    }
  });
}
