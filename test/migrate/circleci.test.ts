// CircleCI conversion beyond a plain job: reusable `commands:`, `executors:`, a `docker:` alias,
// anchored steps, the circleci/node orb's executor, and orb commands (known token-only, or refused).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { migrateCiFile } from '../../src/migrate/ci-files.js';
import { MigrateError } from '../../src/migrate/errors.js';

const circle = (content: string) => migrateCiFile({ provider: 'circleci', path: '.circleci/config.yml', content, publishes: true, tokenUses: [] });
const EXPORT = `NPM_ID_TOKEN="$(circleci run oidc get --claims '{"aud": "npm:registry.npmjs.org"}')"\nexport NPM_ID_TOKEN\n`;

test('a reusable command that publishes is edited where it is defined; a token-only command goes from the publishing job', () => {
  const out = circle(`version: 2.1
commands:
  npm-auth:
    steps:
      - run: echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" >> ~/.npmrc
  ship:
    steps:
      - run:
          name: Publish
          command: npm publish --access public
jobs:
  install:
    docker:
      - image: cimg/node:24.21
    steps:
      - checkout
      - npm-auth
      - run: npm ci
  release:
    docker:
      - image: cimg/node:20.11
    steps:
      - checkout
      - npm-auth
      - ship
workflows:
  main:
    jobs: [install, release]
`);
  const doc = parse(out.after);
  assert.equal(doc.commands.ship.steps[0].run.command, `${EXPORT}npm publish --access public\n`);
  assert.deepEqual(doc.jobs.release.steps, ['checkout', 'ship']);
  assert.equal(doc.jobs.release.docker[0].image, 'cimg/node:24.21');
  // The install job keeps its token (a read-only install token is legitimate), so the command stays.
  assert.deepEqual(doc.jobs.install.steps, ['checkout', 'npm-auth', { run: 'npm ci' }]);
  assert.ok(doc.commands['npm-auth']);
});

test('an executor only publishing jobs use is raised in place; a shared one is copied for the publishing job', () => {
  const only = parse(
    circle(`version: 2.1
executors:
  node:
    docker:
      - image: cimg/node:18.20
    working_directory: ~/repo
jobs:
  release:
    executor: node
    steps:
      - run: npm publish
`).after,
  );
  assert.equal(only.executors.node.docker[0].image, 'cimg/node:24.21');
  assert.equal(only.jobs.release.executor, 'node');

  const shared = parse(
    circle(`version: 2.1
executors:
  node:
    docker:
      - image: cimg/node:18.20
        environment:
          TZ: UTC
    working_directory: ~/repo
jobs:
  test:
    executor: node
    steps:
      - run: npm test
  release:
    executor:
      name: node
    steps:
      - run: npm publish
`).after,
  );
  assert.equal(shared.executors.node.docker[0].image, 'cimg/node:18.20', 'the test job keeps its Node');
  assert.equal(shared.jobs.release.executor.name, 'node-node24');
  assert.deepEqual(shared.executors['node-node24'], { docker: [{ image: 'cimg/node:24.21', environment: { TZ: 'UTC' } }], working_directory: '~/repo' });
});

test('a copied executor keeps the values its aliases stand for', () => {
  const out = parse(
    circle(`version: 2.1
references:
  workspace_root: &workspace_root
    ~/repo
executors:
  node:
    docker:
      - image: circleci/node:12
    working_directory: *workspace_root
jobs:
  build:
    executor: node
    steps:
      - run: yarn build
  publish:
    executor: node
    steps:
      - run: npm publish
`).after,
  );
  assert.deepEqual(out.executors['node-node24'], { docker: [{ image: 'cimg/node:24.21' }], working_directory: '~/repo' });
  assert.equal(out.executors.node.working_directory, '~/repo');
});

test('a docker alias, an anchored token step and the circleci/node orb executor', () => {
  const out = circle(`version: 2.1
orbs:
  node: circleci/node@1.1.6
aliases:
  - &node-image
    - image: circleci/node:14
npm-login: &npm-login
  run:
    name: Create .npmrc
    command: echo "//registry.npmjs.org/:_authToken=\${NPM_TOKEN}" >> ~/.npmrc
jobs:
  build:
    docker: *node-image
    steps:
      - checkout
  release:
    docker: *node-image
    steps:
      - checkout
      - *npm-login
      - run: npm publish
  release-next:
    executor:
      name: node/default
      tag: '14'
    steps:
      - run: npm publish --tag next
`);
  const doc = parse(out.after);
  assert.equal(doc.jobs.release.docker[0].image, 'cimg/node:24.21');
  assert.equal(doc.jobs.build.docker[0].image, 'circleci/node:14', 'the alias stays for the other jobs');
  assert.deepEqual(doc.jobs.release.steps.slice(0, 1), ['checkout']);
  assert.equal(doc['npm-login'], undefined, 'the anchor no alias uses any more goes');
  assert.equal(doc.jobs['release-next'].executor, undefined);
  assert.equal(doc.jobs['release-next'].docker[0].image, 'cimg/node:24.21');
  assert.doesNotMatch(out.after, /_authToken/);
});

test('an orb command that may write the token is refused; takescoop/npm login (read: token only) goes with its orb', () => {
  assert.throws(
    () =>
      circle(`version: 2.1
orbs:
  release: acme/npm-release@2.0.1
jobs:
  publish:
    docker:
      - image: cimg/node:24.21
    steps:
      - release/npm-login
      - run: npm publish
`),
    (error: unknown) => error instanceof MigrateError && /release\/npm-login from the orb acme\/npm-release@2\.0\.1/.test(error.message),
  );
  const out = parse(
    circle(`version: 2.1
orbs:
  npm: takescoop/npm@1.2.3
jobs:
  publish:
    docker:
      - image: cimg/node:24.21
    steps:
      - npm/login
      - run: npm publish
`).after,
  );
  assert.equal(out.orbs, undefined);
  assert.deepEqual(out.jobs.publish.steps, [{ run: `${EXPORT}npm publish\n` }]);
});
