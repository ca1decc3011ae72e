// A workflow that publishes a package its CI build writes (no package.json in the repository):
// --migrate edits the workflow anyway (the trusted publisher's values name no package) and names
// the package only where the build's rule says (wasm-pack: Cargo.toml `[package] name`, `@scope/`),
// otherwise prints the values for "the package this workflow builds". Doctor then reports a note,
// not "no package.json". Through the built binary in real git repositories.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { makeRepo } from '../helpers/repo.js';
import { withRepository } from '../../src/detect/written-manifest.js';

const REMOTE = 'https://github.com/acme/widget.git';

const CARGO = '[package]\nname = "widget-core"\nversion = "2.1.0"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n';

/** One job: build with wasm-pack (the given command), optionally edit the package.json, publish from `out`. */
function wasmWorkflow(build: string, edit: string | undefined, out: string): string {
  return `name: Publish
on:
  release:
    types: [published]
env:
  SCOPE: acme
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
          registry-url: https://registry.npmjs.org
      - run: ${build}
${edit ? `      - run: ${edit}\n` : ''}      - run: npm publish --access public
        working-directory: ${out}
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;
}

function setUp(workflow: string, extra: Record<string, string> = {}) {
  return makeRepo({ remote: REMOTE, files: { '.github/workflows/publish.yml': workflow, 'crates/core/Cargo.toml': CARGO, ...extra } });
}

const doctorFindings = (dir: string) =>
  (JSON.parse(runCli(['doctor', dir, '--json']).stdout) as { findings: Array<{ id: string; level: string; message: string }> }).findings;

test('wasm-pack: the crate path and --scope (from env) name the package; doctor notes it instead of "no package.json"', () => {
  const repo = setUp(wasmWorkflow('wasm-pack build crates/core --scope ${{ env.SCOPE }} --release', undefined, 'crates/core/pkg'));
  try {
    const before = doctorFindings(repo.dir);
    assert.equal(before.some((f) => f.id === 'no-package-json'), false);
    const note = before.find((f) => f.id === 'ci-built-package');
    assert.equal(note?.level, 'info');
    assert.match(note?.message ?? '', /\(@acme\/widget-core\)/);
    const run = runCli([repo.dir, '--migrate', '--force']);
    assert.equal(run.code, 0, run.stderr);
    const values = run.stdout.split('On npmjs.com')[1] ?? '';
    assert.match(values, /https:\/\/www\.npmjs\.com\/package\/@acme\/widget-core\/access/);
    assert.match(values, /npm trust github @acme\/widget-core --file publish\.yml --repo acme\/widget --allow-publish/);
    // The version the first release tags is the crate's.
    assert.match(values, /gh release create v2\.1\.0/);
    assert.deepEqual(doctorFindings(repo.dir).filter((f) => f.level === 'error'), []);
  } finally {
    repo.cleanup();
  }
});

test('wasm-pack without a path: the nearest Cargo.toml up from the working directory names it', () => {
  const workflow = wasmWorkflow('wasm-pack build --target web', undefined, 'crates/core/pkg').replace('      - run: wasm-pack', '      - working-directory: crates/core/src\n        run: wasm-pack');
  const repo = setUp(workflow);
  try {
    assert.match(doctorFindings(repo.dir).find((f) => f.id === 'ci-built-package')?.message ?? '', /\(widget-core\)/);
  } finally {
    repo.cleanup();
  }
});

test('a rename this tool cannot read leaves the package unnamed: the values and a checklist line, never an invented name', () => {
  const edit = `jq '.name = "@acme/" + env.FLAVOUR' crates/core/pkg/package.json > tmp.json && mv tmp.json crates/core/pkg/package.json`;
  const repo = setUp(wasmWorkflow('wasm-pack build crates/core --scope acme', edit, 'crates/core/pkg'));
  try {
    // --trust cannot name it either: refused before anything is written.
    const trust = runCli([repo.dir, '--migrate', '--force', '--trust']);
    assert.equal(trust.code, 1, trust.stdout);
    assert.match(trust.stderr, /--trust needs the name of every package/);
    assert.equal(repo.git('status', '--porcelain'), '');
    const run = runCli([repo.dir, '--migrate', '--force']);
    assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
    const values = run.stdout.split('On npmjs.com')[1] ?? '';
    assert.match(values, /The package this workflow builds \(its name is set in CI\)\n/);
    assert.match(values, /https:\/\/www\.npmjs\.com\/package\/<its name>\/access/);
    assert.match(values, /npm trust github <its name> --file publish\.yml --repo acme\/widget --allow-publish/);
    assert.match(values, /Add the trusted publisher for the package this workflow builds on\s+npmjs\.com/);
    assert.doesNotMatch(values, /package\.json has no "version"/);
    assert.doesNotMatch(values, /widget-core/);
    assert.doesNotMatch(repo.git('show', 'HEAD:.github/workflows/publish.yml'), /id-token/);
    assert.match(repo.git('diff'), /\+\s+id-token: write/);
    assert.deepEqual(doctorFindings(repo.dir).filter((f) => f.level === 'error'), []);
  } finally {
    repo.cleanup();
  }
});

test('`cd dist && npm publish` of a package.json a script writes: migrated, the package unnamed', () => {
  const workflow = `name: Release
on:
  push:
    tags: ['v*']
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
          registry-url: https://registry.npmjs.org
      - run: node tools/write-manifest.mjs dist
      - run: cd dist && npm publish
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;
  const repo = makeRepo({ remote: REMOTE, files: { '.github/workflows/release.yml': workflow, 'tools/write-manifest.mjs': 'export {};\n' } });
  try {
    assert.equal(doctorFindings(repo.dir).find((f) => f.id === 'ci-built-package')?.level, 'info');
    const run = runCli([repo.dir, '--migrate', '--force']);
    assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
    assert.match(run.stdout, /The package this workflow builds in dist \(its name is set in CI\)/);
    // Generating a new workflow still needs a package to name.
    const generate = runCli([repo.dir, '--yes', '--workflow', 'publish.yml']);
    assert.equal(generate.code, 1);
  } finally {
    repo.cleanup();
  }
});

