// Any environment name (or package name, Node version) the user types is data: it comes back as exactly that string and
// cannot add a key, a step or an expression to the workflow.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { ExpressionInDataError } from '../../src/render/scalars.js';
import { template } from '../../src/render/handlebars.js';
import { nodeMajor, PUBLISH_TEMPLATE, renderWorkflow } from '../../src/providers/github/workflow.js';
import { workflowContext } from '../../src/providers/github/context.js';
import { BASE } from './cases.js';
import { hostileString } from '../helpers/hostile-strings.js';

interface Shape {
  top: string[];
  jobs: string[];
  job: string[];
  steps: string[][];
  uses: (string | undefined)[];
  runs: (string | undefined)[];
}

function parseShape(yaml: string, jobId = 'publish'): { shape: Shape; environment: unknown; comments: number } {
  const doc = parseDocument(yaml, { uniqueKeys: true });
  assert.deepEqual(doc.errors, []);
  const wf = doc.toJS() as Record<string, unknown> & { jobs: Record<string, Record<string, unknown> & { steps: Record<string, string>[] }> };
  const job = wf.jobs[jobId]!;
  return {
    shape: {
      top: Object.keys(wf),
      jobs: Object.keys(wf.jobs),
      job: Object.keys(job),
      steps: job.steps.map((step) => Object.keys(step)),
      uses: job.steps.map((step) => step.uses),
      runs: job.steps.map((step) => step.run),
    },
    environment: job.environment,
    comments: yaml.split('\n').filter((line) => /^\s*#/.test(line)).length,
  };
}

test('any environment name round-trips and leaves the workflow structure unchanged', () => {
  const baseline = parseShape(renderWorkflow({ ...BASE, environment: 'npm' }));
  fc.assert(
    fc.property(hostileString, fc.constantFrom(...(['release', 'tag', 'manual'] as const)), (environment, trigger) => {
      const reference = trigger === 'release' ? baseline : parseShape(renderWorkflow({ ...BASE, trigger, environment: 'npm' }));
      let yaml: string;
      try {
        yaml = renderWorkflow({ ...BASE, trigger, environment });
      } catch (error) {
        assert.ok(error instanceof ExpressionInDataError, String(error));
        assert.ok(environment.includes('${{'));
        return;
      }
      const rendered = parseShape(yaml);
      assert.deepEqual(rendered.shape, reference.shape);
      assert.equal(rendered.environment, environment);
      assert.equal(rendered.comments, reference.comments, 'the header comment stays on its lines');
      assert.equal(yaml.split('${{').length, 3, 'only the concurrency group has expressions');
    }),
    { numRuns: 2000 },
  );
});

test('package name and Node version are data too: they round-trip without changing the structure', () => {
  const reference = (upgrade: boolean) => parseShape(renderWorkflow({ ...BASE, node: upgrade ? '22' : '24' }));
  const withUpgrade = reference(true);
  const withoutUpgrade = reference(false);
  fc.assert(
    fc.property(hostileString, hostileString, (packageName, node) => {
      let yaml: string;
      try {
        yaml = renderWorkflow({ ...BASE, packageName, node });
      } catch (error) {
        assert.ok(error instanceof ExpressionInDataError, String(error));
        assert.ok(packageName.includes('${{') || node.includes('${{'));
        return;
      }
      const major = nodeMajor(node);
      const expected = major !== undefined && major < 24 ? withUpgrade : withoutUpgrade;
      const rendered = parseShape(yaml);
      assert.deepEqual(rendered.shape, expected.shape);
      assert.equal(rendered.comments, expected.comments);
      const doc = parseDocument(yaml).toJS() as { jobs: { publish: { steps: { with?: Record<string, unknown> }[] } } };
      assert.equal(doc.jobs.publish.steps[1]!.with!['node-version'], node);
    }),
    { numRuns: 1000 },
  );
});

test('a missing value is an error, not an empty string (strict mode; helpers check their arguments)', () => {
  const context = workflowContext({ ...BASE, release: 'publish' }) as Record<string, unknown>;
  assert.ok(template(PUBLISH_TEMPLATE)(context).includes('npm publish'));
  assert.throws(() => template(PUBLISH_TEMPLATE)({ ...context, packageName: undefined }), /yaml helper: expected a string/);
  const { packageManager: _, ...withoutPackageManager } = context;
  assert.throws(() => template(PUBLISH_TEMPLATE)({ ...withoutPackageManager, hasBuild: true }), /eq helper: missing value/);
  const { monorepo: __, ...withoutMonorepo } = context;
  assert.throws(() => template(PUBLISH_TEMPLATE)(withoutMonorepo), /#if helper: missing value/);
});

test('package folders and names in a monorepo workflow are data: they round-trip without changing the structure', () => {
  const input = (name: string, dir: string) => ({ ...BASE, trigger: 'tag' as const, packages: [{ name: '@acme/core', dir: 'packages/core' }, { name, dir }] });
  const reference = parseShape(renderWorkflow(input('b', 'packages/b')), 'publish');
  fc.assert(
    fc.property(hostileString, hostileString, (name, dir) => {
      let yaml: string;
      try {
        yaml = renderWorkflow(input(name, dir));
      } catch (error) {
        assert.ok(error instanceof Error && /GitHub expressions never come from data|control characters|inside the repository/.test(error.message), String(error));
        return;
      }
      const rendered = parseShape(yaml, 'publish');
      assert.deepEqual(rendered.shape, reference.shape);
      assert.equal(rendered.comments, reference.comments);
      const doc = parseDocument(yaml).toJS() as { on: { push: { tags: string[] } }; jobs: { publish: { steps: { env?: Record<string, string> }[] } } };
      assert.equal(doc.on.push.tags.at(-1), `${name}@*`);
      const dirs = doc.jobs.publish.steps.find((s) => s.env?.PACKAGE_DIRS)?.env?.PACKAGE_DIRS;
      assert.equal(dirs?.split('\n').at(-1), dir.split(/[\\/]+/).filter((p) => p !== '' && p !== '.').join('/') || '.');
    }),
    { numRuns: 1000 },
  );
});
