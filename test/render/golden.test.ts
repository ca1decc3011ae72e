// Golden files: the rendered workflow, byte for byte, for every package manager x release
// flow and the monorepo layouts; each one valid YAML, clean in the audit and in actionlint.
// To rewrite them after an intended change: UPDATE_GOLDEN=1 node --import tsx --test test/render/golden.test.ts
// (then review the diff of test/golden/github/ before committing).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { actionlint } from '../../src/audit/actionlint.js';
import { auditWorkflow } from '../../src/audit/index.js';
import { renderWorkflow } from '../../src/providers/github/workflow.js';
import { BASE, GOLDEN } from './cases.js';

const DIR = fileURLToPath(new URL('../golden/github/', import.meta.url));
const update = process.env.UPDATE_GOLDEN === '1';

for (const [file, input] of Object.entries(GOLDEN)) {
  test(`golden ${file}`, async () => {
    const actual = renderWorkflow(input);
    const path = join(DIR, file);
    if (update) {
      mkdirSync(DIR, { recursive: true });
      writeFileSync(path, actual);
    }
    assert.ok(existsSync(path), `${path} is missing: run with UPDATE_GOLDEN=1`);
    assert.equal(actual, readFileSync(path, 'utf8'));
    const doc = parseDocument(actual, { uniqueKeys: true });
    assert.deepEqual([...doc.errors, ...doc.warnings].map((e) => e.message), []);
    const findings = auditWorkflow(actual, `.github/workflows/${file}`, { repo: BASE.repo });
    assert.deepEqual(findings.filter((f) => f.level !== 'info'), []);
    assert.deepEqual(await actionlint(actual, `.github/workflows/${file}`), []);
  });
}
