// Each rule: a small bad workflow that trips exactly that finding on the right line.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AUDIT_RULES, auditWorkflow } from '../../src/audit/index.js';
import type { RepoRef } from '../../src/core/model.js';
import { renderWorkflow } from '../../src/providers/github/workflow.js';
import { BASE } from '../render/cases.js';
import { CHANGESETS, CHECKOUT, edit, GOOD, lineWith, SETUP_BUN, SETUP_NODE } from './fixtures.js';

interface Case {
  name: string;
  source: string;
  /** [id, line] of every finding, in line order. */
  expected: [string, number][];
  repo?: RepoRef;
  /** The repository's files (their content does not matter), for rules that read them. */
  files?: string[];
}

/** A well-formed commit id for actions outside templates/actions.json (only the shape is checked). */
const FAKE_SHA = 'f'.repeat(40);
const jobLine = lineWith(GOOD, '  publish:');
const checkoutLine = lineWith(GOOD, 'actions/checkout@');
const setupNodeLine = lineWith(GOOD, 'actions/setup-node@');
const at = (source: string, id: string, needle: string): Case['expected'] => [[id, lineWith(source, needle)]];

const nonPublishing = (steps: string, on = 'push') => `on: ${on}
permissions: {}
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
${steps}`;

const cases: Case[] = [];
const add = (name: string, source: string, expected: (source: string) => Case['expected'], repo?: RepoRef, files?: string[]) =>
  cases.push({ name, source, expected: expected(source), ...(repo ? { repo } : {}), ...(files ? { files } : {}) });

