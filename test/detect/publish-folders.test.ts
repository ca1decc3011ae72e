// The folders a publishing step publishes from, read from the workflow as GitHub and bash would.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseWorkflow } from '../../src/audit/workflow-model.js';
import { publishFolders } from '../../src/detect/publish-folders.js';
import { ngPackagrSource } from '../../src/detect/ng-packagr.js';
import { makeRepo } from '../helpers/repo.js';

/** The folders of every publishing step of `yaml`, in order. */
function folders(yaml: string): Array<string[] | undefined> {
  const parsed = parseWorkflow(yaml, '.github/workflows/release.yml');
  assert.ok(parsed.ok);
  return parsed.workflow.jobs.flatMap((job) => job.steps.filter((s) => s.publishes).map((step) => publishFolders(parsed.workflow, job, step)));
}

const job = (body: string, extra = '') => `on: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n${extra}    steps:\n${body}`;
const TOKEN = '        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n';

test('the job\'s defaults.run working directory, when the step names none', () => {
  assert.deepEqual(folders(job(`      - run: npm publish --access public\n${TOKEN}`, '    defaults:\n      run:\n        working-directory: ./js\n')), [['js']]);
});

test('a matrix value in working-directory stands for each value the matrix gives it', () => {
  const matrix = '    strategy:\n      matrix:\n        include:\n          - { os: macos-latest, pkg: "@acme/darwin-x64" }\n          - { os: windows-latest, pkg: "@acme/win32-x64" }\n';
  assert.deepEqual(folders(job(`      - run: npm publish\n        working-directory: npm/\${{ matrix.pkg }}\n${TOKEN}`, matrix)), [['npm/@acme/darwin-x64', 'npm/@acme/win32-x64']]);
});

test('a working-directory that names the package.json file stands for its folder', () => {
  const matrix = '    strategy:\n      matrix:\n        package: [eslint-config, tsconfig]\n';
  assert.deepEqual(folders(job(`      - run: npm publish\n        working-directory: packages/\${{ matrix.package}}/package.json\n${TOKEN}`, matrix)), [['packages/eslint-config', 'packages/tsconfig']]);
  assert.deepEqual(folders(job(`      - run: npm publish\n        working-directory: ./package.json\n${TOKEN}`)), [['']]);
  // A folder merely named like the file's start is a folder.
  assert.deepEqual(folders(job(`      - run: npm publish\n        working-directory: package.jsonc\n${TOKEN}`)), [['package.jsonc']]);
});

test('npm publish inside $(...), over the words of a for loop, and with a redirection', () => {
  const run = '      - shell: bash\n        run: |\n          for pkg in linux-x64 win32-x64; do\n            out=$(npm publish "./npm/${pkg}" 2>&1) && continue\n          done\n' + TOKEN;
  assert.deepEqual(folders(job(run)), [['npm/linux-x64', 'npm/win32-x64']]);
  assert.deepEqual(folders(job(`      - run: output=$(npm publish ./npm/cli 2>&1) && exit 0\n${TOKEN}`)), [['npm/cli']]);
});

test('unknown: a loop over a glob, a variable from elsewhere, another expression, a folder outside the checkout', () => {
  assert.deepEqual(folders(job(`      - run: for d in npm/*; do npm publish "$d"; done\n${TOKEN}`)), [undefined]);
  assert.deepEqual(folders(job(`      - run: npm publish "$PKG_DIR"\n${TOKEN}`)), [undefined]);
  assert.deepEqual(folders(job(`      - run: npm publish\n        working-directory: \${{ inputs.dir }}\n${TOKEN}`)), [undefined]);
  assert.deepEqual(folders(job(`      - run: npm publish ../elsewhere\n${TOKEN}`)), [undefined]);
});

test('a matrix value in the folder a run line cds into or names stands for each value', () => {
  const matrix = '    strategy:\n      matrix:\n        project: [forms, tables]\n';
  const cd = '      - run: |\n          cd dist/${{ matrix.project }}\n          npm publish --tag next\n' + TOKEN;
  assert.deepEqual(folders(job(cd, matrix)), [['dist/forms', 'dist/tables']]);
  assert.deepEqual(folders(job(`      - run: npm publish dist/\${{ matrix.project }}\n${TOKEN}`, matrix)), [['dist/forms', 'dist/tables']]);
  assert.deepEqual(folders(job(`      - run: npm publish dist/\${{ inputs.project }}\n${TOKEN}`, matrix)), [undefined]);
});