test('a publish from a folder the repository holds is not a CI build: at a top without package.json, that folder\'s package is the one published', () => {
  const workflow = `name: Release
on:
  push:
    tags: ['v*']
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm publish --access public --tag next
        working-directory: packages/widget
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;
  const repo = makeRepo({ remote: REMOTE, files: { '.github/workflows/release.yml': workflow, 'packages/widget/package.json': { name: 'widget', version: '1.0.0' } } });
  try {
    const findings = doctorFindings(repo.dir);
    assert.equal(findings.some((f) => f.id === 'ci-built-package'), false);
    assert.equal(findings.some((f) => f.id === 'no-package-json'), false);
    const note = findings.find((f) => f.id === 'package-in-folder');
    assert.equal(note?.level, 'info');
    assert.equal(note?.message, 'No package.json at the top of the repository: its publishing workflow publishes from packages/widget, so the package there is the one checked.');
    assert.deepEqual((JSON.parse(runCli(['doctor', repo.dir, '--json']).stdout) as { packages: string[] }).packages, ['widget']);
    const run = runCli([repo.dir, '--migrate', '--force']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /On npmjs\.com: add a trusted publisher\nwidget\n/);
    assert.match(run.stdout, /npm trust github widget /);
    assert.doesNotMatch(readFileSync(join(repo.dir, '.github/workflows/release.yml'), 'utf8'), /NPM_TOKEN/);
  } finally {
    repo.cleanup();
  }
});

test('two folders a build writes (`yarn publish dist/components`, `dist/react`): one trusted publisher each, both folders named', () => {
  const workflow = `name: Release
on:
  push:
    tags: ['v*']
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
          registry-url: https://registry.npmjs.org
      - run: yarn install --frozen-lockfile && yarn build
      - run: yarn publish dist/components --tag latest
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
      - run: yarn publish dist/react --tag latest
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;
  const pkg = { name: '@acme/components', version: '1.0.0', private: true, scripts: { build: 'vite build' } };
  const repo = makeRepo({ remote: REMOTE, files: { '.github/workflows/release.yml': workflow, 'package.json': pkg, 'yarn.lock': '' } });
  try {
    // The private package.json at the top is the build's, not what is published: no error about it.
    assert.equal(doctorFindings(repo.dir).find((f) => f.id === 'private-package'), undefined);
    const run = runCli([repo.dir, '--migrate', '--force']);
    assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
    assert.match(run.stdout, /Each package this workflow builds, in dist\/components, dist\/react \(their names are set in CI\)/);
    assert.match(run.stdout.replace(/\s+/g, ' '), /Add the trusted publisher for each package this workflow builds \(dist\/components, dist\/react\) on npmjs\.com/);
  } finally {
    repo.cleanup();
  }
});

