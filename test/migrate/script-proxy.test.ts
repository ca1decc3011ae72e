// A release script that names a proxy in front of npmjs.com itself (`pnpm publish --registry
// https://wombat-dressing-room.appspot.com`): doctor flags the script's line [registry-proxy], and
// --migrate refuses naming it, even with --switch-registry (which moves the workflow's setup-node,
// not what a script passes). Through the built binary in a real repository.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { widgetRepo } from '../helpers/widget-repo.js';


const workflow = `name: Release
on:
  workflow_dispatch:
    inputs:
      tag:
        type: choice
        options: [next, latest]
permissions:
  contents: read
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
          registry-url: https://wombat-dressing-room.appspot.com/
      - run: RELEASE_TAG=\${{ inputs.tag }} scripts/release.sh
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NODE_AUTH_TOKEN }}
`;

const script = (publish: string) => `#!/bin/bash
set -e
# Publishes through the release proxy.
${publish}
`;

function run(publish: string) {
  const repo = widgetRepo({ '.github/workflows/release.yml': workflow, 'scripts/release.sh': script(publish) });
  const doctor = JSON.parse(runCli(['doctor', repo.dir, '--json']).stdout) as { findings: Array<{ id: string; file: string | null; line: number | null }> };
  const migrate = runCli([repo.dir, '--migrate', '--yes', '--force', '--switch-registry']);
  const changed = repo.git('status', '--porcelain').trim();
  return { repo, doctor, migrate, changed };
}

test('a script that publishes through the proxy: doctor names its line, migrate refuses with it and writes nothing', () => {
  const { repo, doctor, migrate, changed } = run('npm publish --tag "$RELEASE_TAG" --registry https://wombat-dressing-room.appspot.com');
  try {
    assert.deepEqual(doctor.findings.filter((f) => f.file === 'scripts/release.sh').map((f) => `${f.id} ${f.line}`), ['registry-proxy 4']);
    assert.equal(migrate.code, 1, migrate.stdout + migrate.stderr);
    assert.match(migrate.stderr, /publishes through https:\/\/wombat-dressing-room\.appspot\.com \(scripts\/release\.sh:4\)/);
    assert.doesNotMatch(migrate.stderr, /more characters/);
    assert.equal(changed, '');
  } finally {
    repo.cleanup();
  }
});

test('a script that publishes to npmjs.com, or names the proxy only in a comment, migrates with --switch-registry', () => {
  for (const publish of ['npm publish --tag "$RELEASE_TAG" --registry https://registry.npmjs.org', '# npm publish --registry https://wombat-dressing-room.appspot.com\nnpm publish --tag "$RELEASE_TAG"']) {
    const { repo, doctor, migrate } = run(publish);
    try {
      assert.deepEqual(doctor.findings.filter((f) => f.file === 'scripts/release.sh'), []);
      assert.equal(migrate.code, 0, migrate.stdout + migrate.stderr);
    } finally {
      repo.cleanup();
    }
  }
});
