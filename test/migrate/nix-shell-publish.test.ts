// A publish that runs inside a Nix shell uses the npm the shell puts on PATH, which an npm
// upgrade outside the shell does not reach: migrate refuses, naming the file and line, and
// changes nothing. A Nix shell that only builds, before a publish outside it, migrates.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadPins } from '../../src/render/pins.js';
import { migrateWorkflow } from '../../src/migrate/index.js';
import { MigrateError } from '../../src/migrate/errors.js';

const pins = loadPins();
const repo = { owner: 'acme', name: 'widget' };

const workflow = (steps: string) => `on: workflow_dispatch
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: cachix/install-nix-action@v30
${steps}`;

const TOKEN = '        env:\n          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n';
const files: Record<string, string> = { 'scripts/publish.sh': '#!/usr/bin/env bash\nprintf "//registry.npmjs.org/:_authToken=%s\\n" "$NPM_TOKEN" > "$HOME/.npmrc"\nnpm publish dist/widget.tgz\n' };
const migrate = (steps: string) => () => migrateWorkflow(workflow(steps), '.github/workflows/npm-publish.yml', { pins, repo, readFile: (p) => files[p], publish: { readFile: (p) => files[p] } });

test('a script run with nix develop --command, or npm publish in nix-shell --run: refused at its line', () => {
  const steps = `      - name: Publish\n        shell: bash\n        run: |\n          set -euo pipefail\n          nix develop --command ./scripts/publish.sh "\${{ inputs.version }}"\n${TOKEN}`;
  assert.throws(
    migrate(steps),
    (error: unknown) =>
      error instanceof MigrateError &&
      /^\.github\/workflows\/npm-publish\.yml:12: job "publish" publishes from inside a Nix shell \(nix develop --command …\)/.test(error.message) &&
      /cannot be read offline\.\nPublish outside the Nix shell/.test(error.message),
  );
  assert.throws(migrate(`      - run: nix-shell --run 'npm publish --access public'\n${TOKEN}`), /npm-publish\.yml:8: job "publish" publishes from inside a Nix shell \(nix-shell --run …\)/);
});

test('a Nix shell that only builds, and a publish outside it: migrated', () => {
  const build = '      - run: nix develop --command just release-local\n';
  const result = migrate(`${build}      - run: npm publish dist/widget.tgz\n${TOKEN}`)();
  assert.match(result.after, /id-token: write/);
  assert.doesNotMatch(result.after, /NPM_TOKEN/);
  const sameStep = migrate(`      - run: |\n          nix develop --command just build\n          npm publish dist/widget.tgz\n${TOKEN}`)();
  assert.doesNotMatch(sameStep.after, /NPM_TOKEN/);
});
