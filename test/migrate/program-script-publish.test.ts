// A publish step seen only by its token, whose package.json scripts run a TypeScript or JavaScript
// file that names the folders it publishes (`npm publish ${folder}`): the packages cannot be read,
// so the top package is not assumed and the migration asks for --packages instead.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { detect } from '../../src/detect/index.js';
import { programScriptPublishReason } from '../../src/migrate/program-script-publish.js';
import { makeRepo, type TempRepo } from '../helpers/repo.js';

const repos: TempRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));

const WORKFLOW = (run: string) => `on:
  release:
    types: [created]
jobs:
  publish-npm:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm ci
      - run: ${run}
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;
const FOLDERS = "import { execSync } from 'child_process';\nfor (const folder of ['dist/core', 'dist/camera']) execSync(`npm publish ${folder} --access public`);\n";
const HERE = "import { execSync } from 'child_process';\nexecSync('npm publish --access public');\n";

async function reason(run: string, script: string, scripts: Record<string, string>) {
  const repo = makeRepo({
    remote: 'https://github.com/acme/widgets.git',
    files: { 'package.json': { name: 'widgets', version: '1.0.0', scripts }, 'scripts/tasks/publish.ts': script, '.github/workflows/release.yml': WORKFLOW(run) },
  });
  repos.push(repo);
  const d = await detect(repo.dir);
  const w = d.workflows[0]!;
  return programScriptPublishReason(d, w.path, w.content);
}

test('a ts-node or node script behind package.json scripts that publishes folders it names: refused, naming the file and --packages', async () => {
  const scripts = { npmpub: 'ts-node -P scripts/tsconfig.json scripts/tasks/publish', shipit: 'npm run build && npm run npmpub', build: 'tsc' };
  const found = await reason('npm run shipit', FOLDERS, scripts);
  assert.match(found ?? '', /job "publish-npm" publishes through scripts\/tasks\/publish\.ts \(run by `npm run shipit`\).*--packages/);
  assert.match((await reason('npx tsx scripts/tasks/publish.ts', FOLDERS, {})) ?? '', /scripts\/tasks\/publish\.ts/);
});

test('no refusal when the script publishes where it runs, or a publish the rule reads is on the step', async () => {
  assert.equal(await reason('npm run npmpub', HERE, { npmpub: 'node scripts/tasks/publish.ts' }), undefined);
  assert.equal(await reason('npm run npmpub && npm publish', FOLDERS, { npmpub: 'node scripts/tasks/publish.ts' }), undefined);
  assert.equal(await reason('npm run other', FOLDERS, { other: 'echo nothing' }), undefined);
});
