// Monorepos whose packages a build tool declares, not package.json `workspaces`: Rush's rush.json
// (its parsing is tested in package-set.test.ts) and Nx's project.json folders, as detect sees them. Shapes modelled on rush.json of
// VisActor/VTable (develop, 2025) and GongT/km.js (master), and on the Nx workspace of
// taiga-family/taiga-ui@0062c49b114dc17f49906f423d70dcaead3d813e (projects/*/project.json).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detect } from '../../src/detect/index.js';
import { makeRepo } from '../helpers/repo.js';

const lib = (name: string, extra: object = {}) => ({ name, version: '1.0.0', repository: { type: 'git', url: 'git+https://github.com/acme/kit.git' }, ...extra });

test('a Rush repository has no package.json at its root: no error, its published projects are the packages', async () => {
  const r = makeRepo({
    remote: 'https://github.com/acme/kit.git',
    files: {
      'rush.json': '/* Rush */\n{ "projects": [ { "packageName": "@acme/core", "projectFolder": "libs/core", "versionPolicyName": "kit" }, { "packageName": "@acme/demo", "projectFolder": "apps/demo", "shouldPublish": false } ] }\n',
      'libs/core/package.json': lib('@acme/core'),
      'apps/demo/package.json': lib('@acme/demo'),
    },
  });
  try {
    const d = await detect(r.dir);
    assert.equal(d.findings.some((f) => f.id === 'no-package-json'), false);
    assert.deepEqual(d.workspacePackages.map((p) => p.name), ['@acme/core']);
  } finally {
    r.cleanup();
  }
});

test('an Nx workspace with a private root: project.json folders are the packages, the root is no error', async () => {
  const r = makeRepo({
    remote: 'https://github.com/acme/kit.git',
    files: {
      'package.json': { name: '@acme/kit-workspace', version: '4.0.0', private: true, devDependencies: { nx: '21.2.0' } },
      'nx.json': { targetDefaults: {} },
      'projects/cdk/project.json': { name: 'cdk' },
      'projects/cdk/package.json': lib('@acme/cdk'),
      'projects/core/project.json': { name: 'core' },
      'projects/core/package.json': lib('@acme/core'),
      'projects/demo/project.json': { name: 'demo' },
      'dist/core/project.json': { name: 'core' },
      'dist/core/package.json': lib('@acme/core'),
    },
  });
  try {
    const d = await detect(r.dir);
    assert.equal(d.findings.some((f) => f.id === 'private-package'), false);
    assert.equal(d.isMonorepo, true);
    assert.deepEqual(d.workspacePackages.map((p) => p.dir), ['projects/cdk', 'projects/core']);
  } finally {
    r.cleanup();
  }
});

test('project.json folders without nx.json, and a private root without workspaces, stay what they were', async () => {
  const r = makeRepo({
    remote: 'https://github.com/acme/kit.git',
    files: {
      'package.json': { name: '@acme/kit', version: '1.0.0', private: true },
      'projects/core/project.json': { name: 'core' },
      'projects/core/package.json': lib('@acme/core'),
    },
  });
  try {
    const d = await detect(r.dir);
    assert.equal(d.findings.some((f) => f.id === 'private-package'), true);
    assert.deepEqual(d.workspacePackages, []);
  } finally {
    r.cleanup();
  }
});
