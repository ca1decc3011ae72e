// The published bundle renders precompiled templates (slimmed by scripts/bundle-plugins.mjs); the
// source compiles the .hbs files. Every golden file and every variant the wizard can produce
// must come out byte for byte the same from both.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { bundleOptions } from '../../scripts/build.mjs';
import { renderWorkflow } from '../../src/providers/github/workflow.js';
import { template } from '../../src/render/handlebars.js';
import { renderGitlabJob } from '../../src/providers/gitlab/job.js';
import { renderCircleciConfig } from '../../src/providers/circleci/config.js';
import { allVariants, GOLDEN } from './cases.js';
import { CIRCLECI_GOLDEN, GITLAB_GOLDEN, circleciVariants, gitlabVariants } from '../providers/cases.js';

type Bundle = typeof import('./bundle-entry.js');

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const GOLDEN_DIR = fileURLToPath(new URL('../golden/', import.meta.url));
let outdir: string;
let bundle: Bundle;

before(async () => {
  // Inside the repository, so the bundle finds templates/ above it as the installed one does.
  outdir = mkdtempSync(join(ROOT, 'node_modules', '.ctp-bundle-test-'));
  const options = bundleOptions(outdir);
  await build({ ...options, entryPoints: { entry: 'test/render/bundle-entry.ts' }, logLevel: 'error' });
  bundle = (await import(pathToFileURL(join(outdir, 'entry.js')).href)) as Bundle;
});
after(() => rmSync(outdir, { recursive: true, force: true }));

test('the bundle renders precompiled templates', () => {
  assert.equal(bundle.PRECOMPILED_TEMPLATES, true);
});

test('the bundle renders every GitHub golden file', () => {
  for (const [file, input] of Object.entries(GOLDEN)) {
    assert.equal(bundle.renderWorkflow(input), readFileSync(join(GOLDEN_DIR, 'github', file), 'utf8'), file);
  }
});

test('the bundle renders every GitLab and CircleCI golden file', () => {
  for (const [file, input] of Object.entries(GITLAB_GOLDEN)) {
    assert.equal(bundle.renderGitlabJob(input), readFileSync(join(GOLDEN_DIR, 'gitlab', file), 'utf8'), file);
  }
  for (const [file, input] of Object.entries(CIRCLECI_GOLDEN)) {
    assert.equal(bundle.renderCircleciConfig(input), readFileSync(join(GOLDEN_DIR, 'circleci', file), 'utf8'), file);
  }
});

test('the bundle and the source render every variant the same', () => {
  const variants = allVariants();
  assert.ok(variants.length > 500, `only ${variants.length} variants`);
  for (const { input } of variants) assert.equal(bundle.renderWorkflow(input), renderWorkflow(input), JSON.stringify(input));
  for (const input of gitlabVariants()) assert.equal(bundle.renderGitlabJob(input), renderGitlabJob(input), JSON.stringify(input));
  for (const input of circleciVariants()) assert.equal(bundle.renderCircleciConfig(input), renderCircleciConfig(input), JSON.stringify(input));
});

test('a variable missing from the context is still an error in the bundle', () => {
  // Source locations are taken out of the precompiled code; strict lookups must still throw.
  const context = { node: '22', npmUpgrade: true, staged: false }; // no npmMinimum
  assert.throws(() => template('github/partials/setup-node.hbs')(context), /"npmMinimum" not defined/, 'source');
  assert.throws(() => bundle.template('github/partials/setup-node.hbs')(context), /"npmMinimum" not defined/, 'bundle');
});
