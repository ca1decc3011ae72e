// doctor --org through the recording fake gh: the organisation's repositories read through
// the contents API (never cloned), the same checks as on disk, and the failures a real
// organisation has (rate limit, no access, no package.json) reported per row.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { fakeGh } from '../helpers/fake-gh/index.js';
import { fixtureFiles } from '../migrate/fixtures.js';
import { redactNpmrc } from '../../src/doctor/org.js';

const plain = fixtureFiles('plain');
const migratedWorkflow = `name: publish
on:
  release:
    types: [published]
permissions: {}
jobs:
  publish:
    if: github.repository == 'acme/gadget'
    runs-on: ubuntu-latest
    environment: npm
    permissions:
      contents: read
      id-token: write
    steps:
      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1
        with:
          persist-credentials: false
      - uses: actions/setup-node@820762786026740c76f36085b0efc47a31fe5020 # v7.0.0
        with:
          node-version: 24
          package-manager-cache: false
      - run: npm ci
      - run: npm publish
`;

function world() {
  return fakeGh({}, {
    api: {
      orgs: { acme: ['acme/widget', 'acme/gadget', 'acme/secret', 'acme/docs', 'acme/busy'] },
      files: {
        'acme/widget': plain,
        'acme/gadget': { 'package.json': JSON.stringify({ name: 'gadget', version: '1.0.0', repository: 'github:acme/gadget' }), '.github/workflows/publish.yml': migratedWorkflow, '.github/workflows/notes.txt': 'not a workflow' },
        'acme/docs': { 'README.md': '# docs' },
      },
      errors: { 'acme/secret': 'gh: Not Found (HTTP 404)', 'acme/busy': 'HTTP 403: API rate limit exceeded for user ID 1. (https://api.github.com/repos/acme/busy/contents/package.json)' },
    },
  });
}

test('doctor --org: a row per repository with a package.json; no access and rate limits are rows, never fatal', () => {
  const gh = world();
  const r = runCli(['doctor', '--org', 'acme', '--json'], { env: gh.env });
  assert.equal(r.code, 1, r.stderr);
  const json = JSON.parse(r.stdout) as { org: string; skipped: string[]; rows: Array<{ repository: string; path: null; status: string; packages: string[]; workflows: string[]; nextStep: string }> };
  assert.equal(json.org, 'acme');
  assert.deepEqual(json.rows.map((x) => [x.repository, x.status]), [['acme/busy', 'unreadable'], ['acme/gadget', 'migrated'], ['acme/widget', 'token']]);
  const widget = json.rows.find((x) => x.repository === 'acme/widget')!;
  assert.deepEqual([widget.packages, widget.workflows, widget.path], [['@acme/widget'], ['.github/workflows/release.yml'], null]);
  assert.match(json.rows[0]!.nextStep, /check access/);
  // A 404 on package.json (no access to a private repository looks the same) and a repository
  // without one are left out, and named.
  assert.deepEqual(json.skipped, ['acme/docs', 'acme/secret']);
  // Read through the API only: the list, then contents; never a clone, never a write.
  const calls = gh.calls();
  assert.deepEqual(calls[0], ['repo', 'list', 'acme', '--no-archived', '--limit', '1000', '--json', 'nameWithOwner']);
  assert.ok(calls.slice(1).every((c) => c[0] === 'api' && /^repos\/acme\/[a-z]+\/contents\//.test(c[1]!)), JSON.stringify(calls));
  assert.ok(!calls.some((c) => c[1]?.endsWith('notes.txt')), 'only .yml/.yaml files are read');
});

test('doctor --org prints the same table as for directories, with the rate-limited row saying why', () => {
  const r = runCli(['doctor', '--org', 'acme'], { env: world().env });
  assert.match(r.stdout, /^acme\/busy\s+–\s+–\s+not checked\s+check access, then run again: HTTP 403: API rate limit exceeded/m);
  assert.match(r.stdout, /^acme\/widget\s+@acme\/widget\s+release\.yml\s+token\s+/m);
  assert.match(r.stdout, /Left out \(no package\.json at the root, or no access to read it\): acme\/docs, acme\/secret\./);
});

test('doctor --org: an unknown organisation, gh missing, bad usage: a clear message, no stack trace', () => {
  const unknown = runCli(['doctor', '--org', 'nobody'], { env: world().env });
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /gh repo list nobody failed: GraphQL: Could not resolve/);
  const noGh = runCli(['doctor', '--org', 'acme'], { env: { PATH: '/nonexistent' } });
  assert.equal(noGh.code, 1);
  assert.match(noGh.stderr, /GitHub CLI, which is not installed/);
  for (const args of [['doctor', '--org', 'acme', '.'], ['doctor', '--org', '-bad-'], ['doctor', '--org', 'acme', '--from', 'x']]) {
    const r = runCli(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  }
});

test('doctor --org: a literal token in a repository\'s .npmrc is reported by line, its value never printed nor written', () => {
  const value = 'npm_FAKEfakeFAKEfake0123456789abcdefABCD';
  const gh = fakeGh({}, { api: { orgs: { acme: ['acme/leaky'] }, files: { 'acme/leaky': { 'package.json': JSON.stringify({ name: 'leaky', version: '1.0.0' }), '.npmrc': `registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=${value}\n` } } } });
  const r = runCli(['doctor', '--org', 'acme', '--json'], { env: gh.env });
  const row = (JSON.parse(r.stdout) as { rows: Array<{ findings: Array<{ id: string; file: string; line: number }> }> }).rows[0]!;
  assert.deepEqual(row.findings.filter((f) => f.id === 'npmrc-literal-token').map((f) => [f.file, f.line]), [['.npmrc', 2]]);
  assert.ok(!r.stdout.includes(value) && !r.stderr.includes(value));
  assert.equal(redactNpmrc(`//registry.npmjs.org/:_authToken=${value}\n_auth = "dXNlcjpwYXNz"\n//r/:_authToken=\${NPM_TOKEN}\n`), '//registry.npmjs.org/:_authToken=REDACTED\n_auth =REDACTED\n//r/:_authToken=${NPM_TOKEN}\n');
});