add('invalid-yaml: unclosed flow sequence', 'on: [push\njobs: {}\n', () => [['invalid-yaml', 2]]);
add('invalid-yaml: not a mapping', '- on: push\n', () => [['invalid-yaml', 1]]);
add('duplicate-keys: a job id twice in a large jobs map', GOOD + Array.from({ length: 400 }, (_, i) => `  job${i % 399}:\n    runs-on: ubuntu-latest\n`).join(''), (s) => [['duplicate-keys', s.split('\n').lastIndexOf('  job0:') + 1]]);
add('invalid-step: a step with neither run: nor uses:', edit(GOOD, `      - uses: ${CHECKOUT}`, `      - working-directory: ./web\n      - uses: ${CHECKOUT}`), (s) => at(s, 'invalid-step', '- working-directory: ./web'));
add('invalid-call-input: a secret under with: of a reusable workflow call', nonPublishing('      - run: true\n').replace('jobs:\n', 'jobs:\n  call:\n    uses: ./.github/workflows/publish.yml\n    with:\n      registry: https://registry.npmjs.org\n      auth-token: ${{ secrets.NPM_TOKEN }}\n'), (s) => at(s, 'invalid-call-input', 'auth-token:'));
add('invalid-if-context: a step if: that reads secrets', nonPublishing("      - run: true\n      - if: secrets.NPM_TOKEN != ''\n        run: echo has token\n"), (s) => at(s, 'invalid-if-context', 'if: secrets.NPM_TOKEN'));
add('invalid-if-context: a job if: that reads secrets[...]', nonPublishing('      - run: true\n').replace('    runs-on:', "    if: ${{ github.ref == 'refs/heads/main' && secrets['NPM_TOKEN'] }}\n    runs-on:"), (s) => at(s, 'invalid-if-context', "secrets['NPM_TOKEN']"));
add('invalid-if-context: secrets only in a quoted string or an env value is fine', nonPublishing("      - if: github.event.head_commit.message != 'secrets.X'\n        run: true\n      - if: env.HAS_TOKEN == 'true'\n        run: true\n        env:\n          HAS_TOKEN: ${{ secrets.SLACK_WEBHOOK != '' }}\n"), () => []);
add('invalid-needs: a needs: naming a job the file does not have', nonPublishing('      - run: true\n').replace('    runs-on:', '    needs: [lint, build]\n    runs-on:').replace('jobs:\n', 'jobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - run: true\n'), (s) => [['invalid-needs', lineWith(s, 'needs: [lint, build]')]]);
add('ignored-filter: branches: under workflow_dispatch, which takes no filter', edit(GOOD, 'on:\n', 'on:\n  workflow_dispatch:\n    branches: [main]\n'), (s) => at(s, 'ignored-filter', '    branches: [main]'));
add('ignored-filter: type: under workflow_run', edit(GOOD, 'on:\n', 'on:\n  workflow_run:\n    workflows: [CI]\n    type: [completed]\n'), (s) => [...at(s, 'dangerous-triggers', '  workflow_run:'), ...at(s, 'ignored-filter', '    type: [completed]')]);
add('unknown-event: branches: and tags: straight under on:, with no push: above them', edit(GOOD, 'on:\n', 'on:\n  branches: [main]\n  tags: [v*]\n'), (s) => [...at(s, 'unknown-event', '  branches: [main]'), ...at(s, 'unknown-event', '  tags: [v*]')]);
add('unknown-event: every event GitHub lists is known, a misspelt one is not', edit(GOOD, 'on:\n', 'on:\n  merge_group:\n  registry_package:\n  pull_requests:\n'), (s) => at(s, 'unknown-event', '  pull_requests:'));
add('ignored-filter: inputs: under workflow_dispatch and workflows: under workflow_run are read', edit(GOOD, 'on:\n', 'on:\n  workflow_dispatch:\n    inputs: {}\n  workflow_run:\n    workflows: [CI]\n    branches: [main]\n    types: [completed]\n'), (s) => at(s, 'dangerous-triggers', '  workflow_run:'));
add('ignored-filter: branch: under push, which GitHub ignores', edit(GOOD, 'on:\n', 'on:\n  push:\n    branch: main\n    tags: [\'v*\']\n'), (s) => at(s, 'ignored-filter', '    branch: main'));
add('workflow-too-large: over GitHub\'s 512,000 bytes, not parsed', GOOD + `# ${'x'.repeat(512_000)}\n`, () => [['workflow-too-large', 1]]);
add('duplicate-keys: runs-on twice', edit(GOOD, '    runs-on: ubuntu-latest\n', '    runs-on: ubuntu-latest\n    runs-on: macos-latest\n'), (s) => at(s, 'duplicate-keys', 'macos-latest'));
add('unpinned-uses: tag ref', edit(GOOD, CHECKOUT, 'actions/checkout@v4'), () => [['unpinned-uses', checkoutLine]]);
add('unpinned-uses: branch ref of a reusable workflow', nonPublishing('      - run: true\n').replace('jobs:\n', 'jobs:\n  call:\n    uses: acme/ci/.github/workflows/x.yml@main\n'), (s) => at(s, 'unpinned-uses', 'acme/ci'));
add('unpinned-uses (info): SHA without a version comment', edit(GOOD, CHECKOUT, CHECKOUT.split(' #')[0]!), () => [['unpinned-uses', checkoutLine]]);
add('excessive-permissions: write-all at the top', edit(GOOD, 'permissions: {}', 'permissions: write-all'), (s) => at(s, 'excessive-permissions', 'write-all'));
add('excessive-permissions: id-token: write for every job', edit(GOOD, 'permissions: {}', 'permissions:\n  id-token: write\n  contents: read'), () => [['excessive-permissions', 6]]);
add('excessive-permissions: no top-level permissions, a job without its own', nonPublishing('      - run: true\n').replace('permissions: {}\n', ''), () => [['excessive-permissions', 1]]);
add('excessive-permissions: id-token on a job that does not publish', GOOD + `  lint:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
    steps:
      - run: true
`, (s) => [['excessive-permissions', s.split('\n').length - 3]]);
add('artipacked: checkout keeps credentials', edit(GOOD, '        with:\n          persist-credentials: false\n', ''), () => [['artipacked', checkoutLine]]);
add('artipacked: persist-credentials true, also in a job that does not publish', nonPublishing(`      - uses: ${CHECKOUT}\n        with:\n          persist-credentials: true\n`), (s) => at(s, 'artipacked', 'actions/checkout'));
add('cache-poisoning: setup-node cache input', edit(GOOD, '          package-manager-cache: false\n', '          package-manager-cache: false\n          cache: npm\n'), () => [['cache-poisoning', setupNodeLine]]);
add('cache-poisoning: setup-node v5+ default cache', edit(GOOD, '          package-manager-cache: false\n', ''), () => [['cache-poisoning', setupNodeLine]]);
add('cache-poisoning: setup-node@v2-beta is v2, which caches nothing by default', edit(edit(GOOD, SETUP_NODE, 'actions/setup-node@v2-beta'), '          package-manager-cache: false\n', ''), () => [['unpinned-uses', setupNodeLine]]);
add('cache-poisoning: setup-bun without no-cache', edit(GOOD, '      - run: npm ci\n', `      - uses: ${SETUP_BUN}\n      - run: bun install --frozen-lockfile\n`), (s) => at(s, 'cache-poisoning', 'oven-sh/setup-bun'));
add('cache-poisoning: actions/cache in the publish job', edit(GOOD, '      - run: npm ci\n', `      - uses: actions/cache@${FAKE_SHA} # v4.3.0\n        with:\n          path: ~/.npm\n          key: npm\n      - run: npm ci\n`), (s) => at(s, 'cache-poisoning', 'actions/cache'));
add('template-injection: event payload in run', nonPublishing('      - run: |\n          echo start\n          echo "${{ github.event.pull_request.title }}"\n', 'pull_request'), (s) => at(s, 'template-injection', 'github.event'));
add('template-injection: inputs in run', nonPublishing('      - run: echo ${{ inputs.version }}\n', 'workflow_dispatch'), (s) => at(s, 'template-injection', 'inputs.version'));
add('template-injection: head_ref in github-script', nonPublishing(`      - uses: actions/github-script@${FAKE_SHA} # v7.1.0\n        with:\n          script: |\n            console.log("\${{ github.head_ref }}")\n`, 'pull_request'), (s) => at(s, 'template-injection', 'head_ref'));
add('dangerous-triggers: pull_request_target', nonPublishing('      - run: true\n', 'pull_request_target'), () => [['dangerous-triggers', 1]]);
add('dangerous-triggers: workflow_run in a map', nonPublishing('      - run: true\n', '\n  push:\n  workflow_run:\n    workflows: [CI]'), (s) => at(s, 'dangerous-triggers', 'workflow_run'));
add('adhoc-packages: npm@latest', edit(GOOD, '      - run: npm ci\n', '      - run: npm install -g npm@latest\n      - run: npm ci\n'), (s) => at(s, 'adhoc-packages', 'npm@latest'));
add('adhoc-packages: unversioned global tool', nonPublishing('      - run: |\n          npm i --global typescript\n'), (s) => at(s, 'adhoc-packages', 'typescript'));
add('use-trusted-publishing: token on the publish step', edit(GOOD, '      - run: npm publish\n', '      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n'), (s) => at(s, 'use-trusted-publishing', 'NODE_AUTH_TOKEN'));
add('use-trusted-publishing: NPM_TOKEN in the job env (changesets)', edit(GOOD, '      - run: npm publish\n', `      - uses: ${CHANGESETS}\n        with:\n          publish: npm run release\n`).replace('    steps:\n', '    env:\n      NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n    steps:\n'), (s) => at(s, 'use-trusted-publishing', 'NPM_TOKEN:'));
add('use-trusted-publishing: NPM_TOKEN in the job env (changesets v2 publish-script)', edit(GOOD, '      - run: npm publish\n', `      - uses: ${CHANGESETS}\n        with:\n          publish-script: npm run release\n`).replace('    steps:\n', '    env:\n      NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n    steps:\n'), (s) => at(s, 'use-trusted-publishing', 'NPM_TOKEN:'));
add('use-trusted-publishing: always-auth', edit(GOOD, '          node-version: 24\n', '          node-version: 24\n          always-auth: true\n'), (s) => at(s, 'use-trusted-publishing', 'always-auth'));
add('use-trusted-publishing: .npmrc written with a token', edit(GOOD, '      - run: npm publish\n', '      - run: |\n          echo "//registry.npmjs.org/:_authToken=$TOKEN" > ~/.npmrc\n          npm publish\n'), (s) => at(s, 'use-trusted-publishing', '_authToken'));
add('use-trusted-publishing: YARN_NPM_AUTH_TOKEN on yarn npm publish', edit(GOOD, '      - run: npm publish\n', '      - run: yarn npm publish\n        env:\n          YARN_NPM_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n'), (s) => at(s, 'use-trusted-publishing', 'YARN_NPM_AUTH_TOKEN'));
add('use-trusted-publishing: a custom name holding an npm secret on a script', edit(GOOD, '      - run: npm publish\n', '      - run: bash scripts/deploy.sh\n        env:\n          NPM_API_KEY: ${{ secrets.NPM_TOKEN }}\n'), (s) => at(s, 'use-trusted-publishing', 'NPM_API_KEY'));
add('use-trusted-publishing: npm config set _authToken', edit(GOOD, '      - run: npm publish\n', '      - run: |\n          npm config set //registry.npmjs.org/:_authToken "$TOKEN"\n          npm publish\n'), (s) => at(s, 'use-trusted-publishing', '_authToken'));
add('use-trusted-publishing: token input of a publish action', edit(GOOD, '      - run: npm publish\n', `      - uses: JS-DevTools/npm-publish@${FAKE_SHA} # v3\n        with:\n          token: \${{ secrets.NPM_TOKEN }}\n`), (s) => at(s, 'use-trusted-publishing', '          token:'));
add('registry-proxy: registry-url of a proxy', edit(GOOD, '          node-version: 24\n', '          node-version: 24\n          registry-url: https://wombat-dressing-room.appspot.com/\n'), (s) => at(s, 'registry-proxy', 'registry-url'));
add('other-registry: publishing only to GitHub Packages', edit(GOOD, '          node-version: 24\n', '          node-version: 24\n          registry-url: https://npm.pkg.github.com\n'), () => [['other-registry', jobLine]]);
add('use-trusted-publishing: no id-token: write', edit(GOOD, '      id-token: write\n', ''), () => [['use-trusted-publishing', jobLine]]);
add('no-environment (info)', edit(GOOD, '    environment: npm\n', ''), () => [['no-environment', jobLine]]);
add('no-fork-guard: no condition', edit(GOOD, "    if: github.repository == 'acme/widget'\n", ''), () => [['no-fork-guard', jobLine]]);
add('no-fork-guard: guard names another repository', GOOD, (s) => at(s, 'no-fork-guard', 'if:'), { owner: 'acme', name: 'gadget' });
add('old-npm: Node 22 and no npm check', edit(GOOD, 'node-version: 24', 'node-version: 22'), () => [['old-npm', setupNodeLine]]);
add('old-npm: no node-version at all', edit(GOOD, '          node-version: 24\n', ''), () => [['old-npm', setupNodeLine]]);
add('npm-ci-no-lockfile: npm ci where the repository has only a Bun lockfile', GOOD, (s) => at(s, 'npm-ci-no-lockfile', '- run: npm ci'), undefined, ['package.json', 'bun.lock']);
add('pull-request-publish: the trusted publish job also runs on pull requests', edit(GOOD, '    types: [published]\n', '    types: [published]\n  pull_request:\n'), () => [['pull-request-publish', jobLine + 1]]);
add('branch-ref-on-tag: a publish step gated on a branch in a workflow only a release starts', edit(GOOD, '      - run: npm publish\n', "      - run: npm publish\n        if: github.ref == 'refs/heads/main'\n"), (s) => at(s, 'branch-ref-on-tag', "if: github.ref == 'refs/heads/main'"));
add('branch-ref-on-tag: not when a branch push starts the workflow too', edit(GOOD, '    types: [published]\n', '    types: [published]\n  push:\n    branches: [main]\n').replace('      - run: npm publish\n', "      - run: npm publish\n        if: github.ref == 'refs/heads/main'\n"), () => []);

