// `npm login` in a job that publishes: doctor flags it; migrate removes a line that only logs in
// to npmjs.com (and its step when nothing is left), keeps a login to another registry, and refuses
// a login chained to other commands rather than guess which part still matters.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditWorkflow } from '../../src/audit/index.js';
import { MigrateError } from '../../src/migrate/errors.js';
import { migrateWorkflow } from '../../src/migrate/index.js';
import { loadPins } from '../../src/render/pins.js';

const repo = { owner: 'acme', name: 'widget' };

const workflow = (login: string) => `on:
  push:
    tags: ['v*']
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
          registry-url: https://registry.npmjs.org
      - run: |
${login
  .split('\n')
  .map((line) => `          ${line}`)
  .join('\n')}
      - run: npm publish
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;

const migrate = (login: string) => migrateWorkflow(workflow(login), '.github/workflows/publish.yml', { pins: loadPins(), repo });

test('doctor flags npm login and npm adduser in a publishing job, not a comment that names it', () => {
  for (const login of ['npm login', 'npm adduser --scope=@acme']) {
    const findings = auditWorkflow(workflow(login), '.github/workflows/publish.yml', { repo });
    assert.ok(findings.some((f) => f.id === 'use-trusted-publishing' && /npm login/.test(f.message) && f.line === 14), login);
  }
  const findings = auditWorkflow(workflow('npm ci # then npm login is not needed'), '.github/workflows/publish.yml', { repo });
  assert.deepEqual(findings.filter((f) => /npm login/.test(f.message)), []);
});

test('migrate removes a step that only logs in, and the login line of a longer script', () => {
  const alone = migrate('npm login --registry=https://registry.npmjs.org/');
  assert.doesNotMatch(alone.after, /npm login/);
  assert.ok(alone.changes.some((c) => /removed the `npm login` step/.test(c)), alone.changes.join('\n'));
  const script = migrate('npm ci\nnpm login');
  assert.doesNotMatch(script.after, /npm login/);
  assert.match(script.after, /npm ci/);
  assert.ok(script.changes.some((c) => /removed the `npm login` line/.test(c)), script.changes.join('\n'));
});

test('migrate keeps a login to another registry', () => {
  assert.match(migrate('npm login --registry=https://npm.pkg.github.com').after, /npm login --registry=https:\/\/npm\.pkg\.github\.com/);
});

test('migrate refuses a login chained to other commands, with the reason', () => {
  assert.throws(() => migrate('echo "$CREDENTIALS" | npm login'), (error: unknown) => error instanceof MigrateError && /npm login` together with other commands/.test(error.message));
});

test('npm-cli-login (a login with a user name and password from the environment): doctor names it, migrate removes it and its global install', () => {
  const findings = auditWorkflow(workflow('npm install -g npm-cli-login\nnpm-cli-login\nnpm run build'), '.github/workflows/publish.yml', { repo });
  assert.ok(findings.some((f) => f.id === 'use-trusted-publishing' && /runs `npm-cli-login`/.test(f.message) && f.line === 15), findings.map((f) => `${f.line} ${f.message}`).join('\n'));
  const result = migrate('npm install -g npm-cli-login\nnpm-cli-login\nnpm run build');
  assert.doesNotMatch(result.after, /npm-cli-login/);
  assert.match(result.after, /npm run build/);
  assert.ok(result.changes.some((c) => /removed the `npm-cli-login` line and its global install/.test(c)), result.changes.join('\n'));
  // Its global install stays where no login line of that step went (another tool might run it).
  assert.match(migrate('npm install -g npm-cli-login\nnpm run build').after, /npm install -g npm-cli-login/);
  // A login to another registry (GitHub Packages, for private dependencies) stays, with its install, and doctor leaves it alone.
  const gpr = 'npm i -g npm-cli-login\nnpm-cli-login -u "ci" -p "${CI_PAT}" -e "ci@acme.example" -r "https://npm.pkg.github.com" -s "@acme"';
  assert.match(migrate(gpr).after, /npm-cli-login -u "ci"/);
  assert.deepEqual(auditWorkflow(workflow(gpr), '.github/workflows/publish.yml', { repo }).filter((f) => f.id === 'use-trusted-publishing' && /npm-cli-login/.test(f.message)), []);
});
