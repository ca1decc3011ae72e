// A release program that publishes a package a second time under another name, set in its
// package.json before the publish (marko-js/marko@fda50b2 scripts/publish-alias.ts: `pkg.name =
// "marko"`; later `Object.assign(pkg, { name: "marko", private: false })`): doctor and migrate name
// the alias beside the workspace packages; a name that is not a literal cannot be read.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { detect } from '../../src/detect/index.js';
import { aliasNamesIn } from '../../src/detect/alias-packages.js';
import { publishedPackages } from '../../src/doctor/index.js';
import { programScriptPublishReason } from '../../src/migrate/program-script-publish.js';
import { makeRepo, type TempRepo } from '../helpers/repo.js';

const repos: TempRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));

const read = "import fs from 'fs';\nimport cp from 'child_process';\nconst file = 'packages/runtime/package.json';\nconst pkg = JSON.parse(fs.readFileSync(file, 'utf8'));\n";
const publish = "fs.writeFileSync(file, JSON.stringify(pkg, null, 2));\ncp.execSync('npm publish ./packages/runtime --tag next', { stdio: 'inherit' });\n";

test('the literal name a publishing program writes into a package.json: three forms; not without a write or a publish', () => {
  assert.deepEqual(aliasNamesIn(`${read}pkg.name = "templating";\n${publish}`), { names: ['templating'], unread: false });
  assert.deepEqual(aliasNamesIn(`${read}Object.assign(pkg, { name: "templating", private: false });\n${publish}`), { names: ['templating'], unread: false });
  assert.deepEqual(aliasNamesIn(`${read}fs.writeFileSync(file, JSON.stringify({ ...pkg, name: 'templating' }));\ncp.execSync('npm publish ./packages/runtime');\n`), { names: ['templating'], unread: false });
  assert.deepEqual(aliasNamesIn(`${read}pkg.name = process.env.ALIAS;\n${publish}`), { names: [], unread: true });
  assert.deepEqual(aliasNamesIn(`${read}pkg.name = \`@acme/\${flavour}\`;\n${publish}`), { names: [], unread: true });
  assert.deepEqual(aliasNamesIn(`${read}Object.assign(pkg, { name: 'templating-' + flavour });\n${publish}`), { names: [], unread: true });
  assert.deepEqual(aliasNamesIn(`${read}if (pkg.name === "templating") pkg.version = "1.0.0";\n${publish}`), { names: [], unread: false });
  assert.deepEqual(aliasNamesIn(`${read}pkg.name = "templating";\nconsole.log(JSON.stringify(pkg));\ncp.execSync('npm publish ./packages/runtime');\n`), { names: [], unread: false });
  assert.deepEqual(aliasNamesIn(`${read}pkg.name = "templating";\n${publish.replace(/npm publish/, 'npm pack')}`), { names: [], unread: false });
});

async function repoWith(program: string) {
  const repo = makeRepo({
    remote: 'https://github.com/acme/templating.git',
    files: {
      'package.json': { name: 'templating-monorepo', private: true, workspaces: ['packages/*'], scripts: { '@ci:release-alias': 'node scripts/publish-alias.mjs' } },
      'packages/runtime/package.json': { name: '@acme/runtime', version: '6.0.0' },
      'scripts/publish-alias.mjs': program,
      '.github/workflows/ci.yml': 'on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci\n      - run: npm run @ci:release-alias\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n',
    },
  });
  repos.push(repo);
  return detect(repo.dir);
}

test('a real repository: the alias is published beside the workspace package; a name set from a variable asks for --packages', async () => {
  const d = await repoWith(`${read}Object.assign(pkg, { name: "templating" });\n${publish}`);
  assert.deepEqual(publishedPackages(d).map((p) => p.name), ['@acme/runtime', 'templating']);
  assert.equal(programScriptPublishReason(d, d.workflows[0]!.path, d.workflows[0]!.content), undefined);
  const unread = await repoWith(`${read}pkg.name = process.argv[2];\n${publish}`);
  assert.deepEqual(publishedPackages(unread).map((p) => p.name), ['@acme/runtime']);
  assert.match(programScriptPublishReason(unread, unread.workflows[0]!.path, unread.workflows[0]!.content) ?? '', /publishes through scripts\/publish-alias\.mjs \(run by `npm run @ci:release-alias`\), a script that sets the name of a package it publishes in its package\.json from a value that cannot be read here.*--packages/);
});
