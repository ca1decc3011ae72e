// npm matches the environment a trusted publisher names: when the jobs of the trusted workflow
// publish in different environments (a release in "Production", a pull-request preview in
// "Preview"), one publisher cannot serve them all, and the migration says so.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detect } from '../../src/detect/index.js';
import { planMigration } from '../../src/migrate/index.js';
import { makeRepo } from '../helpers/repo.js';

const job = (id: string, environment: string | undefined, tag: string) => `  ${id}:
    runs-on: ubuntu-latest
${environment === undefined ? '' : `    environment: ${environment}\n`}    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
      - run: npm publish --tag ${tag}
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;

async function plan(...jobs: string[]) {
  const repo = makeRepo({
    remote: 'https://github.com/acme/widget.git',
    files: {
      'package.json': JSON.stringify({ name: 'acme-widget', version: '1.0.0', repository: { type: 'git', url: 'git+https://github.com/acme/widget.git' } }, null, 2),
      '.github/workflows/release.yml': `on: push\npermissions:\n  contents: read\njobs:\n${jobs.join('')}`,
    },
  });
  try {
    return planMigration(await detect(repo.dir));
  } finally {
    repo.cleanup();
  }
}

test('jobs that publish in different environments (or none): named, one trusted publisher for each', async () => {
  const p = await plan(job('release', 'Production', 'latest'), job('preview', 'Preview', 'experimental'));
  assert.equal(p.environment, 'Production');
  assert.ok(p.notes.includes('Jobs of release.yml publish in Production, Preview: add a trusted publisher on npmjs.com for each (the values below name Production), or one that names no environment.'), p.notes.join('\n'));
  const none = await plan(job('canary', undefined, 'canary'), job('release', 'npm', 'latest'));
  assert.equal(none.environment, 'npm');
  assert.ok(none.notes.some((n) => n.startsWith('Jobs of release.yml publish in no environment, npm:')), none.notes.join('\n'));
});

test('every publishing job in the same environment: no note', async () => {
  const p = await plan(job('release', 'npm', 'latest'), job('next', 'npm', 'next'));
  assert.equal(p.environment, 'npm');
  assert.ok(!p.notes.some((n) => /environment/.test(n)), p.notes.join('\n'));
});
