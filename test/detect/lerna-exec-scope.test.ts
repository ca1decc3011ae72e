// `lerna exec 'npm publish' --scope=<name>` and `cd ${{ github.workspace }}/<folder> && npm publish` in a
// repository with no package.json at its top (a Maven project shipping editors to npm): the packages
// are the ones those folders hold. Modelled on apache/incubator-kie-tools@676824e
// .github/workflows/publish_release_artifacts_npm.yml.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lernaExecScopes } from '../../src/detect/lerna-exec-scope.js';
import { runCli } from '../helpers/cli.js';
import { makeRepo } from '../helpers/repo.js';

test('the literal --scope of a lerna exec that runs a publish; none for a glob, a variable or another command', () => {
  assert.deepEqual(lernaExecScopes("cd js\nlerna exec 'npm publish --access public' --scope=@acme/grid --stream"), ['@acme/grid']);
  assert.deepEqual(lernaExecScopes('npx lerna exec --scope @acme/grid --scope acme-cli -- npm publish'), ['@acme/grid', 'acme-cli']);
  assert.deepEqual(lernaExecScopes("lerna exec 'npm publish' --scope='@acme/*'"), []);
  assert.deepEqual(lernaExecScopes('lerna exec "npm publish" --scope=$PKG'), []);
  assert.deepEqual(lernaExecScopes("lerna exec 'npm run build' --scope=@acme/grid"), []);
});

const pkg = (name: string, extra: object = {}) => ({ name, version: '0.0.0', ...extra });

test('doctor names the packages of the folders the steps cd into and the lerna scope, and no missing top package.json', () => {
  const step = (dir: string, publish = 'npm publish --access public') =>
    `      - run: |\n          cd \${{ github.workspace }}/${dir}\n          echo "//registry.npmjs.org/:_authToken=\${{ secrets.NPM_TOKEN }}" > ~/.npmrc\n          ${publish}\n`;
  const r = makeRepo({
    remote: 'https://github.com/acme/editors.git',
    files: {
      'pom.xml': '<project/>\n',
      '.github/workflows/release.yml': `on:\n  release:\n    types: [published]\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n${step('.github/npm/bpmn')}${step('js/', "lerna exec 'npm publish --access public' --scope=@acme/grid --include-dependencies")}`,
      '.github/npm/bpmn/package.json': pkg('@acme/bpmn'),
      'js/package.json': pkg('@acme/js', { private: true, workspaces: ['packages/*'] }),
      'js/lerna.json': { packages: ['packages/*'], version: '0.0.0' },
      'js/packages/grid/package.json': pkg('@acme/grid'),
      'js/packages/chart/package.json': pkg('@acme/chart'),
    },
  });
  try {
    const report = JSON.parse(runCli(['doctor', r.dir, '--json']).stdout) as { packages: string[]; findings: { id: string }[] };
    assert.deepEqual(report.packages.sort(), ['@acme/bpmn', '@acme/grid']);
    assert.ok(!report.findings.some((f) => f.id === 'no-package-json'));
  } finally {
    r.cleanup();
  }
});
