// --registry-check against a local registry: existence (and the bootstrap choice), the
// provenance proof, and the network failing in every way without a crash.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, test } from 'node:test';
import { checkPackage, registryFindings } from '../../src/registry/check.js';
import { doctor } from '../../src/doctor/index.js';
import { runCommand } from '../../src/trust/exec.js';
import { startRegistry, type FakeRegistry } from '../helpers/registry-server.js';
import { makePackageRepo } from '../helpers/repo.js';
import { GOOD } from '../audit/fixtures.js';

let registry: FakeRegistry;
before(async () => {
  registry = await startRegistry();
  registry.packages.set('@acme/widget', { latest: '1.2.3', versions: { '1.2.2': {}, '1.2.3': { attestations: true } } });
  registry.packages.set('plain-old', { latest: '2.0.0', versions: { '2.0.0': {} } });
});
after(() => registry.close());

test('a package whose latest version has attestations is proven; one without is not yet', async () => {
  assert.deepEqual(await checkPackage('@acme/widget', registry.url), { name: '@acme/widget', status: 'published', latest: '1.2.3', provenance: true });
  assert.deepEqual(await checkPackage('plain-old', registry.url), { name: 'plain-old', status: 'published', latest: '2.0.0', provenance: false });
  // The scoped name is requested escaped, as npm does, and anonymously.
  assert.ok(registry.requests.some((r) => r.path === '/@acme%2fwidget' && !r.authorized));
});

test('the real npm CLI reads the same attestations from this registry', async () => {
  const view = await runCommand('npm', ['view', '@acme/widget', 'dist.attestations.provenance.predicateType', '--json'], { env: { ...process.env, ...registry.npmEnv() } });
  assert.equal(view.code, 0, view.stderr);
  assert.equal(JSON.parse(view.stdout), 'https://slsa.dev/provenance/v1');
});

test('a missing package explains the bootstrap choice (scoped: --access public)', async () => {
  const [finding] = registryFindings([await checkPackage('@acme/new-thing', registry.url)], registry.url);
  assert.equal(finding!.id, 'package-not-found');
  assert.equal(finding!.level, 'error');
  assert.match(finding!.fix!, /npm publish --access public/);
  assert.match(finding!.fix!, /placeholder/);
  const [unscoped] = registryFindings([await checkPackage('new-thing', registry.url)], registry.url);
  assert.match(unscoped!.fix!, /`npm publish`/);
});

test('a refused connection and a registry that never answers become a finding, not a crash', async (t) => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as { port: number }).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const refused = await checkPackage('x', `http://127.0.0.1:${port}`);
  assert.deepEqual([refused.status, refused.reason], ['unreachable', 'ECONNREFUSED']);

  const silent = createServer(() => {});
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  t.after(() => silent.close());
  const hung = await checkPackage('x', `http://127.0.0.1:${(silent.address() as { port: number }).port}`, { timeoutMs: 200 });
  assert.deepEqual([hung.status, hung.reason], ['unreachable', 'timed out']);
  const findings = registryFindings([hung, { ...hung, name: 'y' }], 'http://r');
  assert.equal(findings.length, 1, 'one finding for an unreachable registry');
  assert.match(findings[0]!.message, /x, y/);
});

test('doctor --registry-check asks only when told to, and reports per package', async (t) => {
  const repo = makePackageRepo({ pkg: { repository: 'github:acme/widget' }, files: { '.github/workflows/publish.yml': GOOD } });
  t.after(() => repo.cleanup());
  const count = registry.requests.length;
  await doctor(repo.dir);
  assert.equal(registry.requests.length, count, 'offline by default');
  const report = await doctor(repo.dir, { registryCheck: true, registry: `${registry.url}/` });
  assert.equal(report.registry, registry.url);
  const finding = report.findings.find((f) => f.id === 'provenance-ok');
  assert.match(finding!.message, /@acme\/widget@1\.2\.3 has provenance attestations/);
  assert.equal(finding!.file, 'package.json');
});