test('a package.json the job echoes into dist/lib names the package, and gets "repository" where it is written', () => {
  const workflow = `name: Publish lib
on:
  push:
    tags: ['lib-v*']
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
          registry-url: https://registry.npmjs.org
      - run: npm ci && npm run build:lib
      - name: Write package.json
        run: |
          cd dist/lib
          echo '{
            "name": "@acme/widget-lib",
            "version": "'\${GITHUB_REF_NAME#lib-v}'",
            "main": "index.js"
          }' > package.json
      - run: npm publish
        working-directory: dist/lib
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;
  const pkg = { name: 'widget-app', version: '1.0.0', private: true, scripts: { 'build:lib': 'vite build' } };
  const repo = makeRepo({ remote: REMOTE, files: { '.github/workflows/publish.yml': workflow, 'package.json': pkg } });
  try {
    assert.match(doctorFindings(repo.dir).find((f) => f.id === 'ci-built-package')?.message ?? '', /\(@acme\/widget-lib\)/);
    const run = runCli([repo.dir, '--migrate', '--force']);
    assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
    assert.match(run.stdout, /npm trust github @acme\/widget-lib --file publish\.yml --repo acme\/widget/);
    assert.doesNotMatch(run.stdout, /its name is set in CI|package\.json has no "version"/);
    assert.match(run.stdout.replace(/\s+/g, ' '), /the version the build writes into package\.json/);
    const after = readFileSync(join(repo.dir, '.github/workflows/publish.yml'), 'utf8');
    const json = /echo '(\{[\s\S]*?\})' > package\.json/.exec(after)![1]!.replace(`'\${GITHUB_REF_NAME#lib-v}'`, '1.2.3');
    assert.deepEqual(JSON.parse(json).repository, { type: 'git', url: 'git+https://github.com/acme/widget.git' });
    assert.match(after, /\n {12}"name": "@acme\/widget-lib",\n {12}"repository": \{ "type": "git", "url": "git\+https:\/\/github\.com\/acme\/widget\.git" \},\n {12}"version"/);
  } finally {
    repo.cleanup();
  }
});

test('"repository" goes beside the name however the JSON is laid out, and never twice', () => {
  const url = 'git+https://github.com/acme/widget.git';
  const field = `"repository": { "type": "git", "url": "${url}" },`;
  assert.equal(withRepository(`echo '{"name":"w","version":"1.0.0"}' > package.json`, url), `echo '{"name":"w", ${field}"version":"1.0.0"}' > package.json`);
  assert.equal(withRepository(`jq -n '{"version": $v, "name": "w"}' > package.json`, url), `jq -n '{"version": $v, ${field} "name": "w"}' > package.json`);
  assert.equal(withRepository(`cat > package.json <<EOF\n{\n  "version": "1.0.0",\n  "name": "w"\n}\nEOF`, url), `cat > package.json <<EOF\n{\n  "version": "1.0.0",\n  ${field}\n  "name": "w"\n}\nEOF`);
  assert.equal(withRepository(`echo '{"name":"w","repository":"acme/widget"}' > package.json`, url), undefined);
  for (const text of [`echo '{"name":"w", ${field} "version":"1"}'`, `cat > package.json <<EOF\n{\n  "version": "1.0.0",\n  ${field}\n  "name": "w"\n}\nEOF`]) {
    assert.equal(withRepository(text, url), undefined);
  }
});

test('a build script copies a package.json template to the folder it publishes from: its name; a loop over a build folder: one package per folder', () => {
  // huaweicloud/huaweicloud-sdk-nodejs-v3@1c7cad4 .github/workflows/npm-publish.yml and build.sh
  const step = (run: string) => `      - run: |\n${run.split('\n').map((l) => `          ${l}`).join('\n')}\n        env:\n          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}\n`;
  const workflow = `on:\n  release:\n    types: [created]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: .github/workflows/build.sh\n${step('cd ./build/core\nnpm publish --access public')}${step('cd ./build/services\nfor service in `ls .`\ndo\n  cd "./$service"\n  npm publish --access public\n  cd ..\ndone')}`;
  const script = (sed: string) => `#!/bin/bash\nT="\${GITHUB_WORKSPACE}/.github/workflows"\ncd "\${GITHUB_WORKSPACE}/core" && tsc\ncp "$T/package-core.json" "\${GITHUB_WORKSPACE}/build/core/package.json"\n${sed} "\${GITHUB_WORKSPACE}/build/core/package.json"\n`;
  const template = { name: '@acme/sdk-core', version: 'PRODUCT_VERSION' };
  for (const [sed, named] of [['sed -i "s/PRODUCT_VERSION/$V/g"', true], ['sed -i "s/sdk-core/$NAME/g"', false]] as const) {
    const repo = makeRepo({ remote: REMOTE, files: { '.github/workflows/release.yml': workflow, '.github/workflows/build.sh': script(sed), '.github/workflows/package-core.json': template, 'core/index.ts': '' } });
    try {
      const run = runCli([repo.dir, '--migrate', '--force']);
      assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
      const out = run.stdout.replace(/\s+/g, ' ');
      assert.equal(out.includes('Add the trusted publisher for @acme/sdk-core on npmjs.com'), named, out);
      assert.ok(out.includes(`Each package this workflow builds, ${named ? '' : 'in build/core, '}one per folder of build/services (their names are set in CI; each needs its own trusted publisher)`), out);
      assert.match(out, /The tag is v<version>, the version the build writes/);
      const note = doctorFindings(repo.dir).find((f) => f.id === 'ci-built-package')?.message ?? '';
      assert.equal(note.includes('(@acme/sdk-core; the other names are set there'), named, note);
    } finally {
      repo.cleanup();
    }
  }
});
