// Golden files: the rendered workflow, byte for byte.
// To rewrite them after an intended change: UPDATE_GOLDEN=1 node --import tsx --test test/render/golden.test.ts
// (then review the diff of test/golden/github/ before committing).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { renderWorkflow } from '../../src/render/workflow.js';
import { GOLDEN } from './cases.js';

const DIR = fileURLToPath(new URL('../golden/github/', import.meta.url));
const update = process.env.UPDATE_GOLDEN === '1';

for (const [file, input] of Object.entries(GOLDEN)) {
  test(`golden ${file}`, () => {
    const actual = renderWorkflow(input);
    const path = join(DIR, file);
    if (update) {
      mkdirSync(DIR, { recursive: true });
      writeFileSync(path, actual);
    }
    assert.ok(existsSync(path), `${path} is missing: run with UPDATE_GOLDEN=1`);
    assert.equal(actual, readFileSync(path, 'utf8'));
  });
}