for (const c of cases) {
  test(c.name, () => {
    const readFile = (path: string) => (c.files?.includes(path) ? '{}' : undefined);
    const findings = auditWorkflow(c.source, '.github/workflows/publish.yml', { ...(c.repo ? { repo: c.repo } : {}), ...(c.files ? { context: { readFile } } : {}) });
    assert.deepEqual(findings.map((f) => [f.id, f.line]), c.expected, JSON.stringify(findings, null, 2));
    for (const finding of findings) {
      assert.equal(finding.file, '.github/workflows/publish.yml');
      assert.ok(finding.message.length > 0);
    }
  });
}

test('the good fixture and the generated workflow report nothing', () => {
  assert.deepEqual(auditWorkflow(GOOD, 'publish.yml', { repo: { owner: 'acme', name: 'widget' } }), []);
  assert.deepEqual(auditWorkflow(renderWorkflow(BASE), 'publish.yml', { repo: BASE.repo }), []);
});

test('every rule id has a failing fixture', () => {
  const covered = new Set(cases.flatMap((c) => c.expected.map(([id]) => id)));
  assert.deepEqual(AUDIT_RULES.filter((id) => !covered.has(id)), []);
});

test('publish rules stay out of workflows that do not publish', () => {
  const ci = nonPublishing(`      - uses: ${CHECKOUT}\n        with:\n          persist-credentials: false\n      - uses: ${SETUP_NODE}\n        with:\n          node-version: 20\n      - run: npm ci\n      - run: npm publish --dry-run\n      - run: npm run prepublishOnly\n`);
  assert.deepEqual(auditWorkflow(ci, 'ci.yml'), []);
});

