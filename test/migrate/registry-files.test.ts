// A proxy in front of npmjs.com named outside the workflow (.npmrc `registry=` and
// `@scope:registry=` lines, package.json publishConfig.registry): --migrate refuses without
// --switch-registry, naming each place and the flag; with it, the switch is in the diff and in the
// same write set (consent, .bak backups) as the workflow. Through the built binary, in a real repository.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { makeRepo, type TempRepo } from '../helpers/repo.js';
import { TAG_TOKEN_PUBLISH } from '../helpers/token-workflows.js';

const NPMRC = [
  'registry=https://wombat-dressing-room.appspot.com/',
  '@acme:registry = "https://wombat-dressing-room.appspot.com"',
  '@other:registry=https://wombat-dressing-room.appspot.com',
  'engine-strict=true',
  '',
].join('\r\n');

// The repository URL names another repository: migrate fixes it in the same package.json edit.
const PKG = `{
    "name": "@acme/widget",
    "version": "1.2.0",
    "repository": "github:someone/else",
    "publishConfig": {
        "registry": "https://wombat-dressing-room.appspot.com"
    }
}
`;

function setUp(): TempRepo {
  return makeRepo({ remote: 'https://github.com/acme/widget.git', files: { '.github/workflows/publish.yml': TAG_TOKEN_PUBLISH, '.npmrc': NPMRC, 'package.json': PKG, 'package-lock.json': { name: '@acme/widget', lockfileVersion: 3, packages: {} } } });
}

test('without --switch-registry: refused with every proxy named and the flag, nothing written', () => {
  const repo = setUp();
  try {
    const run = runCli([repo.dir, '--migrate', '--force']);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stderr, /\.npmrc:1 \(https:\/\/wombat-dressing-room\.appspot\.com\/\)/);
    assert.match(run.stderr, /\.npmrc:2 /);
    assert.doesNotMatch(run.stderr, /\.npmrc:3 /, 'a scope no published package has is not a reason');
    assert.match(run.stderr, /package\.json publishConfig\.registry/);
    assert.match(run.stderr, /--switch-registry/);
    assert.equal(repo.git('status', '--porcelain'), '');
  } finally {
    repo.cleanup();
  }
});

test('with --switch-registry: .npmrc and publishConfig move to registry.npmjs.org in the diff and the same write, with backups', () => {
  const repo = setUp();
  try {
    const dry = runCli([repo.dir, '--migrate', '--switch-registry', '--dry-run']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /^-registry=https:\/\/wombat-dressing-room\.appspot\.com\/(?:\\x0d)?$/m);
    assert.match(dry.stdout, /^\+registry=https:\/\/registry\.npmjs\.org\/(?:\\x0d)?$/m);
    assert.match(dry.stdout, /^-\s+"registry": "https:\/\/wombat-dressing-room\.appspot\.com"$/m);
    assert.equal(repo.git('status', '--porcelain'), '');

    const run = runCli([repo.dir, '--migrate', '--switch-registry', '--force']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(repo.git('diff', '--name-only').split('\n').filter(Boolean).sort(), ['.github/workflows/publish.yml', '.npmrc', 'package.json']);
    for (const file of ['.github/workflows/publish.yml', '.npmrc', 'package.json']) assert.ok(existsSync(join(repo.dir, `${file}.bak`)), `${file}.bak`);
    // Line endings, quoting and the unrelated scope kept.
    assert.equal(
      readFileSync(join(repo.dir, '.npmrc'), 'utf8'),
      ['registry=https://registry.npmjs.org/', '@acme:registry = "https://registry.npmjs.org/"', '@other:registry=https://wombat-dressing-room.appspot.com', 'engine-strict=true', ''].join('\r\n'),
    );
    const pkg = readFileSync(join(repo.dir, 'package.json'), 'utf8');
    assert.deepEqual(JSON.parse(pkg), { name: '@acme/widget', version: '1.2.0', repository: { type: 'git', url: 'git+https://github.com/acme/widget.git' } });
    assert.match(pkg, /^ {4}"name"/m, 'indentation kept');
    const doctor = runCli(['doctor', repo.dir, '--json']);
    const findings = (JSON.parse(doctor.stdout) as { findings: Array<{ id: string; level: string }> }).findings;
    assert.deepEqual(findings.filter((f) => f.level === 'error').map((f) => f.id), []);
  } finally {
    repo.cleanup();
  }
});

// A local composite action that sets up Node points setup-node at the proxy: the publish goes there too.
const SETUP_ACTION = `name: Setup
description: Node for releases
runs:
  using: composite
  steps:
    - uses: actions/setup-node@v4 # v4.4.0
      with:
        node-version: 24
        registry-url: https://wombat-dressing-room.appspot.com
        scope: '@acme'
    - run: npm ci
      shell: bash
`;

const VIA_ACTION = `name: Publish
on:
  push:
    tags: ['v*']
jobs:
  publish:
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@v4
        with:
          persist-credentials: false
      - uses: ./.github/actions/setup
      - run: npm publish
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;

test('a proxy registry-url in a local composite action: refused without --switch-registry, switched with it (.bak kept)', () => {
  const repo = makeRepo({
    remote: 'https://github.com/acme/widget.git',
    files: {
      '.github/workflows/publish.yml': VIA_ACTION,
      '.github/actions/setup/action.yml': SETUP_ACTION,
      'package.json': { name: '@acme/widget', version: '1.2.0', repository: { type: 'git', url: 'git+https://github.com/acme/widget.git' } },
      'package-lock.json': { name: '@acme/widget', lockfileVersion: 3, packages: {} },
    },
  });
  try {
    const doctor = JSON.parse(runCli(['doctor', repo.dir, '--json']).stdout) as { findings: Array<{ id: string; level: string; file: string | null; line: number | null }> };
    assert.ok(doctor.findings.some((f) => f.id === 'registry-proxy' && f.level === 'error' && f.file === '.github/actions/setup/action.yml' && f.line === 9), JSON.stringify(doctor.findings));
    const refused = runCli([repo.dir, '--migrate', '--force']);
    assert.equal(refused.code, 1, refused.stdout + refused.stderr);
    assert.match(refused.stderr, /wombat-dressing-room\.appspot\.com \(\.github\/actions\/setup\/action\.yml:9\)/);
    assert.match(refused.stderr, /--switch-registry/);
    assert.equal(repo.git('status', '--porcelain'), '');
    const run = runCli([repo.dir, '--migrate', '--force', '--switch-registry']);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const action = readFileSync(join(repo.dir, '.github/actions/setup/action.yml'), 'utf8');
    assert.doesNotMatch(action, /registry-url/);
    assert.match(action, /scope: '@acme'/);
    assert.equal(readFileSync(join(repo.dir, '.github/actions/setup/action.yml.bak'), 'utf8'), SETUP_ACTION);
    const after = JSON.parse(runCli(['doctor', repo.dir, '--json']).stdout) as { findings: Array<{ id: string; level: string }> };
    assert.deepEqual(after.findings.filter((f) => f.level === 'error'), []);
  } finally {
    repo.cleanup();
  }
});
