import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runsPublish, scanWorkflow } from '../../src/detect/workflow-scan.js';
import { secretName } from '../../src/detect/workflows.js';
import { scanNpmrc } from '../../src/detect/npmrc.js';

test('runsPublish recognises publish commands', () => {
  for (const cmd of [
    'npm publish',
    'npm publish --access public',
    'npm stage publish',
    'pnpm publish --no-git-checks',
    'pnpm -r publish',
    'pnpm --filter @acme/a publish',
    'yarn npm publish',
    'yarn publish',
    'yarn workspaces foreach -A npm publish',
    'bun publish',
    'npx semantic-release',
    'semantic-release',
    'npx changeset publish',
    'pnpm changeset publish',
    'cd pkg && npm publish',
  ]) assert.equal(runsPublish(cmd), true, cmd);
  for (const cmd of ['npm ci', 'npm run publish-docs', 'npm test', 'npm publish --dry-run', '# npm publish', 'echo hi'])
    assert.equal(runsPublish(cmd), false, cmd);
});

test('secretName', () => {
  assert.equal(secretName('${{ secrets.NPM_TOKEN }}'), 'NPM_TOKEN');
  assert.equal(secretName("${{secrets['MY_TOKEN']}}"), 'MY_TOKEN');
  assert.equal(secretName('${{ github.token }}'), undefined);
  assert.equal(secretName('npm_literal'), undefined);
});

test('scanWorkflow: env keys at any indentation, block scalars, uses', () => {
  const text = [
    'name: release', // 1
    'on:', // 2
    '  workflow_call:', // 3
    '    secrets:', // 4
    '      NPM_TOKEN:', // 5  declaration, no value
    '        required: true', // 6
    'env:', // 7
    '  NPM_TOKEN: ${{ secrets.TOP_LEVEL }}', // 8
    'jobs:', // 9
    '  publish:', // 10
    '    runs-on: ubuntu-latest', // 11
    '    steps:', // 12
    '      - uses: actions/setup-node@v4', // 13
    '        with:', // 14
    '          always-auth: true', // 15
    '          token: ${{ secrets.NOT_ENV }}', // 16
    '      - run: |', // 17
    '          echo "NODE_AUTH_TOKEN: not a key"', // 18
    '          npm publish --access public', // 19
    '        env:', // 20
    '          NODE_AUTH_TOKEN: ${{ secrets.NPM_PUBLISH }} # comment', // 21
    '      - name: flow', // 22
    '        env: { NODE_AUTH_TOKEN: "${{ secrets.FLOW }}", OTHER: x }', // 23
    '        run: echo hi', // 24
    '      - name: literal', // 25
    '        env:', // 26
    '          NPM_TOKEN: plain-value', // 27
    '        with:', // 28
    '          NPM_TOKEN: not-env', // 29
  ].join('\n');
  const { publishes, tokenUses } = scanWorkflow('.github/workflows/r.yml', text);
  assert.equal(publishes, true);
  assert.deepEqual(tokenUses, [
    { file: '.github/workflows/r.yml', line: 8, what: 'NPM_TOKEN', secret: 'TOP_LEVEL' },
    { file: '.github/workflows/r.yml', line: 15, what: 'always-auth' },
    { file: '.github/workflows/r.yml', line: 21, what: 'NODE_AUTH_TOKEN', secret: 'NPM_PUBLISH' },
    { file: '.github/workflows/r.yml', line: 23, what: 'NODE_AUTH_TOKEN', secret: 'FLOW' },
    { file: '.github/workflows/r.yml', line: 27, what: 'NPM_TOKEN' },
  ]);
});

test('scanWorkflow: publish detection via actions and multi-line plain run', () => {
  const yes = (t: string) => scanWorkflow('w.yml', t).publishes;
  // The one rule (audit/publish-rule.ts): changesets/action publishes only when given a publish command.
  assert.equal(yes('steps:\n  - uses: changesets/action@v1\n'), false);
  assert.equal(yes('steps:\n  - uses: changesets/action@v1\n    with:\n      publish: pnpm release\n'), true);
  assert.equal(yes("steps:\n  - uses: 'JS-DevTools/npm-publish@v3'\n"), true);
  assert.equal(yes('steps:\n  - run: >-\n      npm ci &&\n      npm publish\n'), true);
  assert.equal(yes('steps:\n  - run: npm ci &&\n      pnpm publish\n'), true);
  assert.equal(yes('steps:\n  - name: npm publish\n    run: npm test\n'), false);
  assert.equal(yes('steps:\n  # - run: npm publish\n  - run: npm test\n'), false);
  assert.equal(yes('steps:\n  - uses: actions/checkout@v4\n'), false);
});

test('scanNpmrc: _authToken and always-auth lines, literal tokens flagged without the value', () => {
  const text = [
    '# _authToken=commented',
    'registry=https://registry.npmjs.org/',
    '//registry.npmjs.org/:_authToken=${NPM_TOKEN}',
    '//npm.pkg.github.com/:_authToken=npm_LITERALSECRET0000',
    'always-auth=true',
    '//empty.example/:_authToken=',
    '//quoted.example/:_authToken="${QUOTED}"',
  ].join('\n');
  const { tokens, findings } = scanNpmrc('.npmrc', text);
  assert.deepEqual(tokens, [
    { file: '.npmrc', line: 3, what: '_authToken' },
    { file: '.npmrc', line: 4, what: '_authToken' },
    { file: '.npmrc', line: 5, what: 'always-auth' },
    { file: '.npmrc', line: 6, what: '_authToken' },
    { file: '.npmrc', line: 7, what: '_authToken' },
  ]);
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.id, 'npmrc-literal-token');
  assert.equal(findings[0]!.line, 4);
  assert.ok(!JSON.stringify(findings).includes('LITERALSECRET'));
});

test('scanNpmrc: a registry line pointing at a publishing proxy is an error; a mirror is left alone', () => {
  const { findings } = scanNpmrc('.npmrc', 'registry=https://wombat-dressing-room.appspot.com/\n@acme:registry=https://npm.pkg.github.com\n');
  assert.deepEqual(findings.map((f) => `${f.level} ${f.id}:${f.line}`), ['error registry-proxy:1']);
  assert.deepEqual(scanNpmrc('.npmrc', 'registry=https://registry.npmjs.org/\n').findings, []);
});
