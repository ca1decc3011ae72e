// The project publishes itself with the workflow it generates (dogfooding): the committed
// file must be exactly what the tool writes for this package, and pass every check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderWorkflow } from '../../src/providers/github/workflow.js';
import { auditWorkflow } from '../../src/audit/index.js';
import { actionlint } from '../../src/audit/actionlint.js';
import { ROOT } from '../helpers/cli.js';

const PATH = '.github/workflows/publish.yml';
const own = readFileSync(join(ROOT, PATH), 'utf8');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const [owner = '', name = ''] = /github\.com\/([^/]+)\/([^/.]+)/.exec(pkg.repository.url)!.slice(1);

test("the project's own publish workflow is the one the tool generates for it", () => {
  const expected = renderWorkflow({
    repo: { owner, name },
    trigger: 'release',
    environment: 'npm',
    node: '24',
    packageManager: 'npm',
    packageDir: '',
    packageName: pkg.name,
    hasBuild: true,
    hasTest: true,
  });
  assert.equal(own, expected, 'regenerate with: node bin/create-trusted-publish.js . --yes --force --no-open');
});

test("the project's own workflow passes the audit and actionlint", async () => {
  const findings = auditWorkflow(own, PATH, { repo: { owner, name } }).filter((f) => f.level !== 'info');
  assert.deepEqual(findings, []);
  assert.deepEqual(await actionlint(own, PATH), []);
});
