// cucumber/action-publish-npm is a composite action whose released versions (v1.0.0, v1.1.0,
// v1.1.1) write the `npm-token` input to a project .npmrc, run `npm publish --access public`
// (`--tag <npm-tag>` from v1.1.0) in `working-directory`, then delete the .npmrc. The migration
// turns the step into that publish command without the token. A ref whose action file was not
// read, a tag given as an expression, or an input the action does not have keeps the refusal.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { loadPins } from '../../src/render/pins.js';
import { MigrateError, migrateWorkflow } from '../../src/migrate/index.js';

const pins = loadPins();
const repo = { owner: 'acme', name: 'widget' };

const workflow = (uses: string, inputs: string) => `on:
  push:
    branches: [release/*]
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
      - run: npm ci
      - name: Publish
        if: github.ref_type == 'branch'
        uses: ${uses}
        with:
          npm-token: \${{ secrets.NPM_PUBLISH_TOKEN }}
${inputs}`;

const migrate = (uses: string, inputs = '') =>
  migrateWorkflow(workflow(uses, inputs), '.github/workflows/release-npm.yaml', {
    pins,
    repo,
    readFile: (path) => (path.endsWith('package.json') ? JSON.stringify({ name: 'widget', version: '1.0.0' }) : undefined),
  });

type Step = Record<string, unknown>;
const publishStep = (after: string): Step => (parse(after) as { jobs: { publish: { steps: Step[] } } }).jobs.publish.steps.find((s) => s.name === 'Publish')!;

test('v1.1.x becomes npm publish with its tag in its folder, keeping the step name and condition, and retires the token secret', () => {
  const result = migrate('cucumber/action-publish-npm@v1.1.1', '          npm-tag: next\n          working-directory: packages/widget\n');
  assert.deepEqual(publishStep(result.after), {
    name: 'Publish',
    if: "github.ref_type == 'branch'",
    run: 'npm publish --access public --tag next',
    'working-directory': 'packages/widget',
  });
  assert.ok(result.droppedSecrets.includes('NPM_PUBLISH_TOKEN'), result.droppedSecrets.join());
  assert.doesNotMatch(result.after, /NPM_PUBLISH_TOKEN|action-publish-npm/);
  assert.match(result.after, /id-token: write/);
});

test('without npm-tag, v1.1.x publishes under its default tag latest, and v1.0.0 passes no tag', () => {
  assert.equal(publishStep(migrate('cucumber/action-publish-npm@v1.1.0').after).run, 'npm publish --access public --tag latest');
  assert.equal(publishStep(migrate('cucumber/action-publish-npm@v1.0.0').after).run, 'npm publish --access public');
});

test('a ref, tag or input the known versions do not account for is still refused as an unknown publish action', () => {
  const refused = (uses: string, inputs = '') =>
    assert.throws(
      () => migrate(uses, inputs),
      (error: unknown) => error instanceof MigrateError && /publishes with cucumber\/action-publish-npm, an action this tool cannot tell does trusted publishing/.test(error.message),
      `${uses} ${inputs}`,
    );
  refused('cucumber/action-publish-npm@main');
  refused('cucumber/action-publish-npm@0123456789abcdef0123456789abcdef01234567');
  refused('cucumber/action-publish-npm@v1.1.1', '          npm-tag: ${{ github.event.inputs.tag }}\n');
  refused('cucumber/action-publish-npm@v1.1.1', '          provenance: true\n');
});
