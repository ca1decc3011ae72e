// `create-trusted-publish doctor` through the built binary: exit codes, --json, usage errors,
// and the registry check against a local registry.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { makePackageRepo } from '../helpers/repo.js';
import { runCliAsync, startRegistry, type FakeRegistry } from '../helpers/registry-server.js';
import { fixtureRepo } from '../migrate/fixtures.js';

let registry: FakeRegistry;
before(async () => {
  registry = await startRegistry();
  registry.packages.set('@acme/widget', { latest: '1.2.3', versions: { '1.2.3': {} } });
});
after(() => registry.close());

test('doctor --json on a token workflow: exit 1, the findings with file and line', (t) => {
  const repo = fixtureRepo('plain');
  t.after(() => repo.cleanup());
  const r = runCli(['doctor', repo.dir, '--json']);
  assert.equal(r.code, 1, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.equal(json.ok, false);
  const token = json.findings.find((f: { id: string; line: number }) => f.id === 'use-trusted-publishing' && f.line === 32);
  assert.deepEqual(token && { file: token.file, level: token.level }, { file: '.github/workflows/release.yml', level: 'error' });
  for (const id of ['old-npm', 'setup-node-placeholder-token', 'unpinned-uses', 'artipacked', 'forced-provenance']) {
    assert.ok(json.findings.some((f: { id: string }) => f.id === id), `${id} reported`);
  }
});

test('doctor on a workflow this tool wrote: exit 0', (t) => {
  const repo = makePackageRepo({ pkg: { repository: 'github:acme/widget' } });
  t.after(() => repo.cleanup());
  assert.equal(runCli([repo.dir, '--yes', '--no-open']).code, 0);
  const r = runCli(['doctor'], { cwd: repo.dir });
  assert.equal(r.code, 0, r.stdout);
  assert.match(r.stdout, /No errors or warnings/);
});

test('bad usage exits 2', () => {
  for (const args of [['doctor', '--frobnicate'], ['doctor', '--registry', 'http://x'], ['doctor', '--registry-check', '--registry', 'ftp://x'], ['doctor', '/nonexistent/dir']]) {
    const r = runCli(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    assert.ok(r.stderr.trim().length > 0);
  }
  assert.equal(runCli(['doctor', '--help']).code, 0);
  // Several directories are the fleet view: one that does not exist is a row saying so.
  const fleet = runCli(['doctor', '/nonexistent/a', '/nonexistent/b']);
  assert.equal(fleet.code, 1);
  assert.match(fleet.stdout, /^a\s+–\s+–\s+not checked\s+check the path, then run again: no such directory$/m);
});

test('doctor --registry-check: no provenance yet is a warning; an unreachable registry too, without a crash', async (t) => {
  const repo = makePackageRepo({ pkg: { repository: 'github:acme/widget' } });
  t.after(() => repo.cleanup());
  assert.equal(runCli([repo.dir, '--yes', '--no-open']).code, 0);
  const r = await runCliAsync(['doctor', repo.dir, '--json', '--registry-check', '--registry', registry.url]);
  assert.equal(r.code, 1);
  const json = JSON.parse(r.stdout);
  assert.equal(json.registry, registry.url);
  assert.deepEqual(json.findings.map((f: { id: string }) => f.id), ['no-provenance']);
  const offline = runCli(['doctor', repo.dir, '--registry-check', '--registry', 'http://127.0.0.1:9']);
  assert.equal(offline.code, 1);
  assert.match(offline.stdout, /could not be reached \(bad port\): the registry check of @acme\/widget did not run/);
  assert.equal(offline.stderr, '');
});
