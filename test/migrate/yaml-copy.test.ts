// The document a migration edits is a copy of the shared parse (takeYaml), made without the
// yaml package's clone() for speed: it must be what clone() gives, node for node, and
// editing it must leave the shared parse as it was read.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isMap, type YAMLMap } from 'yaml';
import { readYaml, takeYaml } from '../../src/core/yaml-text.js';

/** Equal own properties (symbols and non-enumerable ones too), prototypes and schemas, all the way down. */
function assertSameTree(a: unknown, b: unknown, schemaA: unknown, schemaB: unknown, path = 'doc'): void {
  if (typeof a !== 'object' || a === null) {
    assert.ok(Object.is(a, b), `${path}: ${String(a)} != ${String(b)}`);
    return;
  }
  assert.ok(typeof b === 'object' && b !== null, `${path}: object on one side only`);
  assert.equal(Object.getPrototypeOf(a), Object.getPrototypeOf(b), `${path}: prototype`);
  const keys = Reflect.ownKeys(a);
  assert.deepEqual(new Set(Reflect.ownKeys(b)), new Set(keys), `${path}: own keys`);
  for (const key of keys) {
    const da: PropertyDescriptor = Object.getOwnPropertyDescriptor(a, key)!;
    const db: PropertyDescriptor = Object.getOwnPropertyDescriptor(b, key)!;
    assert.deepEqual([db.enumerable, db.writable, db.configurable], [da.enumerable, da.writable, da.configurable], `${path}.${String(key)}: attributes`);
    if (key === 'schema') {
      // Each copy carries its own document's schema.
      assert.equal(da.value, schemaA, `${path}.schema (clone)`);
      assert.equal(db.value, schemaB, `${path}.schema (copy)`);
      continue;
    }
    assertSameTree(da.value, db.value, schemaA, schemaB, `${path}.${String(key)}`);
  }
}

const TEXTS = {
  workflow: `# Release
name: Release
on:
  push:
    tags: ['v*']
env: { CI: 'true', DEPTH: 1 }
jobs:
  publish:
    runs-on: ubuntu-latest  # the runner
    timeout-minutes: 10
    if: \${{ !cancelled() }}
    steps:
      - uses: actions/checkout@v4
      - run: |
          npm ci
          npm publish
      - run: >-
          echo folded
          text
        env:
          FLAG: !!str true
          EMPTY:
          QUOTED: "a \\"b\\""
`,
  anchors: `defaults: &defaults
  runs-on: ubuntu-latest
  steps: [ { run: npm test } ]
jobs:
  test:
    <<: *defaults
    env:
      ANCHORED: &value one
      AGAIN: *value
? [complex, key]
: 0x1f
`,
  directives: `%YAML 1.2
---
!!map
list: !!seq
  - 1.5
  - null
  - ~
  - .nan
`,
};

for (const [name, text] of Object.entries(TEXTS)) {
  test(`takeYaml's copy is what the yaml package's clone() gives (${name})`, () => {
    const shared = readYaml(text).doc;
    const before = shared.toString();
    const cloned = shared.clone();
    const { doc: copy } = takeYaml(text);
    assert.notEqual(copy, shared);
    assert.notEqual(copy.schema, shared.schema);
    assertSameTree(cloned.contents, copy.contents, cloned.schema, copy.schema, 'contents');
    assert.equal(copy.toString(), cloned.toString());
    assert.deepEqual(copy.toJS(), shared.toJS());
    // Editing the copy, deep down, leaves the shared document as it was.
    const root = copy.contents as YAMLMap;
    root.set('added', 1);
    for (const item of root.items) if (isMap(item.value)) item.value.set('touched', true);
    assert.equal(shared.toString(), before);
    assert.equal(readYaml(text).doc, shared);
  });
}
