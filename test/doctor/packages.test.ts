// Registries named in package.json: a proxy in front of npmjs.com is an error.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { registryTargetFindings } from '../../src/detect/registry-target.js';
import type { PackageInfo } from '../../src/core/model.js';

const pkg = (publishConfig: object): PackageInfo => {
  const raw = JSON.stringify({ name: '@acme/w', version: '1.0.0', publishConfig }, null, 2) + '\n';
  return { dir: '', manifestPath: '/r/package.json', raw, name: '@acme/w', version: '1.0.0', private: false, scripts: {}, publishConfig: publishConfig as Record<string, unknown> };
};

test('publishConfig.registry: a proxy is a registry-proxy error; another registry is registry-not-npmjs; npmjs.com nothing', () => {
  const at = (p: PackageInfo) => registryTargetFindings([p], [], p).map((f) => `${f.level} ${f.id}:${f.line}`);
  assert.deepEqual(at(pkg({ registry: 'https://wombat-dressing-room.appspot.com' })), ['error registry-proxy:5']);
  assert.deepEqual(at(pkg({ registry: 'https://npm.pkg.github.com' })), ['error registry-not-npmjs:5']);
  assert.deepEqual(at(pkg({ registry: 'https://registry.npmjs.org/', access: 'public' })), []);
});
