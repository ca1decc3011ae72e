// Publish tools with no OIDC exchange of their own (workspaces-publish): removing the token would
// leave a workflow that cannot publish, so the migration stops and names the tool, whether the step
// runs it directly, through a package runner, or through a package.json script.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadPins } from '../../src/render/pins.js';
import { MigrateError, migrateWorkflow } from '../../src/migrate/index.js';

const pins = loadPins();
const repo = { owner: 'acme', name: 'widgets' };

const workflow = (run: string) => `on:
  push:
    branches: [main]
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
      - run: npm ci
      - run: ${run}
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;

const migrate = (run: string, scripts: Record<string, string> = {}) =>
  migrateWorkflow(workflow(run), '.github/workflows/release.yml', { pins, repo, readFile: (path) => (path === 'package.json' ? JSON.stringify({ name: 'root', private: true, scripts }) : undefined) });

test('workspaces-publish, run directly or through a runner or a script, is refused with the reason', () => {
  for (const [run, scripts] of [['npx workspaces-publish', {}], ['pnpm dlx workspaces-publish --root .', {}], ['npm run publish:all', { 'publish:all': 'workspaces-publish' }]] as const) {
    assert.throws(() => migrate(run, scripts), (error: unknown) => error instanceof MigrateError && /publishes with workspaces-publish, .*no trusted publishing \(OIDC\) exchange/.test(error.message), run);
  }
});

test('a script or package merely named like it is not refused', () => {
  assert.doesNotThrow(() => migrate('npm publish --workspaces'));
  assert.doesNotThrow(() => migrate('npm run publish:all', { 'publish:all': 'npm publish -ws && echo workspaces-published' }));
});
