// A publish step that prints or copies the .npmrc setup-node writes for `registry-url`
// (`cat /home/runner/work/_temp/.npmrc > ~/.npmrc`), modelled on devbro1/pashmak@01aa97a
// .github/workflows/publish_to_npm.yml: once the migration drops registry-url, that file is not
// written, so `cat` would fail and stop the step before its publish. Those lines go with the token;
// the step's other lines stay.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { loadPins } from '../../src/render/pins.js';
import { migrateWorkflow } from '../../src/migrate/index.js';

const workflow = (lines: string) => `on:
  push:
    branches: [master]
jobs:
  build:
    runs-on: ubuntu-latest
    env:
      NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24.x
          registry-url: https://registry.npmjs.org
      - run: npm ci
      - name: publish to npm
        run: |
${lines
  .split('\n')
  .map((line) => `          ${line}`)
  .join('\n')}
`;

const publishRun = (lines: string) => {
  const result = migrateWorkflow(workflow(lines), '.github/workflows/publish.yml', {
    pins: loadPins(),
    repo: { owner: 'acme', name: 'toolkit' },
    readFile: (path) => (path === 'package.json' ? JSON.stringify({ name: 'toolkit', version: '1.0.0' }) : undefined),
  });
  const steps = (parse(result.after) as { jobs: { build: { steps: { name?: string; run?: string }[] } } }).jobs.build.steps;
  return { result, run: steps.find((step) => step.name === 'publish to npm')?.run };
};

test("the lines that print or copy setup-node's .npmrc go; the publish and the other lines stay", () => {
  const { result, run } = publishRun('ls -alt .\ncat /home/runner/work/_temp/.npmrc\ncat /home/runner/work/_temp/.npmrc > ~/.npmrc\nnpm publish');
  assert.equal(run, 'ls -alt .\nnpm publish\n');
  assert.ok(result.changes.some((line) => /removed the line that printed or copied setup-node's \.npmrc/.test(line)), result.changes.join('\n'));
  assert.equal(publishRun('cp "$NPM_CONFIG_USERCONFIG" ~/.npmrc\nnpm publish').run, 'npm publish\n');
});

test('a line that does more than copy the file, or reads another .npmrc, is left as written', () => {
  assert.equal(publishRun('cat ~/.npmrc\nnpm publish').run, 'cat ~/.npmrc\nnpm publish\n');
  assert.match(publishRun('cat /home/runner/work/_temp/.npmrc && npm publish').run ?? '', /_temp\/\.npmrc && npm publish/);
});
