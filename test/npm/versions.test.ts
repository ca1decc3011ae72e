// The lowest version a semver range allows: the one reading used for release tools (detect),
// lerna's OIDC floor (audit) and Ship.js's (migrate).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lowestMajor, lowestVersion } from '../../src/npm/versions.js';

test('lowestVersion reads the lowest release a range allows', () => {
  assert.equal(lowestVersion('^4.9.0'), '4.9.0');
  assert.equal(lowestVersion('~4.10.1'), '4.10.1');
  assert.equal(lowestVersion('7'), '7.0.0');
  assert.equal(lowestVersion('4.x'), '4.0.0');
  assert.equal(lowestVersion('v0.28'), '0.28.0');
  assert.equal(lowestVersion('>=8 || 6.x'), '6.0.0');
  assert.equal(lowestVersion('>=8 <10 || 9.1.2'), '8.0.0');
  assert.equal(lowestVersion('=2.0.0-beta.1'), '2.0.0');
  assert.equal(lowestVersion('<5'), '0.0.0');
  assert.equal(lowestVersion('npm:semantic-release@^23.0.0'), '23.0.0');
  assert.equal(lowestVersion('latest'), undefined);
  assert.equal(lowestVersion('workspace:*'), undefined);
  assert.equal(lowestVersion('github:semantic-release/semantic-release'), undefined);
  assert.equal(lowestVersion('1abc'), undefined);
  assert.equal(lowestVersion(undefined), undefined);
});

test('lowestMajor reads the lowest major a range allows', () => {
  assert.equal(lowestMajor('^24.2.0'), 24);
  assert.equal(lowestMajor('~25.0.1'), 25);
  assert.equal(lowestMajor('>=22 <26'), 22);
  assert.equal(lowestMajor('26.x || 24'), 24);
  assert.equal(lowestMajor('npm:semantic-release@^23.0.0'), 23);
  assert.equal(lowestMajor('latest'), undefined);
  assert.equal(lowestMajor('github:semantic-release/semantic-release'), undefined);
});
