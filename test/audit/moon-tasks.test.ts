// A release step that runs a moon task (`moon run :publish`) publishes when the task's command or
// script does: the publish rule reads the root project's moon.yml and .moon/tasks.yml.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { moonTargets, moonTasksRun } from '../../src/audit/moon-tasks.js';
import { runPublishesWith } from '../../src/audit/publish-rule.js';

const files = (entries: Record<string, string>) => (path: string) => entries[path];

const ROOT_MOON = [
  'id: root',
  '',
  'tasks:',
  '  version-packages:',
  "    command: 'changeset version'",
  '  publish:',
  '    description: Publishes the packages',
  "    script: '(git diff --quiet || pnpm install) && changeset publish'",
  '    deps:',
  "      - '~:version-packages'",
  '    options:',
  '      runInCI: false',
  '  build:',
  '    command: tsc',
].join('\n');

test('moon run names its targets: every project, a project, the current one', () => {
  assert.deepEqual(moonTargets('moon run :publish'), [['', 'publish']]);
  assert.deepEqual(moonTargets('npx moon run root:publish --log debug && echo done'), [['root', 'publish']]);
  assert.deepEqual(moonTargets("moon run '~:release' app:build"), [['~', 'release'], ['app', 'build']]);
  assert.deepEqual(moonTargets('moon ci --color'), []);
});

test('a moon task that runs changeset publish publishes; one that builds does not', () => {
  const readFile = files({ 'moon.yml': ROOT_MOON });
  assert.equal(runPublishesWith('moon run :publish', { readFile }), true);
  assert.equal(runPublishesWith('moon run root:publish', { readFile }), true);
  assert.equal(runPublishesWith('moon run publish', { readFile }), true);
  assert.equal(runPublishesWith('moon run :build', { readFile }), false);
  assert.equal(runPublishesWith('moon run :version-packages', { readFile }), false);
  // Another project's task of that name is defined in a file that is not read: not the root's.
  assert.equal(runPublishesWith('moon run docs:publish', { readFile }), false);
  // Without the file there is nothing to follow.
  assert.equal(runPublishesWith('moon run :publish', { readFile: files({}) }), false);
});

test('tasks every project inherits (.moon/tasks.yml): a command list with args, a block script', () => {
  const readFile = files({
    '.moon/tasks.yml': [
      'tasks:',
      '  release:',
      '    command:',
      '      - npm',
      '      - publish',
      "    args: ['--access', 'public']",
      '  ship:',
      '    script: |',
      '      pnpm build',
      '      pnpm -r publish --no-git-checks',
      '  lint:',
      '    command: [eslint, .]',
    ].join('\n'),
  });
  assert.deepEqual(moonTasksRun('moon run lib:release', readFile), ['npm publish --access public']);
  assert.equal(runPublishesWith('moon run :ship', { readFile }), true);
  assert.equal(runPublishesWith('moon run :lint', { readFile }), false);
});
