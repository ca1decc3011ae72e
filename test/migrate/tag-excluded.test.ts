// Push tags that name packages, with a negated pattern for one of them: the package left out is
// released by another workflow, so migrate names no trusted publisher for it in this one. Modelled
// on debate/debate-ai.com@1ca0376 (.github/workflows/npm-publish-packages.yml: tags `<dir>@<version>`,
// `widget-*@*` and `!widget-api-client@*` in our names).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { afterMigration } from '../../src/migrate/after.js';
import { tagExcludedPackages } from '../../src/migrate/tag-excluded.js';
import { scanWorkflow } from '../../src/detect/index.js';
import { detected, packageInfo } from '../helpers/detected.js';

const workspace = (name: string, dir: string) => packageInfo({ name, version: '0.2.0' }, dir);
const packages = [workspace('@widget/api-client', 'packages/widget-api-client'), workspace('@widget/round', 'packages/widget-round'), workspace('@widget/timer', 'packages/widget-timer')];
const job = `jobs:
  publish:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      id-token: write
    steps:
      - uses: actions/checkout@v4
      - run: npm publish "$RUNNER_TEMP"/pack/*.tgz --access public
`;
const workflow = (tags: string, more = '') => `on:\n  push:\n    tags:\n${tags}${more}  workflow_dispatch:\n${job}`;

test('a negated tag pattern naming a package (by folder, name or unscoped name) leaves it out', () => {
  const names = (content: string) => tagExcludedPackages(packages, content).map((p) => p.name);
  assert.deepEqual(names(workflow('      - "widget-*@*"\n      - "!widget-api-client@*"\n')), ['@widget/api-client']);
  assert.deepEqual(names(workflow('      - "*-v*"\n      - "!api-client-v*"\n')), ['@widget/api-client']);
  assert.deepEqual(names(workflow('      - "widget-*@*"\n', '    tags-ignore:\n      - "widget-timer@*"\n')), ['@widget/timer']);
  // Filters that name no package, or leave every one out, narrow nothing; nor does a workflow with no tag filter.
  assert.deepEqual(names(workflow('      - "v*"\n      - "!v*-beta*"\n')), []);
  assert.deepEqual(names(workflow('      - "release-*"\n      - "!widget-*@*"\n')), []);
  assert.deepEqual(names(`on:\n  workflow_dispatch:\n${job}`), []);
});

test('after the migration, the trusted publishers are for the packages the tags let through', () => {
  const path = '.github/workflows/npm-publish-packages.yml';
  const content = workflow('      - "widget-*@*"\n      - "!widget-api-client@*"\n');
  const d = detected({ pkg: packageInfo({ name: 'widget-app', private: true, workspaces: ['packages/*'] }), workspacePackages: packages, isMonorepo: true, workflows: [{ path, fileName: 'npm-publish-packages.yml', content, ...scanWorkflow(path, content) }] });
  const after = afterMigration(d, { path, content, trustFile: 'npm-publish-packages.yml', environment: null }, { owner: 'acme', name: 'widget-app' });
  assert.deepEqual(after.publishers.map((p) => p.packageName), ['@widget/round', '@widget/timer']);
  assert.deepEqual(after.answers.packages, ['@widget/round', '@widget/timer']);
});