test('an ng-packagr build folder: the library whose ng-package.json dest it is (ng-packagr\'s default dest is dist)', () => {
  const r = makeRepo({
    git: false,
    files: {
      'projects/forms/ng-package.json': { dest: '../../dist/forms', lib: { entryFile: 'src/public-api.ts' } },
      'projects/forms/package.json': { name: '@acme/forms', version: '0.0.0' },
      'projects/tables/ng-package.json': { lib: { entryFile: 'src/public-api.ts' } },
      'dist/forms/ng-package.json': { dest: '../../dist/forms' },
    },
  });
  try {
    assert.equal(ngPackagrSource(r.dir, 'dist/forms'), 'projects/forms');
    assert.equal(ngPackagrSource(r.dir, 'projects/tables/dist'), 'projects/tables');
    assert.equal(ngPackagrSource(r.dir, 'dist/tables'), undefined);
  } finally {
    r.cleanup();
  }
});

test('Yarn 1 takes the folder to publish as its first argument, like npm', () => {
  assert.deepEqual(folders(job(`      - run: yarn publish dist/components --tag \${{ steps.tag.outputs.tag }}\n${TOKEN}`)), [['dist/components']]);
  assert.deepEqual(folders(job(`      - run: yarn publish --new-version 1.2.3 --access public\n${TOKEN}`)), [['']]);
});

test('the cd commands before the first publish, wherever they sit in the script; none after it, none run in the background', () => {
  const halstack = '      - run: |\n          sed -i "s#0.0.0#0.0.0-${GITHUB_SHA:0:7}#" ./dist/forms/package.json\n          cd ./dist/forms\n          npm publish --tag next --access public\n' + TOKEN;
  assert.deepEqual(folders(job(halstack)), [['dist/forms']]);
  assert.deepEqual(folders(job(`      - run: npm ci && cd packages || exit 1; cd forms && npm publish\n${TOKEN}`)), [['packages/forms']]);
  assert.deepEqual(folders(job(`      - run: |\n          npm publish --access public\n          cd docs\n          npm run deploy\n${TOKEN}`)), [['']]);
  assert.deepEqual(folders(job(`      - run: cd react & npm publish\n${TOKEN}`)), [['']]);
  assert.deepEqual(folders(job(`      - run: |\n          npm run build\n          cd ~/.config/acme\n          npm publish\n${TOKEN}`)), [undefined]);
});

test('a variable set once from the loop variable (dir="packages/$pkg", then cd "$dir"), from the defaults.run working directory', () => {
  const defaults = '    defaults:\n      run:\n        working-directory: js\n';
  const loop = (set: string) => `      - run: |\n          for pkg in realtime client; do\n            ${set}\n            cd "$dir"\n            npm publish --access public\n            cd ../..\n          done\n${TOKEN}`;
  assert.deepEqual(folders(job(loop('dir="packages/$pkg"'), defaults)), [['js/packages/realtime', 'js/packages/client']]);
  // Set twice, from something other than the loop, or in single quotes (no expansion): unknown.
  assert.deepEqual(folders(job(loop('dir="packages/$pkg"; dir="x/$pkg"'), defaults)), [undefined]);
  assert.deepEqual(folders(job(loop('dir="$(pwd)/$pkg"'), defaults)), [undefined]);
  assert.deepEqual(folders(job(loop("dir='packages/$pkg'"), defaults)), [undefined]);
});

test('a cd into a path from the checkout\'s top (github.workspace) leads there, whatever the working directory', () => {
  // apache/incubator-kie-tools@676824e .github/workflows/publish_release_artifacts_npm.yml
  const kie = '      - run: |\n          cd ${{ github.workspace }}/.github/supporting-files/bpmn\n          npm publish --access public\n' + TOKEN;
  assert.deepEqual(folders(job(kie)), [['.github/supporting-files/bpmn']]);
  assert.deepEqual(folders(job(kie, '    defaults:\n      run:\n        working-directory: js\n')), [['.github/supporting-files/bpmn']]);
  assert.deepEqual(folders(job(`      - run: cd packages && cd "$GITHUB_WORKSPACE/editors-js/" && npm publish\n${TOKEN}`)), [['editors-js']]);
  assert.deepEqual(folders(job(`      - run: cd \${{ github.workspace }} && npm publish\n${TOKEN}`)), [['']]);
});

test('an expression glued to the folder that gives a flag after a space or nothing is not part of the folder', () => {
  const glued = "      - run: npm publish dist/ng-widgets${{ github.event.inputs.dry-run == 'true' && ' --dry-run' || '' }}\n" + TOKEN;
  assert.deepEqual(folders(job(glued)), [['dist/ng-widgets']]);
  // One that gives text without a space stays part of the word.
  assert.deepEqual(folders(job("      - run: npm publish dist/${{ inputs.beta && 'beta' || 'main' }}\n" + TOKEN)), [undefined]);
});
