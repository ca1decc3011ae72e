// The checklist after --migrate, through the built binary in a real repository: GITHUB_TOKEN
// (the token GitHub gives each run, handed here to a GitHub Packages publish) is never a
// repository secret to delete, and a step for several packages lists each page once. Shaped like
// the Yarn workspace fixtures of test/fixtures/real-world (npm and GitHub Packages in one job).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { makeRepo } from '../helpers/repo.js';

const WORKFLOW = `name: Publish
on:
  release:
    types: [published]
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
      - run: npm ci
      - run: npm publish --workspaces --access public
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
      - run: npm publish --workspaces --registry https://npm.pkg.github.com
        env:
          NODE_AUTH_TOKEN: \${{ secrets.GITHUB_TOKEN }}
`;
const REPOSITORY = { type: 'git', url: 'git+https://github.com/acme/widget.git' };

test('--migrate: the checklist deletes NPM_TOKEN, never GITHUB_TOKEN, and lists each package page once', () => {
  const repo = makeRepo({
    remote: 'https://github.com/acme/widget.git',
    files: {
      'package.json': { name: 'widget-monorepo', private: true, workspaces: ['packages/*'] },
      'package-lock.json': { name: 'widget-monorepo', lockfileVersion: 3, packages: {} },
      'packages/a/package.json': { name: '@acme/a', version: '1.0.0', repository: { ...REPOSITORY, directory: 'packages/a' } },
      'packages/b/package.json': { name: '@acme/b', version: '1.0.0', repository: { ...REPOSITORY, directory: 'packages/b' } },
      '.github/workflows/publish.yml': WORKFLOW,
    },
  });
  try {
    const run = runCli([repo.dir, '--migrate', '--yes', '--force']);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /Delete the NPM_TOKEN repository secret\n/);
    assert.doesNotMatch(run.stdout, /GITHUB_TOKEN repository secret|gh secret delete GITHUB_TOKEN/);
    const checklist = run.stdout.slice(run.stdout.indexOf('Then retire the token'));
    for (const step of ['Confirm the release has provenance', 'Disallow tokens for publishing']) {
      const body = checklist.slice(checklist.indexOf(step), checklist.indexOf('\n[ ]', checklist.indexOf(step)));
      const urls = body.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('https://'));
      assert.equal(urls.length, 2, body);
      assert.equal(new Set(urls).size, 2, `each page once: ${body}`);
    }
  } finally {
    repo.cleanup();
  }
});
