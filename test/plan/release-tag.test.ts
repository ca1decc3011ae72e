// The first release's tag must start the workflow it is for: a migrated workflow keeps its own
// push tag filter, and `git tag v<version>` does not start one that waits for `cli-v*`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { filterMatches, releaseTag, tagStarts } from '../../src/plan/release-tag.js';
import { pushTagFilters } from '../../src/migrate/tag-filters.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { makeRepo } from '../helpers/repo.js';
import { filesUnder } from '../migrate/fixtures.js';

test("GitHub's filter patterns: *, **, ?, +, ranges", () => {
  assert.ok(filterMatches('v*', 'v1.2.0'));
  assert.ok(!filterMatches('v*', 'cli-v1.2.0'));
  assert.ok(filterMatches('cli-v*', 'cli-v1.2.0'));
  assert.ok(!filterMatches('v*', 'v1/2'));
  assert.ok(filterMatches('v**', 'v1/2'));
  assert.ok(filterMatches('[0-9]+.[0-9]+.[0-9]+', '10.2.0'));
  assert.ok(!filterMatches('[0-9]+.[0-9]+.[0-9]+', 'v10.2.0'));
  assert.ok(filterMatches('v?[0-9]+.*', '1.2.0') && filterMatches('v?[0-9]+.*', 'v1.2.0'));
});

test('the tag to push: the usual one when the filter takes it, else one the filter takes', () => {
  assert.equal(releaseTag('v0.2.0', '0.2.0', { tags: ['v*.*.*'], ignore: [] }), 'v0.2.0');
  assert.equal(releaseTag('v0.2.0', '0.2.0', { tags: ['cli-v*'], ignore: [] }), 'cli-v0.2.0');
  assert.equal(releaseTag('v0.2.0', '0.2.0', { tags: ['[0-9]+.[0-9]+.[0-9]+'], ignore: [] }), '0.2.0');
  assert.equal(releaseTag('v0.2.0', '0.2.0', { tags: ['widget@*'], ignore: [] }), 'widget@0.2.0');
  assert.equal(releaseTag('v0.2.0', '0.2.0', { tags: ['*', '!v*'], ignore: [] }), '0.2.0');
  assert.equal(releaseTag('v0.2.0', '0.2.0', { tags: [], ignore: ['v*'] }), '0.2.0');
  assert.ok(!tagStarts('v0.2.0', { tags: ['v*'], ignore: ['v0.*'] }));
});

test('push tag filters are read from on.push (a string or a list), none without a tag filter', () => {
  assert.deepEqual(pushTagFilters('on:\n  push:\n    tags: "cli-v*"\njobs: {}\n'), { tags: ['cli-v*'], ignore: [] });
  assert.deepEqual(pushTagFilters('on:\n  push:\n    tags:\n      - v*\n    tags-ignore: [v0.*]\n'), { tags: ['v*'], ignore: ['v0.*'] });
  assert.equal(pushTagFilters('on:\n  push:\n    branches: [main]\n'), undefined);
  assert.equal(pushTagFilters('on: [push]\n'), undefined);
  assert.equal(pushTagFilters('on: {{{'), undefined);
});

test('--migrate names a tag the `cli-v*` filter of the migrated workflow takes', () => {
  const dir = join(ROOT, 'test', 'fixtures', 'real-world', 'pnpm-filter-publish-no-git-checks-prefixed-tag-dispatch-input-node18');
  const { remote } = JSON.parse(readFileSync(join(dir, 'fixture.json'), 'utf8')) as { remote: string };
  const repo = makeRepo({ remote, files: filesUnder(join(dir, 'repo')) });
  try {
    const run = runCli([repo.dir, '--migrate', '--yes', '--force']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /git tag cli-v0\.2\.0 && git push origin cli-v0\.2\.0/);
    assert.doesNotMatch(run.stdout, /git tag v0\.2\.0/);
  } finally {
    repo.cleanup();
  }
});
