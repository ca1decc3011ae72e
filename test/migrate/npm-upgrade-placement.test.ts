// The npm upgrade a publishing job gets shares the publish step's condition; when that condition
// reads the output of a step that runs after the Node setup (a "published already?" check), the
// upgrade goes just before the publish, where the output is set, not right after the setup.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { loadPins } from '../../src/render/pins.js';
import { migrateWorkflow } from '../../src/migrate/index.js';

const pins = loadPins();
const migrate = (content: string) => migrateWorkflow(content, '.github/workflows/release.yml', { pins, repo: { owner: 'acme', name: 'widget' } });

const JOB = (condition: string) => `on: push
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/setup-node@v4
        with:
          node-version: \${{ inputs.node }}
      - id: check
        run: echo "published=false" >> "$GITHUB_OUTPUT"
      - if: ${condition}
        run: npm publish
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;

const names = (after: string) => (parse(after).jobs.publish.steps as Array<{ name?: string; id?: string; run?: string }>).map((s) => s.name ?? s.id ?? s.run);

test("an upgrade that shares a condition on a later step's output goes just before the publish", () => {
  const after = migrate(JOB("steps.check.outputs.published == 'false'")).after;
  assert.deepEqual(names(after), [undefined, 'check', 'Upgrade npm for trusted publishing', 'npm publish']);
  assert.equal(parse(after).jobs.publish.steps[2].if, "steps.check.outputs.published == 'false'");
});

test('an upgrade whose condition reads no later step stays right after the Node setup', () => {
  const after = migrate(JOB("github.ref == 'refs/heads/main'")).after;
  assert.deepEqual(names(after), [undefined, 'Upgrade npm for trusted publishing', 'check', 'npm publish']);
});

// A publish action whose owner reads like a setup action (js-devtools: "tools") is no Node setup:
// with no setup-node at all the job gets Node 24 before the publish, not an npm upgrade after it.
test('a publish action is not taken for a setup action that may install Node', () => {
  const after = migrate(`on: push
jobs:
  publish:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
    steps:
      - uses: actions/checkout@v4
      - uses: oven-sh/setup-bun@v2
      - run: bun i
      - uses: js-devtools/npm-publish@v4
        with:
          token: \${{ secrets.NPM_TOKEN }}
      - uses: acme/release-tools@v1
`).after;
  const steps = parse(after).jobs.publish.steps as Array<{ uses?: string; run?: string; with?: Record<string, unknown> }>;
  const at = (pattern: RegExp) => steps.findIndex((s) => pattern.test(s.uses ?? s.run ?? ''));
  assert.equal(at(/npm install -g npm@/), -1, 'no npm upgrade');
  assert.ok(at(/^actions\/setup-node@/) >= 0 && at(/^actions\/setup-node@/) < at(/^js-devtools\/npm-publish@/), 'setup-node before the publish');
  assert.equal(steps[at(/^actions\/setup-node@/)]!.with!['node-version'], 24);
});

test('an npm upgrade after the publish does not count: the job gets one before the publish', () => {
  const after = migrate(`on: push
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/setup-node@v4
        with:
          node-version: \${{ inputs.node }}
      - run: npm publish
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
      - run: npm install -g npm@^11.5.1
`).after;
  assert.deepEqual(names(after), [undefined, 'Upgrade npm for trusted publishing', 'npm publish', 'npm install -g npm@^11.5.1']);
});

test('node-sass in package.json: install and build keep the job\'s Node, Node 24 is set up just before the publish', () => {
  const content = `on: push
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/setup-node@v4
        with:
          node-version: 14
      - run: npm i
      - run: npm run build
      - run: npm publish
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;
  const pkg = (deps: Record<string, string>) => (path: string) => (path === 'package.json' ? JSON.stringify({ name: 'w', version: '1.0.0', devDependencies: deps }) : undefined);
  const nodes = (deps: Record<string, string>) => {
    const after = migrateWorkflow(content, '.github/workflows/release.yml', { pins, repo: { owner: 'acme', name: 'widget' }, readFile: pkg(deps) }).after;
    return (parse(after).jobs.publish.steps as Array<{ uses?: string; run?: string; with?: Record<string, unknown> }>).map((s) => (s.uses?.startsWith('actions/setup-node') ? `node ${s.with?.['node-version']}` : s.run)).filter(Boolean);
  };
  assert.deepEqual(nodes({ 'node-sass': '^7.0.1' }), ['node 14', 'npm i', 'npm run build', 'node 24', 'npm publish']);
  assert.deepEqual(nodes({ sass: '^1.52.3' }), ['node 24', 'npm i', 'npm run build', 'npm publish']);
  // webpack 4 toolchains hash with md4, which Node 17+ refuses (xdanradu/vue-components, v26b sample).
  assert.deepEqual(nodes({ '@vue/cli-service': '~4.5.0' }), ['node 14', 'npm i', 'npm run build', 'node 24', 'npm publish']);
  assert.deepEqual(nodes({ webpack: '^4.46.0' }), ['node 14', 'npm i', 'npm run build', 'node 24', 'npm publish']);
  assert.deepEqual(nodes({ 'react-scripts': '5.0.1', webpack: '^5.90.0' }), ['node 24', 'npm i', 'npm run build', 'npm publish']);
  // Node 20 runs npm 11, but the publish gets Node 24 all the same (semantic-release 25 needs 22.14 or newer).
  const on20 = content.replace('node-version: 14', 'node-version: 20');
  const after20 = migrateWorkflow(on20, '.github/workflows/release.yml', { pins, repo: { owner: 'acme', name: 'widget' }, readFile: pkg({ webpack: '^4.41.2' }) }).after;
  assert.deepEqual((parse(after20).jobs.publish.steps as Array<{ uses?: string; run?: string; with?: Record<string, unknown> }>).map((s) => (s.uses?.startsWith('actions/setup-node') ? `node ${s.with?.['node-version']}` : s.run)).filter(Boolean), ['node 20', 'npm i', 'npm run build', 'node 24', 'npm publish']);
});

test('a global npm pin below 11.5.1 before the publish is raised to ^11.5.1, and named', () => {
  const { after, changes } = migrate(JOB("github.ref == 'refs/heads/main'").replace('      - id: check\n', '      - run: npm install -g npm@10.9.7\n      - id: check\n'));
  assert.ok(after.includes('run: npm install -g npm@^11.5.1\n') && !after.includes('npm@10.9.7'), after);
  assert.ok(changes.some((c) => c.includes('npm@10.9.7 raised to npm@^11.5.1')), changes.join('\n'));
});

test('a pin below 11.5.1 for the tests, upgraded again before the publish, is left alone', () => {
  const { after } = migrate(JOB("github.ref == 'refs/heads/main'").replace('      - id: check\n', '      - run: npm install -g npm@10.9.3\n      - run: npm install -g npm@11.15.0\n      - id: check\n'));
  assert.ok(after.includes('npm@10.9.3') && after.includes('npm@11.15.0'), after);
});
