// A publish step that runs `make publish`: the target's recipe lines that write the token to
// .npmrc go, and Yarn 1's `yarn publish` becomes `npm publish`, with the Makefile's tabs, `@`
// prefixes and `$$`/`$(VAR)` text kept as written; a token line joined to other commands, or the
// last line of a `\`-continued command, stops the migration naming the Makefile's line. Doctor
// names those recipe lines (file:line in the Makefile) before the migration and none after.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadPins } from '../../src/render/pins.js';
import { MigrateError, migrateWorkflow } from '../../src/migrate/index.js';
import { runCli } from '../helpers/cli.js';
import { makeRepo } from '../helpers/repo.js';

const pins = loadPins();
const repo = { owner: 'acme', name: 'widget' };

const WORKFLOW = `on:
  push:
    tags: ['v*']
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
      - run: make build
      - run: make publish
        env:
          NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
`;

/** Written with `$(NPM_TOKEN)` (make's variable, from the environment) and a `$$` shell variable. */
const MAKEFILE = [
  'VERSION := $(shell node -p "require(\'./package.json\').version")',
  '',
  'build:',
  '\tyarn install --frozen-lockfile',
  '\tyarn build',
  '',
  'publish: build',
  '\t@echo "Publishing $(VERSION) as $$(git rev-parse --short HEAD)"',
  '\t@echo "//registry.npmjs.org/:_authToken=$(NPM_TOKEN)" > .npmrc',
  '\tyarn publish --non-interactive --access public',
  '\t@rm -f .npmrc',
  '',
].join('\n');

const PKG = JSON.stringify({ name: 'widget', version: '1.0.0', repository: { type: 'git', url: 'git+https://github.com/acme/widget.git' } });

const migrate = (makefile: string) => migrateWorkflow(WORKFLOW, '.github/workflows/publish.yml', { pins, repo, readFile: (path) => (path === 'Makefile' ? makefile : path === 'package.json' ? PKG : undefined) });

test('the recipe loses its _authToken line, and yarn publish becomes npm publish; tabs, prefixes and $$ stay as written', () => {
  const result = migrate(MAKEFILE);
  const edit = result.scripts.get('Makefile');
  assert.ok(edit, result.changes.join('\n'));
  assert.equal(
    edit.after,
    MAKEFILE.replace('\t@echo "//registry.npmjs.org/:_authToken=$(NPM_TOKEN)" > .npmrc\n', '').replace('\tyarn publish --non-interactive --access public', '\tnpm publish --access public'),
  );
  assert.ok(!result.after.includes('NPM_TOKEN'));
  assert.ok(result.changes.includes('job "publish": removed the _authToken line from Makefile:9 (the token is gone)'), result.changes.join('\n'));
  assert.ok(result.changes.some((line) => line.startsWith('job "publish": yarn publish -> npm publish in Makefile:10')), result.changes.join('\n'));
  // A shell variable written `$${NPM_TOKEN}` and a write in the middle of a continued command go the same way.
  const continued = 'publish:\n\tcd dist; \\\n\techo "//registry.npmjs.org/:_authToken=$${NPM_TOKEN}" >> .npmrc; \\\n\tnpm publish\n';
  assert.equal(migrate(continued).scripts.get('Makefile')?.after, 'publish:\n\tcd dist; \\\n\tnpm publish\n');
});

test('a token line that cannot go on its own stops the migration, naming the Makefile line', () => {
  const joined = 'publish:\n\t@cd pkg && \\\n\t\techo "//registry.npmjs.org/:_authToken=$${NPM_TOKEN}" > .npmrc && \\\n\t\tnpm publish\n';
  const last = 'publish:\n\tcd pkg; \\\n\techo "//registry.npmjs.org/:_authToken=$(NPM_TOKEN)" > .npmrc\n\tnpm publish\n';
  const sameLine = 'publish:\n\techo "//registry.npmjs.org/:_authToken=$(NPM_TOKEN)" > .npmrc && yarn publish\n';
  for (const [makefile, line] of [[joined, 3], [last, 3], [sameLine, 2]] as const) {
    assert.throws(
      () => migrate(makefile),
      (error: unknown) => error instanceof MigrateError && error.message.includes(`Makefile:${line} (`) && /writes the npm token together with other commands/.test(error.message),
      makefile,
    );
  }
});

test('doctor names the recipe lines in the Makefile before the migration, and none after it', () => {
  const temp = makeRepo({ remote: 'https://github.com/acme/widget.git', files: { 'package.json': PKG, 'yarn.lock': '', Makefile: MAKEFILE, '.github/workflows/publish.yml': WORKFLOW } });
  try {
    const inMakefile = () =>
      (JSON.parse(runCli(['doctor', temp.dir, '--json']).stdout) as { findings: { id: string; level: string; file: string | null; line: number | null }[] }).findings
        .filter((f) => f.file === 'Makefile')
        .map((f) => `${f.level} ${f.id} ${f.line}`);
    assert.deepEqual(inMakefile(), ['error use-trusted-publishing 9', 'error yarn1-publish 10']);
    const run = runCli([temp.dir, '--migrate', '--yes', '--force']);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.deepEqual(inMakefile(), []);
  } finally {
    temp.cleanup();
  }
});
