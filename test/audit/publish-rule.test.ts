// The one publish rule (src/audit/publish-rule.ts): the line scanner that runs before the first
// prompt and the YAML model doctor and migrate use must agree on every workflow of the corpus.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseWorkflow } from '../../src/audit/index.js';
import { commandPublishes, isTokenEnv, isTokenInput, registryKind, runPublishesWith, stepFactsPublish } from '../../src/audit/publish-rule.js';
import { readPublishContext, scanWorkflow } from '../../src/detect/workflows.js';
import { ROOT } from '../helpers/cli.js';

const CORPUS = join(ROOT, 'test', 'fixtures', 'real-world');

test('the line scanner and the YAML model agree on what publishes, for every corpus workflow', () => {
  let compared = 0;
  for (const name of readdirSync(CORPUS)) {
    const top = join(CORPUS, name, 'repo');
    const dir = join(top, '.github', 'workflows');
    if (!existsSync(dir)) continue;
    const context = readPublishContext(top);
    for (const file of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))) {
      const content = readFileSync(join(dir, file), 'utf8');
      const parsed = parseWorkflow(content, file, context);
      assert.ok(parsed.ok, `${name}/${file} parses`);
      assert.equal(scanWorkflow(file, content, context).publishes, parsed.workflow.publishes, `${name}/${file}`);
      compared++;
    }
  }
  assert.ok(compared >= 25, `${compared} workflows compared`);
});

test('publish commands: release tools, dry runs and preview publishers', () => {
  for (const line of ['npm publish --access public', 'yarn npm publish', 'pnpm -r publish', 'yarn lerna publish from-git --yes', 'yarn auto shipit -vv', 'napi prepublish -t npm', 'npx semantic-release', 'pnpm exec changeset publish', 'npx nx release publish']) {
    assert.equal(commandPublishes(line), true, line);
  }
  for (const line of ['npm publish --dry-run', 'pnpm dlx pkg-pr-new@0.0 publish --compact', 'npx pkg-pr-new publish', '# npm publish', 'npm whoami']) {
    assert.equal(commandPublishes(line), false, line);
  }
});

test('package.json scripts are followed one level', () => {
  const scripts = { release: 'changeset publish', 'ci-publish': 'tsx scripts/publish.ts', build: 'tsc' };
  assert.equal(runPublishesWith('pnpm release', { scripts }), true);
  assert.equal(runPublishesWith('npm run release -- --tag next', { scripts }), true);
  assert.equal(runPublishesWith('yarn build', { scripts }), false);
  assert.equal(runPublishesWith('pnpm run ci-publish', { scripts }), false, 'the script itself publishes nothing visible: the token rule decides');
});

test('token forms: usual names, custom names holding an npm secret, token inputs; not an empty value', () => {
  assert.equal(isTokenEnv('YARN_NPM_AUTH_TOKEN', '${{ secrets.NPM_TOKEN }}'), true);
  assert.equal(isTokenEnv('NPM_API_KEY', '${{ secrets.NPM_TOKEN }}'), true);
  assert.equal(isTokenEnv('SECRET_NPM_TOKEN', '${{secrets.NPM_PUBLISH_TOKEN}}'), true);
  assert.equal(isTokenEnv('NPM_TOKEN', "''"), false);
  assert.equal(isTokenEnv('GITHUB_TOKEN', '${{ secrets.BOT_TOKEN }}'), false);
  assert.equal(isTokenInput('token', '${{ secrets.NPM_TOKEN }}'), true);
  assert.equal(isTokenInput('token', '${{ secrets.GITHUB_TOKEN }}'), false);
  assert.equal(isTokenInput('github-token', '${{ secrets.NPM_TOKEN }}'), false);
});

test('a token on a step that is not an install or a check publishes until proven otherwise', () => {
  const step = { withKeys: [], tokenInput: false, stepToken: true, jobToken: false };
  assert.equal(stepFactsPublish({ ...step, run: 'bash scripts/deploy.sh' }), true);
  assert.equal(stepFactsPublish({ ...step, run: 'npm ci' }), false);
  assert.equal(stepFactsPublish({ ...step, run: 'npm whoami' }), false);
  assert.equal(stepFactsPublish({ ...step, stepToken: false, jobToken: true, run: 'pnpm nx-release' }), true);
  assert.equal(stepFactsPublish({ ...step, stepToken: false, jobToken: true, run: 'pnpm test' }), false);
  assert.equal(stepFactsPublish({ ...step, stepToken: false, uses: 'acme/some-action@v1', tokenInput: true }), true);
  // A third-party action handed the token in its env (primer/publish's NPM_AUTH_TOKEN); setup and install actions are not.
  assert.equal(stepFactsPublish({ ...step, uses: 'primer/publish@3.0.0' }), true);
  assert.equal(stepFactsPublish({ ...step, uses: 'bahmutov/npm-install@v1' }), false);
  assert.equal(stepFactsPublish({ ...step, uses: 'actions/setup-node@v4' }), false);
});

test('registries: npmjs.com, a proxy in front of it, or another one', () => {
  assert.equal(registryKind('https://registry.npmjs.org/'), 'npmjs');
  assert.equal(registryKind("'https://external-dot-oss-automation.appspot.com/'"), 'proxy');
  assert.equal(registryKind('https://wombat-dressing-room.appspot.com'), 'proxy');
  assert.equal(registryKind('https://npm.pkg.github.com'), 'other');
});

test('a token on a build, lint or test script is proof enough that the step does not publish', () => {
  const step = { withKeys: [], tokenInput: false, stepToken: true, jobToken: false };
  for (const run of ['npm run lint', 'yarn test:unit', 'pnpm build', 'npm ci\nnpm test']) assert.equal(stepFactsPublish({ ...step, run }), false, run);
  assert.equal(stepFactsPublish({ ...step, run: 'npm run build && npm publish' }), true);
});

test('a package.json script named for an npm publish publishes, whatever program it runs', () => {
  const scripts = { 'publish:npm': 'node scripts/publish-npm.cjs', 'npm-release': 'tsx release.ts', 'publish:docs': 'node docs.js' };
  assert.equal(runPublishesWith('npm run publish:npm -- npm-dist', { scripts }), true);
  assert.equal(runPublishesWith('pnpm npm-release', { scripts }), true);
  assert.equal(runPublishesWith('npm run publish:docs', { scripts }), false);
  assert.equal(runPublishesWith('npm run publish:npm -- --dry-run', { scripts }), false);
  // Only a script the package.json has.
  assert.equal(runPublishesWith('npm run publish:npm', {}), false);
});
