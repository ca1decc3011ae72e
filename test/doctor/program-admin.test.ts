// A release script of another language whose failure path unpublishes or deprecates (modelled on
// jdutton/vibe-agent-toolkit@0801cf9de0e87e68387a7414f54d78c0f8c9647d
// packages/dev-tools/src/publish-with-rollback.ts): doctor names that path at the publishing step,
// before and after the token is gone, since trusted publishing covers `npm publish` only.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { workflowDoctor, type WorkflowSource } from '../../src/doctor/index.js';

const repo = { owner: 'acme', name: 'widget' };
const workflow = (env: string): WorkflowSource => ({
  path: '.github/workflows/publish.yml',
  fileName: 'publish.yml',
  content: `name: Publish
on:
  push:
    tags: ['v*.*.*']
permissions:
  contents: read
  id-token: write
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with:
          persist-credentials: false
      - uses: actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020 # v4.4.0
        with:
          node-version: 24
      - run: npm ci
      - name: Publish
        run: npm run publish-with-rollback \${{ github.ref_name }}${env}
`,
});
const ROLLBACK = [
  "import { spawnSync } from 'node:child_process';",
  "const npm = (args: string[], cwd?: string) => spawnSync('npm', args, { cwd, stdio: 'inherit' }).status;",
  'for (const name of PACKAGES) {',
  "  if (npm(['publish', '--access', 'public'], join('packages', name)) === 0) continue;",
  "  for (const p of done) if (npm(['unpublish', p, '--force']) !== 0) npm(['deprecate', p, 'Incomplete release']);",
  '}',
].join('\n');
const files: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'root', private: true, scripts: { 'publish-with-rollback': 'tsx tools/publish-with-rollback.ts' } }),
  'tools/publish-with-rollback.ts': ROLLBACK,
};
const context = (text: string) => ({ scripts: { 'publish-with-rollback': 'tsx tools/publish-with-rollback.ts' }, readFile: (path: string) => (path === 'tools/publish-with-rollback.ts' ? text : files[path]) });

test('a publish-with-rollback script: its unpublish/deprecate path is named at the step, and the step still publishes without the token', () => {
  const report = workflowDoctor([workflow('')], repo, context(ROLLBACK));
  assert.deepEqual(report.publishing, ['.github/workflows/publish.yml'], 'seen publishing through the script, with no token');
  const found = report.findings.filter((f) => f.id === 'script-admin-token');
  assert.deepEqual(found.map((f) => `${f.level} ${f.file}:${f.line}`), ['warning .github/workflows/publish.yml:20']);
  assert.match(found[0]!.message, /tools\/publish-with-rollback\.ts.*line 5.*covers npm publish only/);
});

test('a release script that only publishes has no such finding', () => {
  const onlyPublish = ROLLBACK.split('\n').filter((l) => !l.includes('unpublish')).join('\n');
  const report = workflowDoctor([workflow('')], repo, context(onlyPublish));
  assert.deepEqual(report.publishing, ['.github/workflows/publish.yml']);
  assert.deepEqual(report.findings.filter((f) => f.id === 'script-admin-token'), []);
});

// `npm dist-tag add` after the publish in the step's own script (shaka-project/shaka-player, v24a sample).
const own = (env: string): WorkflowSource => {
  const base = workflow('');
  return { ...base, content: base.content.replace(/run: npm run publish-with-rollback .*\n/, `run: |\n          npm publish --tag next\n          npm dist-tag add "acme-widget@1.0.0" latest\n${env}`) };
};

test('npm dist-tag after the publish in the same step, with no token: a warning at that line; with the token, none', () => {
  const found = workflowDoctor([own('')], repo, {}).findings.filter((f) => f.id === 'script-admin-token');
  assert.deepEqual(found.map((f) => `${f.level} ${f.file}:${f.line}`), ['warning .github/workflows/publish.yml:22']);
  assert.match(found[0]!.message, /npm dist-tag after the publish/);
  const kept = workflowDoctor([own('        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n')], repo, {}).findings;
  assert.deepEqual(kept.filter((f) => f.id === 'script-admin-token'), []);
});
