// The package set beyond the workspace globs, and the GitLab files doctor reads.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gitlabLocalIncludes } from '../../src/detect/ci-files.js';
import { detectWorkspaces } from '../../src/detect/workspaces.js';
import { mkdirSync } from 'node:fs';
import { isExcludedDir, napiPlatform, napiPlatformPackages, rushProjectFolders } from '../../src/detect/package-set.js';
import { parseJsonWithComments } from '../../src/text/json-comments.js';
import type { PackageInfo } from '../../src/core/model.js';

test('napi-rs target triples map to the platform package suffixes napi-rs publishes', () => {
  const cases: Record<string, string> = {
    'x86_64-apple-darwin': 'darwin-x64',
    'aarch64-apple-darwin': 'darwin-arm64',
    'x86_64-pc-windows-msvc': 'win32-x64-msvc',
    'i686-pc-windows-msvc': 'win32-ia32-msvc',
    'x86_64-unknown-linux-gnu': 'linux-x64-gnu',
    'aarch64-unknown-linux-musl': 'linux-arm64-musl',
    'armv7-unknown-linux-gnueabihf': 'linux-arm-gnueabihf',
    'aarch64-linux-android': 'android-arm64',
    'x86_64-unknown-freebsd': 'freebsd-x64',
    'wasm32-wasip1-threads': 'wasm32-wasi',
  };
  for (const [triple, suffix] of Object.entries(cases)) assert.equal(napiPlatform(triple), suffix, triple);
});

test('napi v2 `triples` with defaults and additional targets', () => {
  const raw = JSON.stringify({ name: '@acme/x', napi: { name: 'x', triples: { defaults: true, additional: ['aarch64-apple-darwin'] } } });
  const pkg: PackageInfo = { dir: '', manifestPath: '/p/package.json', raw, name: '@acme/x', private: false, scripts: {} };
  assert.deepEqual(napiPlatformPackages(pkg), ['@acme/x-darwin-x64', '@acme/x-win32-x64-msvc', '@acme/x-linux-x64-gnu', '@acme/x-darwin-arm64']);
});

test('test fixtures, examples, playgrounds and docs sites are not published', () => {
  for (const dir of ['examples/blog', 'playground/alias', 'packages/docs', 'test/fixtures/pkg', 'website']) assert.equal(isExcludedDir(dir), true, dir);
  for (const dir of ['packages/core', 'packages/docs-utils', 'modules/e2e-runner']) assert.equal(isExcludedDir(dir), false, dir);
});

test('an examples folder listed by its exact path is a workspace like any other; matched by a glob it is not', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ctp-ws-'));
  try {
    for (const [rel, name] of [['packages/core', '@acme/core'], ['packages/examples', '@acme/examples'], ['demos/examples', '@acme/demo']] as const) {
      mkdirSync(join(dir, rel), { recursive: true });
      writeFileSync(join(dir, rel, 'package.json'), JSON.stringify({ name, version: '1.0.0' }));
    }
    const names = async (globs: string[]) => (await detectWorkspaces(dir, '', globs)).packages.map((p) => p.name).sort();
    assert.deepEqual(await names(['packages/core', './packages/examples/']), ['@acme/core', '@acme/examples']);
    assert.deepEqual(await names(['packages/*', 'demos/*']), ['@acme/core']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('rush.json: the projects Rush publishes (shouldPublish, or a version policy), comments and trailing commas allowed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ctp-rush-'));
  try {
    assert.equal(rushProjectFolders(dir), undefined);
    const rush = [
      '/**',
      ' * Rush configuration. "projects": [] in a comment is no project list.',
      ' */',
      '{',
      '  "rushVersion": "5.153.2", // the Rush that install-run-rush.js installs',
      '  "repository": { "url": "https://github.com/acme/chime" },',
      '  "projects": [',
      '    { "packageName": "@acme/core", "projectFolder": "packages/core", "shouldPublish": true },',
      '    /* { "packageName": "@acme/old", "projectFolder": "packages/old", "shouldPublish": true }, */',
      '    { "packageName": "@acme/sdk", "projectFolder": "libs/sdk", "versionPolicyName": "sdk" },',
      '    { "packageName": "@acme/site", "projectFolder": "apps/site" },',
      '    { "packageName": "@acme/tool", "projectFolder": "tools/tool", "shouldPublish": false },',
      '  ],',
      '}',
    ].join('\n');
    writeFileSync(join(dir, 'rush.json'), rush);
    assert.deepEqual(rushProjectFolders(dir), ['packages/core', 'libs/sdk']);
    writeFileSync(join(dir, 'rush.json'), '{ "projects": [ { "projectFolder": ');
    assert.equal(rushProjectFolders(dir), undefined, 'a rush.json that cannot be read names no projects');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('JSON with comments: strings that hold comment marks, commas before a bracket, or escaped quotes stay as written', () => {
  assert.deepEqual(parseJsonWithComments('{ "url": "https://x.example/*y*/", "s": "a,}", "q": "say \\"//\\"" /* c */, }'), {
    url: 'https://x.example/*y*/',
    s: 'a,}',
    q: 'say "//"',
  });
  assert.throws(() => parseJsonWithComments('{ "a": 1 "b": 2 }'), SyntaxError);
});

test('GitLab local includes: string, list, local: keys; remote and templates are not files here', () => {
  const text = [
    'include:',
    '  - local: /ci/release.yml',
    "  - 'ci/lint.yml'",
    '  - remote: https://example.com/x.yml',
    '  - template: Nodejs.gitlab-ci.yml',
    '  - project: group/shared',
    '    file: /templates/npm.yml',
    'stages: [test]',
  ].join('\n');
  assert.deepEqual(gitlabLocalIncludes(text), ['ci/release.yml', 'ci/lint.yml']);
  assert.deepEqual(gitlabLocalIncludes("include: '.gitlab/ci/publish.yml'\n"), ['.gitlab/ci/publish.yml']);
});

test('GitLab child pipelines: a job\'s trigger: include is read; the file: list of another project is not', () => {
  const parent = [
    'library:',
    '  trigger:',
    '    include: .ci/library/pipeline.yml',
    '    strategy: depend',
    'docs:',
    '  trigger:',
    '    include:',
    '      - local: .ci/docs.yml',
    '      - artifact: generated.yml',
    '        job: generate',
    'lint:',
    '  script:',
    '    - echo include: not-a-file.yml',
  ].join('\n');
  assert.deepEqual(gitlabLocalIncludes(parent), ['.ci/library/pipeline.yml', '.ci/docs.yml']);
  const child = [
    'include:',
    '  - project: acme/platform/ci-templates',
    '    file:',
    '      - npm/install.yml',
    '      - aws/upload.yml',
    '  - local: .ci/library/publish.yml',
    'default:',
    '  image: $AGENT_IMAGE',
  ].join('\n');
  assert.deepEqual(gitlabLocalIncludes(child), ['.ci/library/publish.yml']);
});
