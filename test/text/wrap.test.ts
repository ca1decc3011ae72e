import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wrap } from '../../src/text/wrap.js';

test('wrap keeps every word, in order', () => {
  const words = 'one two three four five six seven eight nine ten eleven twelve'.split(' ');
  const lines = wrap(words.join(' '), 20, '  ');
  assert.deepEqual(lines.join(' ').split(/\s+/).filter(Boolean), words);
  assert.ok(lines.every((l) => l.length <= 20 && l.startsWith('  ')));
});

test('wrap: a first-line lead of its own counts towards the width, the rest hang under the indent', () => {
  const lines = wrap('Job "publish" runs npm ci, which stops without a lockfile', 30, '    ', '  ✖ publish.yml:48  ');
  assert.deepEqual(lines, ['  ✖ publish.yml:48  Job', '    "publish" runs npm ci,', '    which stops without a', '    lockfile']);
  assert.ok(lines.every((l) => l.length <= 30));
});

test('wrap: a first word longer than the room after the lead starts the next line', () => {
  assert.deepEqual(wrap('.github/workflows/release.yml:17 publishes', 30, '  ', '  fix: '), ['  fix:', '  .github/workflows/release.yml:17', '  publishes']);
});
