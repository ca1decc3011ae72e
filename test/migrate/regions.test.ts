// Large workflows are merged job by job (src/migrate/regions.ts): the text must be the one the
// whole-file merge gives, and the parse it shares must be the one a fresh parse gives.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { loadPins } from '../../src/render/pins.js';
import { migrateWorkflow } from '../../src/migrate/index.js';
import { editedText, jobRuns, REGIONS_FROM } from '../../src/migrate/regions.js';
import { printOptions } from '../../src/migrate/format.js';
import { readYaml, takeYaml } from '../../src/core/yaml-text.js';

const pins = loadPins();
const repo = { owner: 'acme', name: 'widget' };

const HEAD = `name: Release
on:
  push:
    tags: ['v*']
env:
  NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
jobs:
  # lint first
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm run lint   # fast

  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 22
          registry-url: https://registry.npmjs.org
      - run: npm publish
`;

/** An ordinary job, with the comments and blank lines real files have between jobs. */
const pad = (i: number) =>
  `  # shard ${i}\n  check-${i}:\n    name: Check ${i}\n    runs-on: ubuntu-latest   # shared\n    env:\n      SHARD: ${i}\n    steps:\n      - run: |\n          echo "shard $SHARD"\n          npm test -- --shard=${i}\n${i % 3 === 0 ? '\n' : ''}`;
const padded = (n: number, from = 0) => Array.from({ length: n }, (_, i) => pad(from + i)).join('');

/** Every node's position, comments and value, in document order. */
function shape(doc: Document): unknown[] {
  const out: unknown[] = [];
  const walk = (node: unknown): void => {
    if (isPair(node)) return (walk(node.key), walk(node.value));
    if (!isScalar(node) && !isMap(node) && !isSeq(node)) return void out.push(node ?? null);
    out.push([node.range, node.comment, node.commentBefore, node.spaceBefore, isScalar(node) ? [node.value, node.type] : node.items.length]);
    if (!isScalar(node)) for (const item of node.items) walk(item);
  };
  walk(doc.contents);
  return [doc.range, doc.comment, out];
}

function assertSharedParse(text: string) {
  const shared = readYaml(text);
  const lines = new LineCounter();
  const fresh = parseDocument(text, { uniqueKeys: false, lineCounter: lines, prettyErrors: false });
  assert.deepEqual(shared.doc.toJS(), fresh.toJS());
  assert.deepEqual(shape(shared.doc), shape(fresh));
  assert.deepEqual(shared.lines.lineStarts, lines.lineStarts);
}

test('a large workflow migrates to the text the whole-file merge gives, untouched jobs byte for byte', () => {
  const few = Math.ceil(REGIONS_FROM / 4 / pad(10).length);
  const small = HEAD + padded(few);
  const large = HEAD + padded(few * 8);
  assert.ok(small.length < REGIONS_FROM && large.length > REGIONS_FROM);
  const a = migrateWorkflow(small, '.github/workflows/release.yml', { pins, repo });
  const b = migrateWorkflow(large, '.github/workflows/release.yml', { pins, repo });
  assert.match(a.after, /persist-credentials: false/);
  // The padding jobs come last and are never edited: the large result is the small one plus the rest.
  assert.equal(b.after, a.after + padded(few * 7, few));
  assert.deepEqual(b.droppedSecrets, ['NPM_TOKEN']);
  assertSharedParse(b.after);
});

test('edits spread over a large file: merged job by job as the whole-file merge does, and the shared parse is a fresh parse', () => {
  const text = HEAD + padded(300) + `  docs:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n` + padded(300, 300) + '  # the end\n';
  const pristine = readYaml(text);
  const edit = () => {
    const { doc } = takeYaml(text);
    const jobs = (doc.contents as import('yaml').YAMLMap).get('jobs') as import('yaml').YAMLMap;
    (jobs.get('check-5') as import('yaml').YAMLMap).set('timeout-minutes', 10);
    jobs.setIn(['check-299', 'env', 'SHARD'], 'last');
    (jobs.get('docs') as import('yaml').YAMLMap).set('if', "github.repository == 'acme/widget'");
    (jobs.get('check-599') as import('yaml').YAMLMap).delete('name');
    (doc.contents as import('yaml').YAMLMap).delete('env');
    return doc;
  };
  const options = printOptions(edit(), text);
  // Merged job by job first, so the parse shared is the one put together.
  const edited = edit();
  assert.ok(jobRuns(text, pristine, edited));
  const byJobs = editedText(text, pristine, edited, options);
  const whole = editedText(text, pristine, edit(), options, null);
  assert.equal(byJobs, whole);
  assert.match(byJobs, /timeout-minutes: 10[\s\S]*SHARD: last[\s\S]*if: github.repository == 'acme\/widget'/);
  assert.ok(!byJobs.includes('ctp-untouched'));
  assertSharedParse(byJobs);
});

test('jobs that drop to contents: read are named in one line when there are many', () => {
  const few = migrateWorkflow(HEAD + padded(2), '.github/workflows/release.yml', { pins, repo }).changes;
  assert.deepEqual(few.filter((line) => /contents: read only/.test(line)), [
    'job "lint" now runs with contents: read only; give it its own permissions block if it needs more.',
    'job "check-0" now runs with contents: read only; give it its own permissions block if it needs more.',
    'job "check-1" now runs with contents: read only; give it its own permissions block if it needs more.',
  ]);
  const many = migrateWorkflow(HEAD + padded(2500), '.github/workflows/release.yml', { pins, repo }).changes;
  assert.deepEqual(many.filter((line) => /contents: read only/.test(line)), [
    '2501 jobs now run with contents: read only ("lint", "check-0", "check-1" and 2498 more); give a job its own permissions block if it needs more.',
  ]);
  assert.ok(many.length < 20, `${many.length} lines`);
});