test('the fixes of old-npm are accepted: npm check, npm upgrade to 11, Node 24 aliases', () => {
  const node22 = edit(GOOD, 'node-version: 24', 'node-version: 22');
  for (const fix of ['      - run: npm --version\n', '      - run: npm install -g npm@^11.5.1\n']) {
    assert.deepEqual(auditWorkflow(edit(node22, '      - run: npm ci\n', fix + '      - run: npm ci\n'), 'p.yml'), []);
  }
  assert.deepEqual(auditWorkflow(edit(GOOD, 'node-version: 24', "node-version: 'lts/*'"), 'p.yml'), []);
});

test('old-npm: an npm check or upgrade after the publish step comes too late', () => {
  const node22 = edit(GOOD, 'node-version: 24', 'node-version: 22');
  for (const late of ['      - run: npm --version\n', '      - run: npm install -g npm@^11.5.1\n']) {
    const ids = auditWorkflow(node22 + late, 'p.yml').map((f) => f.id);
    assert.ok(ids.includes('old-npm'), `${late.trim()} after the publish: ${ids.join(', ')}`);
  }
  // In the publish step itself, before the publish, it counts.
  assert.deepEqual(auditWorkflow(edit(node22, '      - run: npm publish\n', '      - run: npm install -g npm@^11.5.1 && npm publish\n'), 'p.yml'), []);
});

