// A floating global install: npm's own says why (npm 12 no longer runs on older Node 22); any
// other tool (pnpm, a login helper) gets a reason and a fix about that tool, not about npm.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditWorkflow } from '../../src/audit/index.js';

const workflow = (install: string) => `on: push
permissions: {}
jobs:
  release:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      id-token: write
    steps:
      - run: ${install}
      - run: npm publish
`;

const adhoc = (install: string) => auditWorkflow(workflow(install), '.github/workflows/release.yml').filter((f) => f.id === 'adhoc-packages');

test('npm@latest: the npm 12 reason and the npm fix', () => {
  const [finding] = adhoc('npm install -g npm@latest');
  assert.match(finding!.message, /npm 12 no longer runs on older Node 22/);
  assert.match(finding!.fix ?? '', /npm@\^11\.5\.1/);
});

test('another tool: no word of npm 12; the fix pins that tool', () => {
  for (const [install, name] of [['npm i pnpm@latest -g', 'pnpm'], ['npm i -g npm-cli-login', 'npm-cli-login'], ['npm i -g @acme/login@next', '@acme/login']] as const) {
    const [finding] = adhoc(install);
    assert.doesNotMatch(finding!.message, /npm 12/, install);
    assert.equal(finding!.fix, `Pin a version (${name}@<version>), or install it as a devDependency from the lockfile.`, install);
  }
});

test('a version from an expression (tool@${{ env.VERSION }}) is one spec with a version, not three words', () => {
  assert.deepEqual(adhoc('npm i -g @acme/release-tools@${{ env.TOOLS_VERSION }}'), []);
  // The expression's words do not become packages of their own next to a floating one.
  assert.deepEqual(
    adhoc('npm i -g @acme/release-tools@${{ env.TOOLS_VERSION }} rimraf').map((f) => f.message.split(' takes')[0]),
    ['Global install of rimraf'],
  );
});

test('an install written inside a quoted argument (release notes, an echo) installs nothing; one a shell runs, or quoted specs, still count', () => {
  const notes = 'gh release create "v${VERSION}-beta" \\\n            --notes "Install with:\n\n            npm install -g @acme/cli@beta\n            " \\\n            ./dist/cli.zip';
  const block = (script: string) => `|\n          ${script.replace(/\n/g, '\n          ')}`;
  assert.deepEqual(adhoc(block(notes)), []);
  assert.deepEqual(adhoc(block('echo "then run: npm i -g @acme/cli@next"')), []);
  // The release notes do not hide an install after them, and its line is the one reported.
  const findings = auditWorkflow(workflow(block(`${notes}\nnpm i -g @acme/tool@latest`)), '.github/workflows/release.yml').filter((f) => f.id === 'adhoc-packages');
  assert.deepEqual(findings.map((f) => [f.message.split(' takes')[0], f.line]), [['Global install of @acme/tool@latest', 17]]);
  assert.equal(adhoc('sh -c "npm i -g @acme/tool@next"').length, 1, 'sh -c runs its string');
  assert.equal(adhoc('npm i -g "@acme/tool@latest"').length, 1, 'a quoted spec is the install itself');
  // A run: that YAML itself quotes is read as written.
  assert.equal(adhoc("'npm i -g @acme/tool@latest'").length, 1);
});
