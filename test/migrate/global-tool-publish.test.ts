// A publish step that runs a command of a package the job installs globally (`npm i -g
// @acme/release-tools`, then `release-tools publish-package` with NPM_TOKEN): the package is not in
// the repository, so nothing can tell whether it publishes without the token. The migration stops
// and names the command and the package.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadPins } from '../../src/render/pins.js';
import { MigrateError, migrateWorkflow } from '../../src/migrate/index.js';

const pins = loadPins();
const repo = { owner: 'acme', name: 'widget' };

const workflow = (install: string, run: string) => `on:
  push:
    branches: [main]
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
      - run: ${install}
      - run: npm ci
      - run: ${run}
        env:
          NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
`;

const migrate = (install: string, run: string, scripts: Record<string, string> = {}) =>
  migrateWorkflow(workflow(install, run), '.github/workflows/publish.yml', {
    pins,
    repo,
    readFile: (path) => (path === 'package.json' ? JSON.stringify({ name: 'widget', version: '1.0.0', scripts }) : undefined),
  });

test('a command of a globally installed package that gets the token is refused, naming the command and the package', () => {
  for (const install of ['npm i -g @acme/release-tools@${{ env.TOOLS_VERSION }}', 'npm install --global @acme/release-tools@^5.0.0', 'yarn global add @acme/release-tools']) {
    assert.throws(
      () => migrate(install, 'release-tools publish-package --create-tag-from-branch-name'),
      (error: unknown) => error instanceof MigrateError && /hands its publish to `release-tools`, a command of a package it installs globally \(@acme\/release-tools\), which is not in this repository/.test(error.message),
      install,
    );
  }
});

test('a publish command this tool knows, a package.json script or a global install of a package manager is migrated', () => {
  assert.doesNotThrow(() => migrate('npm i -g @acme/release-tools', 'release-tools changelog && npm publish'));
  assert.doesNotThrow(() => migrate('npm i -g @acme/release-tools', 'npm run ship', { ship: 'release-tools notes && npm publish' }));
  assert.doesNotThrow(() => migrate('npm i -g npm@^11.5.1', 'ship-it', { 'ship-it': 'npm publish' }));
  assert.doesNotThrow(() => migrate('npm i -g pnpm@9', 'pnpm publish --no-git-checks'));
});