test('old-npm resolves env Node versions from the workflow env: 24 is fine, 20 is named', () => {
  const fromEnv = edit(GOOD, 'node-version: 24', 'node-version: ${{ env.NODE_VERSION }}').replace('jobs:\n', 'env:\n  NODE_VERSION: 24\njobs:\n');
  assert.deepEqual(auditWorkflow(fromEnv, 'p.yml', { repo: { owner: 'acme', name: 'widget' } }), []);
  const old = auditWorkflow(fromEnv.replace('NODE_VERSION: 24', 'NODE_VERSION: 20'), 'p.yml').filter((f) => f.id === 'old-npm');
  assert.match(old[0]!.message, /Node 20 ships npm older/);
  assert.doesNotMatch(old[0]!.message, /\$\{\{/);
});

test('old-npm resolves env and matrix values: Node 24 from env.NODE_VERSION is not old', () => {
  const fromEnv = (v: string) => edit(GOOD, '          node-version: 24\n', '          node-version: ${{ env.NODE_VERSION }}\n').replace('permissions: {}\n', `permissions: {}\nenv:\n  NODE_VERSION: ${v}\n`);
  assert.deepEqual(auditWorkflow(fromEnv('24'), 'publish.yml', { repo: { owner: 'acme', name: 'widget' } }), []);
  const old = auditWorkflow(fromEnv('20'), 'publish.yml', { repo: { owner: 'acme', name: 'widget' } }).find((f) => f.id === 'old-npm');
  assert.match(old?.message ?? '', /Node 20 ships npm older/);
  const unknown = auditWorkflow(edit(GOOD, '          node-version: 24\n', '          node-version: ${{ steps.v.outputs.node }}\n'), 'publish.yml').find((f) => f.id === 'old-npm');
  assert.match(unknown?.message ?? '', /cannot be resolved here/);
});

test('other-registry: a scoped GitHub Packages registry-url, then a token written for registry.npmjs.org, is an npmjs.com publish', () => {
  const scoped = (scope: string, host: string) =>
    edit(GOOD, '          node-version: 24\n', `          node-version: 24\n          registry-url: https://npm.pkg.github.com/\n${scope}`).replace('      - run: npm publish\n', `      - run: npm config set '//${host}/:_authToken' "\${NPM_TOKEN}"\n        env:\n          NPM_TOKEN: \${{ secrets.NPM_TOKEN }}\n      - run: npm publish\n`);
  const ids = (source: string, name = '@acme/widget') => auditWorkflow(source, 'p.yml', { context: { readFile: (p) => (p === 'package.json' ? JSON.stringify({ name }) : undefined) } }).map((f) => f.id);
  assert.ok(ids(scoped("          scope: '@acme-foundation'\n", 'registry.npmjs.org')).includes('use-trusted-publishing'));
  assert.ok(ids(scoped('', 'registry.npmjs.org')).includes('use-trusted-publishing'), 'without scope: setup-node scopes GitHub Packages to the owner');
  assert.ok(ids(scoped('', 'npm.pkg.github.com')).includes('other-registry'), 'the last token written is for GitHub Packages');
  assert.ok(ids(scoped("          scope: '@acme'\n", 'registry.npmjs.org')).includes('other-registry'), 'the package is in the scope setup-node sends to GitHub Packages');
  const unscoped = edit(scoped('', 'registry.npmjs.org'), 'https://npm.pkg.github.com/', 'https://npm.acme.dev/');
  assert.ok(ids(unscoped).includes('other-registry'), 'registry= of another registry: the default is no longer npmjs.com');
});

test('use-trusted-publishing: a token handed to a local JavaScript action whose code writes it into .npmrc for a later publish', () => {
  const action = "runs:\n  using: 'node20'\n  main: 'index.js'\n";
  const code = "fs.writeFileSync('.npmrc', `//registry.npmjs.org/:_authToken=${process.env.NPM_TOKEN}`);\n";
  const source = edit(GOOD, '      - run: npm publish\n', '      - uses: ./.github/actions/npmrc\n        env:\n          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n      - run: npm publish\n');
  const readFile = (path: string) => ({ '.github/actions/npmrc/action.yml': action, '.github/actions/npmrc/index.js': code })[path];
  const found = auditWorkflow(source, 'publish.yml', { repo: { owner: 'acme', name: 'widget' }, context: { readFile } }).filter((f) => f.id === 'use-trusted-publishing');
  assert.deepEqual(found.map((f) => f.line), [lineWith(source, 'NPM_TOKEN: ${{')]);
  assert.match(found[0]!.message, /env of \.\/\.github\/actions\/npmrc, whose code writes it into \.npmrc/);
  // The same action writing nothing: the token there is no publish token the rule can see.
  const quiet = (path: string) => ({ '.github/actions/npmrc/action.yml': action, '.github/actions/npmrc/index.js': 'console.log(1);\n' })[path];
  assert.deepEqual(auditWorkflow(source, 'publish.yml', { repo: { owner: 'acme', name: 'widget' }, context: { readFile: quiet } }).filter((f) => f.id === 'use-trusted-publishing'), []);
});
