// Which lerna (or lerna-lite) package.json asks for, and whether its range allows a release below the
// one that exchanges the OIDC token itself. lerna-lite is read by its own floor. Doctor's warning is
// in test/doctor/old-lerna.test.ts, migrate's refusal in test/migrate/lerna.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { belowOidcFloor, lernaVersion } from '../../src/audit/lerna-version.js';

const pkg = (devDependencies: Record<string, string>) => ({ name: 'widget-monorepo', private: true, devDependencies });

test('which lerna package.json asks for', () => {
  assert.deepEqual(lernaVersion(pkg({ '@lerna-lite/cli': '^4.9.0', '@lerna-lite/publish': '~4.10.1' })), { label: 'lerna-lite', entry: '@lerna-lite/publish', floor: '4.9.0', circleci: '5.2.1', range: '~4.10.1' });
  assert.equal(lernaVersion({ dependencies: { lerna: '8.2.4' }, devDependencies: { '@lerna-lite/cli': '4.9.0' } }).entry, 'lerna');
  assert.equal(lernaVersion('not an object').range, undefined);
});

test('below the floor: a range that allows an older release', () => {
  assert.equal(belowOidcFloor(lernaVersion(pkg({ '@lerna-lite/cli': '^4.8.0', '@lerna-lite/publish': '^4.8.0' }))), true);
  assert.equal(belowOidcFloor(lernaVersion(pkg({ '@lerna-lite/publish': '^4.9.0' }))), false);
  assert.equal(belowOidcFloor(lernaVersion(pkg({ lerna: '^6.0.3' }))), true);
  assert.equal(belowOidcFloor(lernaVersion(pkg({ lerna: '^9.0.3' }))), false);
  assert.equal(belowOidcFloor(lernaVersion(pkg({}))), false, 'no version named: left for the user, not refused');
});
