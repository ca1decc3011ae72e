// doctor's side of the lerna floor: a publishing workflow that runs `lerna publish` with a lerna
// (or lerna-lite) in package.json below the release that exchanges the OIDC token itself is a
// release-tool-outdated warning, as --migrate refuses it. lerna-lite is read by its own floor.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lernaVersion, lowestVersion, oldLernaFindings } from '../../src/detect/lerna-version.js';
import type { WorkflowFile } from '../../src/core/model.js';

const wf = (run: string, publishes = true): WorkflowFile => ({
  path: '.github/workflows/publish.yml',
  fileName: 'publish.yml',
  content: `on: workflow_dispatch\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v5\n      - run: ${run}\n        env:\n          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}\n`,
  publishes,
  tokenUses: [],
});
const pkg = (devDependencies: Record<string, string>) => ({ name: 'widget-monorepo', private: true, devDependencies });

test('lerna-lite below 4.9.0 running lerna publish: a warning naming its own floor and both packages', () => {
  const [finding, ...rest] = oldLernaFindings(pkg({ '@lerna-lite/cli': '^4.8.0', '@lerna-lite/publish': '^4.8.0' }), [wf('npx lerna publish from-git --yes')]);
  assert.deepEqual(rest, []);
  assert.deepEqual(finding, {
    id: 'release-tool-outdated',
    level: 'warning',
    message: '@lerna-lite/publish ^4.8.0 is older than 4.9.0: lerna publish exchanges the OIDC token itself only from lerna-lite 4.9.0 on (5.2.1 on CircleCI), so it cannot publish with trusted publishing.',
    file: 'package.json',
    fix: 'Upgrade @lerna-lite/cli and @lerna-lite/publish to ^4.9.0 (in devDependencies) before the first release with the new workflow.',
  });
  assert.match(oldLernaFindings(pkg({ lerna: '^6.0.3' }), [wf('yarn lerna publish from-package --yes')])[0]?.message ?? '', /^lerna \^6\.0\.3 is older than 9\.0\.0: lerna publish exchanges the OIDC token itself only from lerna 9\.0\.0 on/);
});

test('no warning at or above the floor, with no version named, or when nothing publishing runs lerna publish', () => {
  const run = [wf('npx lerna publish from-git --yes')];
  assert.deepEqual(oldLernaFindings(pkg({ '@lerna-lite/cli': '^4.9.0', '@lerna-lite/publish': '^4.9.0' }), run), []);
  assert.deepEqual(oldLernaFindings(pkg({ '@lerna-lite/cli': '4.10.2' }), run), []);
  assert.deepEqual(oldLernaFindings(pkg({ lerna: '^9.0.3' }), run), []);
  assert.deepEqual(oldLernaFindings(pkg({}), run), []);
  // lerna only versions here (npm publishes), or the workflow is not seen publishing, or the line is a comment.
  assert.deepEqual(oldLernaFindings(pkg({ lerna: '^6.0.3' }), [wf('npx lerna version --yes && npm publish')]), []);
  assert.deepEqual(oldLernaFindings(pkg({ lerna: '^6.0.3' }), [wf('npx lerna publish from-git --yes', false)]), []);
  assert.deepEqual(oldLernaFindings(pkg({ lerna: '^6.0.3' }), [wf('npm publish # was: lerna publish from-git')]), []);
});

test('which lerna and the lowest release its range allows', () => {
  assert.deepEqual(lernaVersion(pkg({ '@lerna-lite/cli': '^4.9.0', '@lerna-lite/publish': '~4.10.1' })), { label: 'lerna-lite', entry: '@lerna-lite/publish', floor: '4.9.0', circleci: '5.2.1', range: '~4.10.1' });
  assert.equal(lernaVersion({ dependencies: { lerna: '8.2.4' }, devDependencies: { '@lerna-lite/cli': '4.9.0' } }).entry, 'lerna');
  assert.equal(lernaVersion('not an object').range, undefined);
  assert.equal(lowestVersion('^4.9.0'), '4.9.0');
  assert.equal(lowestVersion('7'), '7.0.0');
  assert.equal(lowestVersion('4.x'), '4.0.0');
  assert.equal(lowestVersion('>=8 || 6.x'), '6.0.0');
  assert.equal(lowestVersion('latest'), undefined);
  assert.equal(lowestVersion('workspace:*'), undefined);
});
