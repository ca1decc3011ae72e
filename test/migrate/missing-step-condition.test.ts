// A publish step whose if: reads steps.<id> that no step of its job has: GitHub reads it as empty,
// so the condition cannot test what it was written for. The migration stops and names the id.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadPins } from '../../src/render/pins.js';
import { MigrateError, migrateWorkflow } from '../../src/migrate/index.js';

const pins = loadPins();
const repo = { owner: 'acme', name: 'widget' };

const workflow = (check: string, condition: string) => `on:
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
          registry-url: https://registry.npmjs.org
      - run: npm ci
${check}      - if: ${condition}
        run: npm publish
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;

const migrate = (check: string, condition: string) => migrateWorkflow(workflow(check, condition), '.github/workflows/publish.yml', { pins, repo });

const CHECK = `      - id: version_check
        run: echo "exists=false" >> "$GITHUB_OUTPUT"
`;

test('a publish condition that reads a step the job does not have is refused, naming it', () => {
  assert.throws(
    () => migrate('', "steps.version_check.outputs.exists == 'false'"),
    (error: unknown) => error instanceof MigrateError && /reads steps\.version_check, but no step of the job has the id version_check/.test(error.message),
  );
});

test('a step the job has, or the word in a quoted string, is no refusal', () => {
  assert.doesNotThrow(() => migrate(CHECK, "steps.version_check.outputs.exists == 'false'"));
  assert.doesNotThrow(() => migrate('', "github.event.head_commit.message != 'steps.skip'"));
});
