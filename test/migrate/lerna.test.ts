// A job that runs `lerna publish` publishes with lerna's own OIDC exchange: lerna 9.0.0 and newer,
// or lerna-lite (@lerna-lite/cli with @lerna-lite/publish) 4.9.0 and newer. Below its floor the
// migration is refused with the upgrade; with no version in package.json it is left for the user.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MigrateError } from '../../src/migrate/errors.js';
import { lernaLeft, refuseOldLerna } from '../../src/migrate/lerna.js';

const withPackage = (devDependencies: Record<string, string>) => (path: string) =>
  path === 'package.json' ? JSON.stringify({ name: 'widget-monorepo', private: true, devDependencies }) : undefined;

test('lerna-lite at or above 4.9.0 (read from @lerna-lite/publish, else @lerna-lite/cli): migrates, nothing left to check', () => {
  for (const deps of [
    { '@lerna-lite/cli': '^4.9.0', '@lerna-lite/publish': '^4.9.0' },
    { '@lerna-lite/cli': '~4.10.2', '@lerna-lite/publish': '~4.10.2' },
    { '@lerna-lite/cli': '5.2.2' },
    { '@lerna-lite/publish': '>=4.9.0' },
  ] as Record<string, string>[]) {
    assert.doesNotThrow(() => refuseOldLerna('Publish', withPackage(deps)), JSON.stringify(deps));
    assert.equal(lernaLeft('Publish', withPackage(deps)), undefined, JSON.stringify(deps));
  }
});

test('lerna-lite below 4.9.0 is refused with its own floor and upgrade, not lerna 9', () => {
  assert.throws(
    () => refuseOldLerna('Publish', withPackage({ '@lerna-lite/cli': '^4.8.0', '@lerna-lite/publish': '^4.8.0' })),
    (error: unknown) =>
      error instanceof MigrateError &&
      error.message ===
        'job "Publish" publishes with lerna publish, and package.json asks for @lerna-lite/publish ^4.8.0: lerna-lite exchanges the OIDC token itself only from 4.9.0 on (5.2.1 on CircleCI), so without the token this lerna-lite cannot publish. Upgrade @lerna-lite/cli and @lerna-lite/publish to ^4.9.0 or newer, then migrate again.',
  );
  assert.throws(() => refuseOldLerna('Publish', withPackage({ '@lerna-lite/cli': '3.12.3' })), /asks for @lerna-lite\/cli 3\.12\.3: lerna-lite exchanges the OIDC token itself only from 4\.9\.0 on/);
});

test('lerna itself keeps its floor of 9.0.0; no version at all is left for the user to check, naming both floors', () => {
  assert.throws(() => refuseOldLerna('release', withPackage({ lerna: '^8.2.4' })), /asks for lerna \^8\.2\.4: lerna exchanges the OIDC token itself only from 9\.0\.0 on \(10\.0\.0 on CircleCI\).*Upgrade lerna to 9 or newer/);
  assert.doesNotThrow(() => refuseOldLerna('release', withPackage({ lerna: '^9.0.3' })));
  assert.equal(lernaLeft('release', withPackage({ lerna: '^9.0.3' })), undefined);
  for (const deps of [{}, { '@lerna-lite/cli': 'latest' }] as Record<string, string>[]) {
    assert.doesNotThrow(() => refuseOldLerna('release', withPackage(deps)));
    assert.match(lernaLeft('release', withPackage(deps)) ?? '', /from lerna 9\.0\.0 on \(10\.0\.0 on CircleCI\), lerna-lite 4\.9\.0 on \(5\.2\.1 on CircleCI\), and package\.json names no lerna version/);
  }
});

test('a lerna below 9 named on the run line is the one that runs: refused, not raised there', () => {
  for (const run of ['npx lerna@6 publish from-package --yes', 'npx --yes -p lerna@^8.1.0 lerna publish']) {
    assert.throws(
      () => refuseOldLerna('release', withPackage({ lerna: '^9.0.3' }), run),
      /job "release" publishes with lerna publish, and its run line names lerna@\^?[68].*only from 9\.0\.0 on.*Upgrade lerna to 9 or newer \(lerna\.json and commands such as lerna bootstrap may need changes\), then migrate again\./,
      run,
    );
  }
  // lerna 9 named there: migrates, nothing left to check; an old one in package.json is still refused without one.
  assert.doesNotThrow(() => refuseOldLerna('release', withPackage({}), 'npx lerna@9.0.3 publish'));
  assert.equal(lernaLeft('release', withPackage({}), 'npx lerna@9.0.3 publish'), undefined);
  assert.throws(() => refuseOldLerna('release', withPackage({ lerna: '^6.0.0' }), 'npx lerna publish'), /package\.json asks for lerna \^6\.0\.0/);
});

test('lerna 8 behind changesets/action\'s publish input is refused like a run line', async () => {
  const { migrateWorkflow } = await import('../../src/migrate/index.js');
  const { loadPins } = await import('../../src/render/pins.js');
  const content = `on: push
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - uses: changesets/action@v1
        with:
          publish: npx lerna publish from-package --yes
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;
  assert.throws(() => migrateWorkflow(content, '.github/workflows/release.yml', { pins: loadPins(), readFile: withPackage({ lerna: '^8.2.4' }) }), /asks for lerna \^8\.2\.4/);
});
