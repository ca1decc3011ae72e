// The folders a publishing step publishes from, read from the workflow as GitHub and bash would.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseWorkflow } from '../../src/audit/workflow-model.js';
import { publishFolders } from '../../src/detect/publish-folders.js';

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
