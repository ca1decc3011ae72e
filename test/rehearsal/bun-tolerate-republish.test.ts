// bun's `--tolerate-republish`, migrated: a bun job whose `bun publish --tolerate-republish` becomes
// npm publish behind an `npm view` of the package's version. Run against the loopback registry: a
// new version is published once, with the exchanged token only; a version the registry already has
// is skipped and the job still passes, as bun's flag did.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startMachine, type Machine } from './machine.js';
import { assertOnlyOidcCredentials, logOf, pkg, rehearseGithub, type GithubCase } from './fixture.js';

let machine: Machine;
before(async () => (machine = await startMachine()));
after(() => machine?.close());

const WORKFLOW = `name: Publish
on:
  push:
    tags: ['v*']
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: oven-sh/setup-bun@v2
      - run: bun install --frozen-lockfile
      - name: Publish
        env:
          NPM_CONFIG_TOKEN: \${{ secrets.NPM_TOKEN }}
        run: |
          echo "publishing"
          bun publish --access public --tolerate-republish
`;

const bunCase = (name: string, versions: string[]): GithubCase => ({
  files: { 'package.json': pkg(name, '1.2.3', { publishConfig: { access: 'public' } }), '.github/workflows/publish.yml': WORKFLOW },
  lock: 'bun',
  args: ['--migrate', '--force'],
  tags: ['v1.2.3'],
  event: { name: 'push', ref: 'refs/tags/v1.2.3' },
  versions: { [name]: versions },
});

describe('bun publish --tolerate-republish, migrated', { concurrency: 2 }, () => {
  test('a new version: npm publishes it once, with the exchanged token', async (t) => {
    const r = await rehearseGithub(machine, bunCase('@acme/bun-tolerant-new', ['1.2.2']));
    if (r.result.status === 'skipped-tool') return t.skip(r.result.reason);
    assert.equal(r.result.status, 'passed', logOf(r.result));
    assert.deepEqual(r.published, ['@acme/bun-tolerant-new@1.2.3']);
    assertOnlyOidcCredentials(machine);
  });

  test('a version already on the registry: skipped, and the job passes', async (t) => {
    const r = await rehearseGithub(machine, bunCase('@acme/bun-tolerant-again', ['1.2.3']));
    if (r.result.status === 'skipped-tool') return t.skip(r.result.reason);
    assert.equal(r.result.status, 'passed', logOf(r.result));
    assert.deepEqual(r.published, []);
    assert.match(logOf(r.result), /@acme\/bun-tolerant-again@1\.2\.3 is already published: skipped/);
  });
});
