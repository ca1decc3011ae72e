// semantic-release's `pkgRoot`: the folder @semantic-release/npm publishes. When the repository
// holds no package.json there, the build writes it, and migrate says so instead of a bare
// "could not work out the packages".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { builtPkgRootReason, semanticReleasePkgRoot } from '../../src/detect/semantic-release-root.js';

const reader = (files: Record<string, string>) => (path: string) => files[path];
const npmPlugin = (options: object) => JSON.stringify({ branches: ['main'], plugins: ['@semantic-release/commit-analyzer', ['@semantic-release/npm', options]] });

test('pkgRoot from .releaserc.json, a YAML .releaserc, or package.json "release"', () => {
  assert.deepEqual(semanticReleasePkgRoot(reader({ '.releaserc.json': npmPlugin({ pkgRoot: './package' }) })), { dir: 'package', file: '.releaserc.json' });
  assert.deepEqual(semanticReleasePkgRoot(reader({ '.releaserc': 'plugins:\n  - - "@semantic-release/npm"\n    - pkgRoot: dist/\n' })), { dir: 'dist', file: '.releaserc' });
  assert.deepEqual(semanticReleasePkgRoot(reader({ 'package.json': JSON.stringify({ name: 'x', release: JSON.parse(npmPlugin({ pkgRoot: 'out' })) }) })), { dir: 'out', file: 'package.json "release"' });
});

test('no pkgRoot, the top, a folder outside, or a config that is not data: none', () => {
  const cases: Record<string, string>[] = [
    { '.releaserc.json': npmPlugin({ npmPublish: true }) },
    { '.releaserc.json': npmPlugin({ pkgRoot: '.' }) },
    { '.releaserc.json': npmPlugin({ pkgRoot: '../elsewhere' }) },
    { '.releaserc.json': '{ not json' },
    { 'release.config.js': 'module.exports = {}' },
  ];
  for (const files of cases) {
    assert.equal(semanticReleasePkgRoot(reader(files)), undefined, JSON.stringify(files));
  }
});

test('the reason is given only when the folder has no package.json in the repository', () => {
  const config = { '.releaserc.json': npmPlugin({ pkgRoot: './package' }) };
  assert.match(builtPkgRootReason(reader(config)) ?? '', /^semantic-release publishes package\/ \(pkgRoot in \.releaserc\.json\), a folder this repository does not hold: .* Pass --packages with that name\.$/);
  assert.equal(builtPkgRootReason(reader({ ...config, 'package/package.json': '{"name":"x"}' })), undefined);
});
