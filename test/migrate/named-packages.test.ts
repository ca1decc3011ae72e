// Through the built binary in a real repository: when the publishing workflow names the one
// workspace it publishes, the top-level package (published by nothing) gets no trusted publisher,
// no checklist step and no "repository" edit, from migrate or doctor; --packages still decides.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
          registry-url: https://registry.npmjs.org
      - run: npm ci
      - run: npm publish --workspace @acme/beacon-cli --access public
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;

const setUp = () => makeRepo({
  remote: 'https://github.com/acme/beacon.git',
  files: {
    // The top package is publishable by its fields, and names another repository: nothing publishes it.
    'package.json': { name: '@acme/beacon', version: '1.0.0', repository: 'github:someone/else', workspaces: ['cli'] },
    'package-lock.json': { name: '@acme/beacon', lockfileVersion: 3, packages: {} },
    'cli/package.json': { name: '@acme/beacon-cli', version: '1.0.0', repository: { type: 'git', url: 'git+https://github.com/acme/beacon.git', directory: 'cli' } },
    '.github/workflows/publish.yml': WORKFLOW,
  },
});

test('--migrate: only the package the workflow names gets a trusted publisher; the other package.json is left as it is', () => {
  const repo = setUp();
  try {
    const before = readFileSync(join(repo.dir, 'package.json'), 'utf8');
    const run = runCli([repo.dir, '--migrate', '--yes', '--force']);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /npm trust github @acme\/beacon-cli /);
    assert.doesNotMatch(run.stdout, /@acme\/beacon(?![-\w])/, run.stdout);
    assert.equal(readFileSync(join(repo.dir, 'package.json'), 'utf8'), before);
    const doctor = JSON.parse(runCli(['doctor', repo.dir, '--json']).stdout) as { findings: Array<{ id: string; file: string | null }> };
    assert.deepEqual(doctor.findings.filter((f) => f.id.startsWith('repository-')), []);
  } finally {
    repo.cleanup();
  }
});

test('--migrate --packages: the names given still decide', () => {
  const repo = setUp();
  try {
    const run = runCli([repo.dir, '--migrate', '--yes', '--force', '--packages', '@acme/beacon,@acme/beacon-cli']);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /npm trust github @acme\/beacon /);
    assert.match(run.stdout, /npm trust github @acme\/beacon-cli /);
  } finally {
    repo.cleanup();
  }
});

// A bare `npm publish` at the top publishes the top package only (npm goes into workspaces only
// with --workspace or --workspaces): the workspaces get no trusted publisher and no "repository"
// edit. After a `cd`, or through a package.json script, the step names nothing and every
// publishable package stays in the set.
const topPublish = (run: string) => makeRepo({
  remote: 'https://github.com/acme/beacon.git',
  files: {
    'package.json': { name: '@acme/beacon', version: '1.0.0', workspaces: ['cli'], scripts: { release: 'npm publish' } },
    'package-lock.json': { name: '@acme/beacon', lockfileVersion: 3, packages: {} },
    'cli/package.json': { name: '@acme/beacon-cli', version: '1.0.0' },
    '.github/workflows/publish.yml': WORKFLOW.replace('npm publish --workspace @acme/beacon-cli --access public', run),
  },
});

test('--migrate: a bare npm publish at the top gives only the top package a trusted publisher', () => {
  for (const [run, expected] of [
    ['npm publish --access public', ['@acme/beacon']],
    ['npm version patch && npm publish ./ --tag latest', ['@acme/beacon']],
    ['cd cli && npm publish', ['@acme/beacon', '@acme/beacon-cli']],
    ['npm run release', ['@acme/beacon', '@acme/beacon-cli']],
  ] as const) {
    const repo = topPublish(run);
    try {
      const before = readFileSync(join(repo.dir, 'cli/package.json'), 'utf8');
      const result = runCli([repo.dir, '--migrate', '--yes', '--force']);
      assert.equal(result.code, 0, result.stdout + result.stderr);
      const told = [...new Set([...result.stdout.matchAll(/npm trust github (@?[\w.~/-]+) /g)].map((m) => m[1]!))].sort();
      assert.deepEqual(told, [...expected], `${run}\n${result.stdout}`);
      if (expected.length === 1) assert.equal(readFileSync(join(repo.dir, 'cli/package.json'), 'utf8'), before, run);
    } finally {
      repo.cleanup();
    }
  }
});

test('--migrate: a package whose URL already matches gets "directory" as a suggestion, never an E422 claim', () => {
  const repo = makeRepo({
    remote: 'https://github.com/acme/beacon.git',
    files: {
      'package.json': { name: 'beacon-root', private: true, workspaces: ['cli'] },
      'package-lock.json': { name: 'beacon-root', lockfileVersion: 3, packages: {} },
      'cli/package.json': { name: '@acme/beacon-cli', version: '1.0.0', repository: { type: 'git', url: 'git+https://github.com/acme/beacon.git' } },
      '.github/workflows/publish.yml': WORKFLOW,
    },
  });
  try {
    const run = runCli([repo.dir, '--migrate', '--dry-run']);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^cli\/package\.json\n {2}- adds "directory" to "repository" \(suggested for a package below the top folder; npm does not check it\)$/m, run.stdout);
    assert.doesNotMatch(run.stdout, /E422/, run.stdout);
  } finally {
    repo.cleanup();
  }
});
