// Adding the publish job and workflow to a real .circleci/config.yml keeps every other byte,
// replaces only its own entries, and refuses (with the snippet and a reason) when it cannot.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDocument } from 'yaml';
import { mergeIntoCircleciConfig } from '../../src/providers/circleci/merge.js';
import { renderCircleciParts } from '../../src/providers/circleci/config.js';
import type { MergeResult } from '../../src/providers/yaml-merge.js';
import { CIRCLECI_BASE } from './cases.js';
import { CIRCLECI_CANNOT, CIRCLECI_FOUR_SPACES, CIRCLECI_PROJECT } from './fixtures.js';

const PARTS = renderCircleciParts(CIRCLECI_BASE);
const PARTS_PNPM = renderCircleciParts({ ...CIRCLECI_BASE, packageManager: 'pnpm', packageDir: 'packages/widget' });

function merged(result: MergeResult): string {
  assert.ok('content' in result, 'cannotMerge' in result ? result.cannotMerge : '');
  return result.content;
}
const indent = (text: string, by: number) => text.replace(/^(?=.)/gm, ' '.repeat(by));
const data = (text: string) => parseDocument(text, { uniqueKeys: true }).toJS() as Record<string, Record<string, unknown>>;

test('a new config is the generated config', () => {
  assert.deepEqual(mergeIntoCircleciConfig(undefined, PARTS), { content: PARTS.config, notes: [] });
  assert.equal(merged(mergeIntoCircleciConfig(PARTS.config, PARTS)), PARTS.config, 'and merging into it changes nothing');
});

test('adds the job and the workflow to a real config; taking them out gives back the original bytes', () => {
  const result = mergeIntoCircleciConfig(CIRCLECI_PROJECT, PARTS);
  const content = merged(result);
  const job = `\n${indent(PARTS.job, 2)}`;
  const workflow = `\n${indent(PARTS.workflow, 2)}`;
  assert.ok(content.includes(job) && content.includes(workflow));
  assert.equal(content.replace(job, '').replace(workflow, ''), CIRCLECI_PROJECT);
  // The job goes after the last job's own trailing comments, before the next section's comments.
  assert.ok(content.includes(`      - run: npm publish\n${job}\nworkflows:`));
  const before = data(CIRCLECI_PROJECT);
  const after = data(content);
  assert.deepEqual(Object.keys(after), Object.keys(before));
  assert.deepEqual(Object.keys(after.jobs!), ['test', 'publish', 'npm-publish']);
  assert.deepEqual(Object.keys(after.workflows!), ['ci', 'npm-publish']);
  assert.deepEqual(after.orbs, before.orbs);
  assert.deepEqual(after.jobs!.test, before.jobs!.test);
  assert.ok('notes' in result && result.notes.some((note) => note.includes('npm token')));
});

test('a second merge is identical, and a changed input replaces only the generated entries', () => {
  const once = merged(mergeIntoCircleciConfig(CIRCLECI_PROJECT, PARTS));
  assert.equal(merged(mergeIntoCircleciConfig(once, PARTS)), once);
  const changed = merged(mergeIntoCircleciConfig(once, PARTS_PNPM));
  assert.equal(changed, merged(mergeIntoCircleciConfig(CIRCLECI_PROJECT, PARTS_PNPM)));
});

test('entries follow the indentation of the file they join', () => {
  const content = merged(mergeIntoCircleciConfig(CIRCLECI_FOUR_SPACES, PARTS));
  const job = `\n${indent(PARTS.job, 4)}`;
  assert.ok(content.startsWith(CIRCLECI_FOUR_SPACES + job), 'job appended under jobs: at column 4');
  assert.equal(content, `${CIRCLECI_FOUR_SPACES}${job}\nworkflows:\n${indent(PARTS.workflow, 2)}`, 'workflows: section created');
  assert.equal(merged(mergeIntoCircleciConfig(content, PARTS)), content);
});

for (const [name, { text, reason }] of Object.entries(CIRCLECI_CANNOT)) {
  test(`cannot merge: ${name} -> snippet and reason`, () => {
    const result = mergeIntoCircleciConfig(text, PARTS);
    assert.ok('cannotMerge' in result, `expected a refusal for ${name}`);
    assert.match(result.cannotMerge, reason);
    assert.equal(result.snippet, PARTS.config);
  });
}
