// The npm trust command lines: exactly what npm's `trust github` accepts, one per package.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseJsonValues } from '../../src/trust/npm-trust.js';
import { trustCommands, trustCommandsFor } from '../../src/trust/index.js';
import { versionAtLeast } from '../../src/npm/versions.js';
import type { Plan } from '../../src/core/model.js';

const repo = { owner: 'acme', name: 'widget' };

test('one command per package, with file, repo, environment and the permission', () => {
  const commands = trustCommandsFor({ packages: ['@acme/core', 'widget'], repo, workflow: 'release.yml', environment: 'npm' });
  assert.deepEqual(commands.map((c) => c.args), [
    ['trust', 'github', '@acme/core', '--file', 'release.yml', '--repo', 'acme/widget', '--env', 'npm', '--allow-publish', '--yes'],
    ['trust', 'github', 'widget', '--file', 'release.yml', '--repo', 'acme/widget', '--env', 'npm', '--allow-publish', '--yes'],
  ]);
  assert.equal(commands[0]!.display, 'npm trust github @acme/core --file release.yml --repo acme/widget --env npm --allow-publish --yes');
  assert.equal(commands[0]!.url, 'https://www.npmjs.com/package/@acme/core/access');
});

test('no environment, staged publishing, and a name that needs quoting for display', () => {
  const [staged] = trustCommandsFor({ packages: ['w'], repo, workflow: 'publish.yml', environment: null, allow: 'stage' });
  assert.deepEqual(staged!.args.slice(-2), ['--allow-stage-publish', '--yes']);
  assert.ok(!staged!.args.includes('--env'));
  assert.equal(staged!.expect.permission, 'createStagedPackage');
  const [quoted] = trustCommandsFor({ packages: ['w'], repo, workflow: 'publish.yml', environment: "npm prod's" });
  assert.match(quoted!.display, /--env 'npm prod'\\''s'/);
  assert.equal(quoted!.args[8], "npm prod's", 'the argument itself is passed as is, without a shell');
});

test('trustCommands(plan) takes the packages, workflow and environment from the plan', () => {
  const plan = { repo, answers: { workflow: 'publish.yml', environment: null }, publishers: [{ packageName: '@acme/widget' }] } as unknown as Plan;
  assert.deepEqual(trustCommands(plan).map((c) => c.display), ['npm trust github @acme/widget --file publish.yml --repo acme/widget --allow-publish --yes']);
});

test('npm version gate and the JSON npm trust list prints (one document per configuration)', () => {
  assert.equal(versionAtLeast('11.19.1', '11.15.0'), true);
  assert.equal(versionAtLeast('11.10.0', '11.15.0'), false);
  assert.equal(versionAtLeast('12.0.0', '11.15.0'), true);
  assert.deepEqual(parseJsonValues('\n{\n  "id": "a",\n  "file": "x{y}.yml"\n}\n\n{"id": "b"}\n'), [{ id: 'a', file: 'x{y}.yml' }, { id: 'b' }]);
  assert.deepEqual(parseJsonValues(''), []);
});
