// The one reader of the range a package.json asks for one package (release tools, lerna, Ship.js,
// multi-semantic-release runners).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { declaredRange, readManifest } from '../../src/npm/manifest.js';

test('declaredRange reads devDependencies first, then dependencies, and only strings', () => {
  assert.equal(declaredRange({ devDependencies: { lerna: '^9.0.0' }, dependencies: { lerna: '8.2.4' } }, 'lerna'), '^9.0.0');
  assert.equal(declaredRange({ dependencies: { shipjs: '0.28.2' } }, 'shipjs'), '0.28.2');
  assert.equal(declaredRange({ devDependencies: { shipjs: 28 } }, 'shipjs'), undefined);
  assert.equal(declaredRange({ peerDependencies: { lerna: '9' } }, 'lerna'), undefined);
  assert.equal(declaredRange({ devDependencies: ['lerna'] }, 'lerna'), undefined);
  assert.equal(declaredRange('not an object', 'lerna'), undefined);
  assert.equal(declaredRange(null, 'lerna'), undefined);
});

test('readManifest parses package.json, or gives {} when it is absent or not JSON', () => {
  assert.deepEqual(readManifest((path) => (path === 'package.json' ? '{ "name": "widget" }' : undefined)), { name: 'widget' });
  assert.deepEqual(readManifest(() => '{ not json'), {});
  assert.deepEqual(readManifest(() => undefined), {});
  assert.deepEqual(readManifest(undefined), {});
});
