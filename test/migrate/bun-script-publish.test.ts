// `bun run publish` into a package.json script that runs `bun publish`: bun has no OIDC exchange.
// Doctor names it (bun-publish, on the run line); migrate refuses with the reason and writes nothing,
// since `npm publish` would run a script named `publish` itself. A direct `bun publish` on the
// workflow's line is still rewritten. Through the built binary in real git repositories.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { git, makeRepo } from '../helpers/repo.js';

const workflow = (run: string) => `on:
  release:
    types: [published]
jobs:
  publish:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      id-token: write
    steps:
      - uses: actions/checkout@v4
      - uses: oven-sh/setup-bun@v2
      - run: ${run}
        env:
          NPM_CONFIG_TOKEN: \${{ secrets.NPM_TOKEN }}
`;
const pkg = (scripts: Record<string, string>) => ({ name: 'widget', version: '1.0.0', repository: { type: 'git', url: 'git+https://github.com/acme/widget.git' }, scripts });
const inRepo = <T>(run: string, scripts: Record<string, string>, body: (dir: string) => T): T => {
  const temp = makeRepo({ remote: 'https://github.com/acme/widget.git', files: { 'package.json': pkg(scripts), '.github/workflows/publish.yml': workflow(run) } });
  try {
    return body(temp.dir);
  } finally {
    temp.cleanup();
  }
};
const findings = (dir: string) => (JSON.parse(runCli(['doctor', dir, '--json']).stdout) as { findings: { id: string; message: string; line: number | null }[] }).findings;

test('doctor names the bun publish a `bun run publish` reaches through package.json', () => {
  inRepo('bun install && bun run publish', { publish: 'bun publish' }, (dir) => {
    const bun = findings(dir).filter((f) => f.id === 'bun-publish');
    assert.equal(bun.length, 1, JSON.stringify(findings(dir), null, 1));
    assert.equal(bun[0]!.line, 13);
    assert.match(bun[0]!.message, /package\.json script "publish" \(`bun publish`\)/);
  });
  // A script that does not publish with bun is no finding.
  inRepo('bun install && bun run publish', { publish: 'npm publish' }, (dir) => {
    assert.deepEqual(findings(dir).filter((f) => f.id === 'bun-publish'), []);
  });
});

test('migrate refuses `bun run publish` into `"publish": "bun publish"` with the lifecycle reason, and writes nothing', () => {
  inRepo('bun install && bun run publish', { publish: 'bun publish --access public' }, (dir) => {
    const before = readFileSync(join(dir, '.github/workflows/publish.yml'), 'utf8');
    const run = runCli(['--migrate', '--force', dir]);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stdout + run.stderr, /package\.json script "publish" \(`bun publish --access public`\): bun has no trusted publishing \(no OIDC exchange\), and npm publish cannot replace it: npm runs a "publish" script itself when it publishes/);
    assert.equal(readFileSync(join(dir, '.github/workflows/publish.yml'), 'utf8'), before);
    assert.equal(git(dir, 'status', '--porcelain').trim(), '');
  });
  // Another script name: refused too, with its own reason.
  inRepo('bun run release', { release: 'bun run build && bun publish', build: 'tsc' }, (dir) => {
    const run = runCli(['--migrate', '--force', dir]);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stdout + run.stderr, /script "release" \(`bun run build && bun publish`\).*this migration does not rewrite package\.json scripts/);
  });
});

test('a direct `bun publish` on the workflow line is still rewritten to npm publish', () => {
  inRepo('bun install && bun publish', {}, (dir) => {
    const run = runCli(['--migrate', '--force', dir]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(readFileSync(join(dir, '.github/workflows/publish.yml'), 'utf8'), /run: bun install && npm publish\n/);
  });
});
