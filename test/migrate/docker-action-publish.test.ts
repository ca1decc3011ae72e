// A publish inside a local Docker container action runs the npm of the action's image, which
// nothing the migration adds to the job reaches: migrate refuses at the step's line and writes
// nothing. A Docker action that only builds, before a publish on the runner, migrates.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { readPublishContext, repoReader } from '../../src/detect/workflows.js';
import { MigrateError } from '../../src/migrate/errors.js';
import { migrateWorkflow } from '../../src/migrate/index.js';
import { loadPins } from '../../src/render/pins.js';

const pins = loadPins();
const tops: string[] = [];
after(() => tops.forEach((top) => rmSync(top, { recursive: true, force: true })));

const PATH = '.github/workflows/release.yml';
const DIR = '.github/actions/publish';

function migrate(workflow: string, entrypoint: string) {
  const top = mkdtempSync(join(tmpdir(), 'docker-publish-'));
  tops.push(top);
  const files: Record<string, string> = {
    [PATH]: workflow,
    [`${DIR}/action.yml`]: "name: Publish\nruns:\n  using: 'docker'\n  image: 'Dockerfile'\n",
    [`${DIR}/Dockerfile`]: 'FROM acme/tools\nCOPY entrypoint.sh /entrypoint.sh\nENTRYPOINT ["/entrypoint.sh"]\n',
    [`${DIR}/entrypoint.sh`]: entrypoint,
    Makefile: 'build:\n\tnpm ci && npm run build\n\npublish: build\n\tnpm publish\n',
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(top, path)), { recursive: true });
    writeFileSync(join(top, path), text);
  }
  const readFile = repoReader(top);
  return () => migrateWorkflow(workflow, PATH, { pins, repo: { owner: 'acme', name: 'widget' }, readFile, publish: readPublishContext(top) });
}

const job = (steps: string) => `on:\n  push:\n    tags: ['v*']\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n${steps}`;
const DOCKER_STEP = `      - uses: ./${DIR}\n        env:\n          NPM_TOKEN: \${{ secrets.NPM_TOKEN }}\n`;

test('a token handed to a local Docker action whose entrypoint writes ~/.npmrc and runs a make target that publishes: refused at its line', () => {
  const entrypoint = '#!/bin/bash\necho "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > ~/.npmrc\nmake publish\n';
  assert.throws(
    migrate(job(DOCKER_STEP), entrypoint),
    (error: unknown) =>
      error instanceof MigrateError &&
      error.message.startsWith(`${PATH}:9: job "release" publishes inside the Docker container action ./${DIR} (runs: using: docker in ${DIR}/action.yml; its container runs ${DIR}/entrypoint.sh).\n`) &&
      /the one the action's image has/.test(error.message) &&
      /Publish in a `run:` step of the job on the runner instead/.test(error.message) &&
      error.message.split('\n').every((line) => line.length <= 400),
  );
});

test('a local Docker action that only builds, then a publish on the runner: migrated', () => {
  const steps = `      - uses: ./${DIR}\n      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}\n`;
  const result = migrate(job(steps), '#!/bin/sh\nmake build\n')();
  assert.match(result.after, /id-token: write/);
  assert.doesNotMatch(result.after, /NPM_TOKEN/);
});
