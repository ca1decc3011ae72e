// A CircleCI job that publishes through a repository shell script which writes the token itself
// (`npm config set //registry.npmjs.org/:_authToken=${NPM_TOKEN}`, NPM_TOKEN from a context): doctor
// names the script's line, and --migrate removes it beside the CircleCI OIDC export.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scanCiFile } from '../../src/detect/ci-files.js';
import { migrateCiFile } from '../../src/migrate/ci-files.js';
import { MigrateError } from '../../src/migrate/errors.js';

const CONFIG = `version: 2.1
jobs:
  publish:
    docker:
      - image: cimg/node:24.21
    steps:
      - checkout
      - run:
          name: Publish
          command: ./scripts/release.sh
workflows:
  main:
    jobs:
      - publish:
          context: npm
`;
const SCRIPT = `#!/bin/sh
set -e
npm ci
# The token comes from the CircleCI context.
npm config set //registry.npmjs.org/:_authToken=\${NPM_TOKEN}
npm publish --access public
`;
const files = (script: string) => ({ readFile: (path: string) => ({ 'scripts/release.sh': script })[path] });
const PATH = '.circleci/config.yml';

test("doctor names the token line of the script a CircleCI publish step runs, at the script's own line", () => {
  const scan = scanCiFile(PATH, CONFIG, files(SCRIPT));
  assert.equal(scan.publishes, true);
  assert.deepEqual(scan.tokenUses, [{ file: 'scripts/release.sh', line: 5, what: 'NPM_TOKEN' }]);
  // A script with no token line: nothing to name (the comment does not count).
  assert.deepEqual(scanCiFile(PATH, CONFIG, files(SCRIPT.replace(/^npm config set.*\n/m, ''))).tokenUses, []);
});

test('--migrate removes the token line from the script and exports the ID token before the script runs', () => {
  const out = migrateCiFile({ provider: 'circleci', path: PATH, content: CONFIG, ...scanCiFile(PATH, CONFIG, files(SCRIPT)) }, [], files(SCRIPT));
  assert.match(out.after, /command: \|\n {12}NPM_ID_TOKEN="\$\(circleci run oidc get --claims '\{"aud": "npm:registry\.npmjs\.org"\}'\)"\n {12}export NPM_ID_TOKEN\n {12}\.\/scripts\/release\.sh\n/);
  assert.deepEqual([...out.scripts.keys()], ['scripts/release.sh']);
  assert.equal(out.scripts.get('scripts/release.sh')!.after, SCRIPT.replace(/^npm config set.*\n/m, ''));
});

test('a script in another language that writes the token stops the migration, naming it', () => {
  const config = CONFIG.replace('./scripts/release.sh', 'node scripts/release.mjs && npm publish');
  const script = "import { execSync } from 'node:child_process';\nexecSync('npm config set //registry.npmjs.org/:_authToken=' + process.env.NPM_TOKEN);\n";
  const context = { readFile: (path: string) => ({ 'scripts/release.mjs': script })[path] };
  assert.throws(() => migrateCiFile({ provider: 'circleci', path: PATH, content: config, publishes: true, tokenUses: [] }, [], context), (e: unknown) => e instanceof MigrateError && /scripts\/release\.mjs, which writes an npm _authToken/.test(e.message));
});
