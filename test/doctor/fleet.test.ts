// The fleet view through the built binary: several real repositories (a token workflow, a
// migrated one, one without a workflow), --from with comments and a missing path, --json
// with a row per repository, --markdown, and "trusted, with provenance" from a local registry.
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { makePackageRepo, type TempRepo } from '../helpers/repo.js';
import { runCliAsync, startRegistry, type FakeRegistry } from '../helpers/registry-server.js';
import { fixtureRepo } from '../migrate/fixtures.js';
import { markdownFleet } from '../../src/doctor/fleet-format.js';
import { unreadableRow } from '../../src/doctor/fleet.js';

let token: TempRepo;
let migrated: TempRepo;
let bare: TempRepo;
let registry: FakeRegistry;

before(async () => {
  token = fixtureRepo('plain');
  migrated = makePackageRepo({ remote: 'git@github.com:acme/gadget.git', pkg: { name: 'gadget', repository: 'github:acme/gadget' } });
  assert.equal(runCli([migrated.dir, '--yes', '--no-open']).code, 0);
  bare = makePackageRepo({ remote: 'https://github.com/acme/bare.git', pkg: { name: 'bare-pkg' } });
  registry = await startRegistry();
  registry.packages.set('gadget', { latest: '1.2.3', versions: { '1.2.3': { attestations: true } } });
});
after(async () => {
  for (const r of [token, migrated, bare]) r.cleanup();
  await registry.close();
});

interface Row { repository: string; path: string | null; packages: string[]; workflows: string[]; status: string; nextStep: string; counts: Record<string, number>; findings: unknown[] }

test('doctor DIR DIR DIR: one table, a row per repository with its status and next step; exit 1 while a token is left', () => {
  const r = runCli(['doctor', token.dir, migrated.dir, bare.dir]);
  assert.equal(r.code, 1, r.stderr);
  const lines = r.stdout.split('\n');
  assert.match(lines[0]!, /^Repository\s+Packages\s+Publishing workflow\s+Status\s+Next step$/);
  const row = (name: string) => lines.find((l) => l.startsWith(name)) ?? '';
  assert.match(row('acme/widget'), /release\.yml\s+token\s+create-trusted-publish --migrate/);
  assert.match(row('acme/gadget'), /gadget\s+publish\.yml\s+migrated, not yet released\s+publish a release, then doctor --registry-check/);
  assert.match(row('acme/bare'), /bare-pkg\s+–\s+no publish workflow\s+create-trusted-publish --yes/);
  assert.match(r.stdout, /3 repositories: 1 token, 1 migrated, not yet released, 1 no publish workflow\./);
});

test('--json: one document, a row per repository in the order given, each with doctor\'s findings', () => {
  const r = runCli(['doctor', bare.dir, token.dir, '--json']);
  assert.equal(r.code, 1);
  const json = JSON.parse(r.stdout) as { schema: string; ok: boolean; summary: Record<string, number>; rows: Row[] };
  assert.equal(json.schema, 'create-trusted-publish/doctor-fleet@1');
  assert.equal(json.ok, false);
  assert.deepEqual(json.rows.map((x) => [x.repository, x.status]), [['acme/bare', 'no-workflow'], ['acme/widget', 'token']]);
  assert.equal(json.summary.repositories, 2);
  assert.equal(json.summary.token, 1);
  const single = JSON.parse(runCli(['doctor', token.dir, '--json']).stdout) as { findings: unknown[]; counts: unknown };
  assert.deepEqual(json.rows[1]!.findings, single.findings);
  assert.deepEqual(json.rows[1]!.counts, single.counts);
});

test('--from FILE: one path a line, comments and blanks skipped; a missing path is a row, not the end', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ctp-from-'));
  const list = join(dir, 'repos.txt');
  writeFileSync(list, `# the team's packages\n${migrated.dir}\n\n${join(dir, 'gone')}\n${migrated.dir}\n`);
  const r = runCli(['doctor', '--from', list, '--json']);
  const json = JSON.parse(r.stdout) as { rows: Row[] };
  assert.deepEqual(json.rows.map((x) => [x.repository, x.status]), [['acme/gadget', 'migrated'], ['gone', 'unreadable']]);
  assert.equal(r.code, 1, 'a path that could not be checked is not "fine"');
  const missing = runCli(['doctor', '--from', join(dir, 'nope.txt')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /--from .*nope\.txt: no such file/);
});

test('--markdown: the same table as Markdown', () => {
  const r = runCli(['doctor', token.dir, bare.dir, '--markdown']);
  const lines = r.stdout.split('\n');
  assert.equal(lines[0], '| Repository | Packages | Publishing workflow | Status | Next step |');
  assert.equal(lines[1], '| --- | --- | --- | --- | --- |');
  assert.match(r.stdout, /^\| acme\/widget \| @acme\/widget \| release\.yml \| token \| /m);
  assert.ok(lines.slice(2, 4).every((l) => l.split(/(?<!\\)\|/).length === 7), r.stdout);
});

test('--registry-check: a migrated package whose latest version has provenance is "trusted, with provenance"', async () => {
  const r = await runCliAsync(['doctor', migrated.dir, bare.dir, '--json', '--registry-check', '--registry', registry.url]);
  const json = JSON.parse(r.stdout) as { registry: string; rows: Row[] };
  assert.equal(json.registry, registry.url);
  assert.deepEqual(json.rows.map((x) => [x.repository, x.status, x.nextStep]), [
    ['acme/gadget', 'trusted', 'create-trusted-publish retire'],
    ['acme/bare', 'no-workflow', 'create-trusted-publish --yes'],
  ]);
});

test('one repository that is all done: exit 0 in the fleet view too', async () => {
  const r = await runCliAsync(['doctor', migrated.dir, '--markdown', '--registry-check', '--registry', registry.url]);
  assert.equal(r.code, 0, r.stdout);
  assert.match(r.stdout, /\| acme\/gadget \| gadget \| publish\.yml \| trusted, with provenance \| create-trusted-publish retire \|/);
});

test('a Markdown cell cannot break the table: pipes escaped, line breaks joined', () => {
  const md = markdownFleet([unreadableRow('acme/a|b', null, 'HTTP 403: one\ntwo | three')]);
  const row = md.split('\n')[2]!;
  assert.equal(row, '| acme/a\\|b | – | – | not checked | check access, then run again: HTTP 403: one two \\| three |');
});
