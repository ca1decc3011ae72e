// `yarn workspace <name> run <script>` where the workspace's script runs `yarn npm publish`: on Yarn
// Berry before 4.10.3 that publish has no OIDC exchange, so the migration refuses with the reason
// (and writes nothing) instead of removing the token from a publish that then cannot publish, and
// doctor warns about that Yarn as it does for a `yarn npm publish` in the workflow.
// Real git repositories, the built binary.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { makeRepo, type TempRepo } from '../helpers/repo.js';

const WORKFLOW = (run: string) => `name: Release
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
      - run: yarn install --immutable
      - run: ${run}
        env:
          YARN_NPM_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;

function repo(packageManager: string, run: string, topScripts: Record<string, string> = {}): TempRepo {
  return makeRepo({
    remote: 'https://github.com/acme/tools.git',
    files: {
      'package.json': { name: 'tools', private: true, packageManager, workspaces: ['packages/*'], scripts: topScripts },
      'packages/cli/package.json': { name: '@acme/cli', version: '1.0.0', repository: { type: 'git', url: 'git+https://github.com/acme/tools.git', directory: 'packages/cli' }, scripts: { build: 'tsc', release: 'yarn build && yarn npm publish --access public' } },
      'packages/docs/package.json': { name: '@acme/docs', version: '1.0.0', private: true, scripts: { release: 'echo nothing' } },
      'yarn.lock': '',
      '.github/workflows/release.yml': WORKFLOW(run),
    },
  });
}

for (const [what, run, top] of [
  ['in the step', 'yarn workspace @acme/cli run release', {}],
  ['without run', 'yarn workspace @acme/cli release', {}],
  ['through a top package.json script', 'yarn release:cli', { 'release:cli': 'yarn workspace @acme/cli run release' }],
] as const) {
  test(`yarn workspace <name> run <script> ${what}, the script running yarn npm publish on yarn@3.6.4: refused with the reason, nothing written`, (t) => {
    const r = repo('yarn@3.6.4', run, top);
    t.after(() => r.cleanup());
    const doctor = JSON.parse(runCli(['doctor', r.dir, '--json']).stdout) as { publishing: string[]; findings: Array<{ id: string; level: string; file: string }> };
    assert.deepEqual(doctor.publishing, ['.github/workflows/release.yml'], 'doctor sees the publish');
    // Doctor agrees: the old Yarn publishes here, a warning (a note when nothing publishes through Yarn).
    assert.deepEqual(doctor.findings.filter((f) => f.id === 'yarn-berry-old').map((f) => `${f.level} ${f.file}`), ['warning package.json']);
    const result = runCli([r.dir, '--migrate', '--yes', '--force']);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stderr, /job "publish" publishes with `yarn npm publish` on yarn@3\.6\.4, and Yarn supports trusted publishing from 4\.10\.3; it runs in the "release" script of packages\/cli\/package\.json, which `yarn workspace @acme\/cli run release` starts/);
    assert.match(result.stderr, /yarn set version stable/);
    assert.equal(r.git('status', '--porcelain'), '');
  });
}

test('the same on yarn@4.10.3 (its yarn npm publish does the exchange) migrates; a workspace script that does not publish with yarn is not refused', (t) => {
  const fresh = repo('yarn@4.10.3', 'yarn workspace @acme/cli run release');
  t.after(() => fresh.cleanup());
  const ok = runCli([fresh.dir, '--migrate', '--yes', '--force']);
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /removed YARN_NPM_AUTH_TOKEN/);
  const other = repo('yarn@3.6.4', 'yarn workspace @acme/cli run build && npm publish packages/cli');
  t.after(() => other.cleanup());
  const migrated = runCli([other.dir, '--migrate', '--yes', '--force']);
  assert.equal(migrated.code, 0, migrated.stdout + migrated.stderr);
});
