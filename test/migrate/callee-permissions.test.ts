// A job calling a reusable workflow of this repository: GitHub refuses to start a run whose
// called job asks for a scope its caller lacks, so the new top-level contents: read must not
// take from the caller what the callee's permissions blocks ask for.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDocument } from 'yaml';
import { loadPins } from '../../src/render/pins.js';
import { migrateWorkflow } from '../../src/migrate/index.js';

const pins = loadPins();
const repo = { owner: 'acme', name: 'widget' };

const RELEASE = `name: Release
on:
  push:
    branches: [main]
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm publish
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
  images:
    needs: release
    uses: ./.github/workflows/images.yml
    secrets: inherit
`;

const callee = (permissions: string) => `on:
  workflow_call:
jobs:
  push:
    runs-on: ubuntu-latest
${permissions}    steps:
      - run: docker push ghcr.io/acme/widget
`;

const migrate = (calleeText: string | undefined) =>
  migrateWorkflow(RELEASE, '.github/workflows/release.yml', { pins, repo, readFile: (path) => (path === '.github/workflows/images.yml' ? calleeText : undefined) });

const jobPermissions = (text: string, job: string) => (parseDocument(text).toJS() as { jobs: Record<string, { permissions?: unknown }> }).jobs[job]!.permissions;

test('a caller keeps the scopes its local callee asks for', () => {
  const result = migrate(callee('    permissions:\n      contents: read\n      packages: write\n'));
  assert.deepEqual(jobPermissions(result.after, 'images'), { contents: 'read', packages: 'write' });
  assert.ok(result.changes.includes('job "images" keeps what it had: packages: write'), result.changes.join('\n'));
  assert.match(result.after, /^permissions:\n {2}contents: read\n/m);
});

test('a callee that asks for nothing, a shorthand, or cannot be read: the caller drops to contents: read, and is named', () => {
  for (const text of [callee(''), callee('    permissions: write-all\n'), undefined]) {
    const result = migrate(text);
    assert.equal(jobPermissions(result.after, 'images'), undefined);
    assert.ok(result.changes.includes('job "images" now runs with contents: read only; give it its own permissions block if it needs more.'), result.changes.join('\n'));
  }
});
