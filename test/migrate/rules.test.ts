// The migration's decisions one at a time, on small hand-written workflows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { loadPins } from '../../src/render/pins.js';
import { MigrateError, migrateWorkflow, normaliseMigrateArgv } from '../../src/migrate/index.js';
import { nodeVerdict } from '../../src/audit/node-version.js';
import { mergeEdits } from '../../src/migrate/format.js';

const pins = loadPins();
const repo = { owner: 'acme', name: 'widget' };
const migrate = (content: string) => migrateWorkflow(content, '.github/workflows/release.yml', { pins, repo });

const JOB = (body: string, top = '') => `on: push
${top}jobs:
  publish:
    runs-on: ubuntu-latest
${body}`;

test('top-level write scopes move to the jobs that inherited them; id-token only where it publishes', () => {
  const src = `on: push
permissions:
  contents: write
  id-token: write
jobs:
  docs:
    runs-on: ubuntu-latest
    steps:
      - run: ./deploy-docs.sh
  publish:
    runs-on: ubuntu-latest
    steps:
      - run: npm publish
`;
  const out = parse(migrate(src).after);
  assert.deepEqual(out.permissions, { contents: 'read' });
  assert.deepEqual(out.jobs.docs.permissions, { contents: 'write' });
  assert.deepEqual(out.jobs.publish.permissions, { contents: 'write', 'id-token': 'write' });
});

test('a job-level block gains id-token: write and keeps its own scopes and comments', () => {
  const src = JOB('    permissions:\n      packages: write # ghcr\n    steps:\n      - run: npm publish\n', 'permissions: {}\n');
  const { after } = migrate(src);
  assert.match(after, /packages: write # ghcr/);
  assert.deepEqual(parse(after).jobs.publish.permissions, { packages: 'write', contents: 'read', 'id-token': 'write' });
});

test('a job that git-pushes keeps its persisted credentials, and names why under "Left for you"', () => {
  const src = JOB('    steps:\n      - uses: actions/checkout@v4\n      - run: git push --tags\n      - run: npm publish\n');
  const result = migrate(src);
  assert.equal(parse(result.after).jobs.publish.steps[0].with, undefined);
  assert.ok(result.left.some((l) => /job "publish": actions\/checkout keeps its credentials: the job pushes with them/.test(l)), result.left.join('\n'));
});

test('a checkout that writes persist-credentials: true keeps it, and says why under "Left for you"; one without it gets false', () => {
  const src = JOB('    steps:\n      - uses: actions/checkout@v4\n        with:\n          path: cli\n      - uses: actions/checkout@v4\n        with:\n          path: publish\n          persist-credentials: true\n      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n');
  const result = migrate(src);
  const steps = parse(result.after).jobs.publish.steps;
  assert.equal(steps[0].with['persist-credentials'], false);
  assert.equal(steps[1].with['persist-credentials'], true);
  assert.ok(result.left.some((l) => /job "publish": actions\/checkout keeps persist-credentials: true as written/.test(l)), result.left.join('\n'));
});

test('a global install of another tool at a dist-tag is named under "Left for you"; npm itself is not', () => {
  const src = JOB('    steps:\n      - uses: actions/setup-node@v4\n        with:\n          node-version: 24\n      - run: npm install --global corepack@latest npm@latest\n      - run: npm publish\n');
  const left = migrate(src).left;
  assert.ok(left.some((l) => /the global install of corepack@latest kept: nothing in the repository names the release/.test(l)), left.join('\n'));
  assert.ok(!left.some((l) => /global install of npm@/.test(l)), left.join('\n'));
});

test('Node versions: < 22 and 22 without an npm upgrade go to 24; 22 with an upgrade stays', () => {
  assert.deepEqual(['20', '18.x', 'lts/iron', '22', '22.x', 'lts/jod', '22.10', '24', 'lts/*', '${{ matrix.node }}'].map(nodeVerdict), ['raise', 'raise', 'raise', 'node22', 'node22', 'node22', 'raise', 'ok', 'ok', 'unknown']);
  // Ranges resolve, as setup-node does, to the newest Node they allow (engines.node from package.json).
  assert.deepEqual(['>=20', '>=18.0.0', '^20.11', '^22', '^20 || ^22', '20 || >=24', '>=18 <23', '^24.1.0'].map(nodeVerdict), ['ok', 'ok', 'raise', 'node22', 'node22', 'ok', 'unknown', 'ok']);
  // Node 24 ships npm 11.5.1 only from 24.5.0 on: an older 24 needs the npm upgrade, like Node 22.
  assert.deepEqual(['24.1.0', 'v24.4.1', '24.4', '24.5.0', '24.x', '25', '26.0.0'].map(nodeVerdict), ['node22', 'node22', 'node22', 'ok', 'ok', 'ok', 'ok']);
  const setup = (v: string, extra = '') => JOB(`    steps:\n      - uses: actions/setup-node@v4\n        with:\n          node-version: ${v}\n${extra}      - run: npm publish\n`);
  assert.equal(parse(migrate(setup('22')).after).jobs.publish.steps[0].with['node-version'], 24);
  const upgraded = parse(migrate(setup('22', '      - run: npm install -g npm@latest\n')).after);
  assert.equal(upgraded.jobs.publish.steps[0].with['node-version'], 22);
  assert.equal(upgraded.jobs.publish.steps[1].run, 'npm install -g npm@^11.5.1');
  assert.equal(parse(migrate(setup('"20"')).after).jobs.publish.steps[0].with['node-version'], '24');
});

test('a Node version that cannot be known gets an npm upgrade within 11.x; no setup-node gets one', () => {
  const fromInput = parse(migrate(JOB(`    steps:\n      - uses: actions/setup-node@v4\n        with:\n          node-version: \${{ inputs.node }}\n      - run: npm publish\n`)).after);
  assert.equal(fromInput.jobs.publish.steps[1].name, 'Upgrade npm for trusted publishing');
  assert.equal(fromInput.jobs.publish.steps[1].run, 'npm install -g npm@^11.5.1');
  const bare = parse(migrate(JOB('    steps:\n      - uses: actions/checkout@v4\n      - run: npm publish\n')).after);
  assert.equal(bare.jobs.publish.steps[1].uses, `${pins['setup-node'].uses}@${pins['setup-node'].sha}`);
  assert.equal(bare.jobs.publish.steps[1].with['node-version'], 24);
});

test('a GITHUB_TOKEN given as NODE_AUTH_TOKEN (GitHub Packages) is left alone', () => {
  const src = JOB('    steps:\n      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n');
  assert.match(migrate(src).after, /NODE_AUTH_TOKEN: \$\{\{ secrets.GITHUB_TOKEN \}\}/);
});

test('job and workflow env tokens go; a read-only install token on another step stays', () => {
  const src = JOB('    env:\n      NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n    steps:\n      - run: npm ci\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_READ_TOKEN }}\n      - run: npm publish\n', 'env:\n  NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n  CI: true\n');
  const out = parse(migrate(src).after);
  assert.deepEqual(out.env, { CI: true });
  assert.equal(out.jobs.publish.env, undefined);
  const install = out.jobs.publish.steps.find((s: { run?: string }) => s.run === 'npm ci');
  assert.equal(install.env.NODE_AUTH_TOKEN, '${{ secrets.NPM_READ_TOKEN }}');
});

test('a fork guard naming another repository is kept and reported', () => {
  const result = migrate(JOB("    if: github.repository == 'someone/else'\n    steps:\n      - run: npm publish\n"));
  assert.equal(parse(result.after).jobs.publish.if, "github.repository == 'someone/else'");
  assert.ok(result.changes.some((c) => /someone\/else/.test(c)));
});

test('an action already pinned to a SHA is not re-pinned; an unlisted action stays as it is', () => {
  const src = JOB('    steps:\n      - uses: actions/checkout@0123456789012345678901234567890123456789 # v4.2.2\n        with:\n          persist-credentials: false\n      - uses: some/action@v1\n      - run: npm publish\n');
  const after = migrate(src).after;
  assert.match(after, /actions\/checkout@0123456789012345678901234567890123456789 # v4\.2\.2/);
  assert.match(after, /some\/action@v1\n/);
});

test('invalid YAML is refused, not rewritten', () => {
  assert.throws(() => migrate('on: push\njobs:\n  a: [\n'), MigrateError);
  assert.throws(() => migrate('on: push\non: push\njobs: {}\n'), MigrateError);
});

test('formatting outside the edits survives byte for byte, CRLF included', () => {
  const src = JOB('    steps:\n      - uses: actions/checkout@v4\n        with: { fetch-depth: 0 }\n      - run: npm publish   #  spaced   comment\n        env:\n          NODE_AUTH_TOKEN: "${{ secrets.NPM_TOKEN }}"\n', "permissions: { contents: read }\n").replace(/\n/g, '\r\n');
  const after = migrate(src).after;
  assert.match(after, /run: npm publish {3}# {2}spaced {3}comment\r\n/);
  assert.match(after, /permissions: \{ contents: read \}\r\n/);
  assert.doesNotMatch(after.replace(/\r\n/g, ''), /\n/);
});

test('mergeEdits falls back to the printed document when the merge would change its meaning', () => {
  assert.equal(mergeEdits('a: 1\n', 'a: 1\n', 'a: 1\n'), 'a: 1\n');
  assert.equal(mergeEdits('a:   1\nb: 2\n', 'a: 1\nb: 2\n', 'a: 1\nb: 3\n'), 'a:   1\nb: 3\n');
  // Source and printout do not line up (3 lines vs 2): the printout wins.
  assert.equal(mergeEdits('a: [1,\n  2]\n', 'a: [ 1, 2 ]\n', 'a: [ 1, 3 ]\n'), 'a: [ 1, 3 ]\n');
});

test('--migrate takes an optional file name', () => {
  assert.deepEqual(normaliseMigrateArgv(['--migrate']), ['--migrate=']);
  assert.deepEqual(normaliseMigrateArgv(['--migrate', 'release.yml', 'dir']), ['--migrate=release.yml', 'dir']);
  assert.deepEqual(normaliseMigrateArgv(['--migrate', 'dir', '--yes']), ['--migrate=', 'dir', '--yes']);
  assert.deepEqual(normaliseMigrateArgv(['--migrate=ci.yaml']), ['--migrate=ci.yaml']);
});

test('env and matrix Node versions are resolved: env 24 needs nothing, a matrix with 20 upgrades npm', () => {
  const env = JOB(`    env:\n      NODE_VERSION: 24\n    steps:\n      - uses: actions/setup-node@v4\n        with:\n          node-version: \${{ env.NODE_VERSION }}\n      - run: npm publish\n`);
  const steps = parse(migrate(env).after).jobs.publish.steps;
  assert.equal(steps.length, 2);
  assert.equal(steps[0].with['node-version'], '${{ env.NODE_VERSION }}');
  const matrix = JOB(`    strategy:\n      matrix:\n        node: [20, 24]\n    steps:\n      - uses: actions/setup-node@v4\n        with:\n          node-version: \${{ matrix.node }}\n      - run: npm publish\n`);
  const out = parse(migrate(matrix).after).jobs.publish;
  assert.deepEqual(out.strategy.matrix.node, [20, 24]);
  assert.equal(out.steps[1].run, 'npm install -g npm@^11.5.1');
});

test('a Node from an env value npm 11 does not run on (18) goes to 24 in the publishing step only; an env 20 gets the npm upgrade', () => {
  const workflow = (version: string) => JOB(`    env:\n      NODE_VERSION: ${version}\n    steps:\n      - uses: actions/setup-node@v4\n        with:\n          node-version: \${{ env.NODE_VERSION }}\n      - run: npm publish\n`);
  const old = migrate(workflow('18'));
  const job = parse(old.after).jobs.publish;
  assert.equal(job.env.NODE_VERSION, 18, 'the env value stays: other steps may read it');
  assert.equal(job.steps[0].with['node-version'], 24);
  assert.equal(job.steps.length, 2, 'no npm upgrade: npm 11 on Node 18 does not run');
  assert.ok(old.changes.includes('job "publish": node-version 24 instead of ${{ env.NODE_VERSION }} (Node 18: npm 11, which trusted publishing needs, does not support it)'), old.changes.join('\n'));
  const twenty = parse(migrate(workflow('20')).after).jobs.publish;
  assert.equal(twenty.steps[0].with['node-version'], '${{ env.NODE_VERSION }}');
  assert.equal(twenty.steps[1].run, 'npm install -g npm@^11.5.1');
});

test('a one-value matrix on a Node npm 11 does not run on (16) goes to 24 instead of upgrading npm there', () => {
  const matrix = JOB(`    strategy:\n      matrix:\n        node: ['16']\n    steps:\n      - uses: actions/setup-node@v4\n        with:\n          node-version: \${{ matrix.node }}\n      - run: npm publish\n`);
  const result = migrate(matrix);
  const out = parse(result.after).jobs.publish;
  assert.deepEqual(out.strategy.matrix.node, ['24']);
  assert.equal(out.steps.length, 2, 'no npm upgrade: npm 11 on Node 16 fails to start');
  assert.match(result.after, /node: \['24'\]/);
});

test('a Node read from a version file that npm 11 does not run on (18) goes to 24; one it runs on (20) gets the npm upgrade', () => {
  const nvmrc = (version: string) => (path: string) => (path === '.nvmrc' ? `${version}\n` : undefined);
  const run = (src: string, version: string) => migrateWorkflow(src, '.github/workflows/release.yml', { pins, repo, readFile: nvmrc(version) });
  const file = JOB('    steps:\n      - uses: actions/setup-node@v4\n        with:\n          node-version-file: .nvmrc\n      - run: npm publish\n');
  const fromFile = parse(run(file, '18').after).jobs.publish.steps;
  assert.deepEqual(fromFile[0].with, { 'node-version': 24, 'package-manager-cache': false });
  assert.equal(fromFile.length, 2, 'no npm upgrade: npm 11 on Node 18 is outside its engines');
  assert.equal(parse(run(file, '20').after).jobs.publish.steps[1].run, 'npm install -g npm@^11.5.1');
  // The same file printed into a step output that node-version names.
  const output = JOB(`    steps:\n      - id: nvm\n        run: echo "NVMRC=$(cat .nvmrc)" >> $GITHUB_OUTPUT\n      - uses: actions/setup-node@v4\n        with:\n          node-version: '\${{ steps.nvm.outputs.NVMRC }}'\n      - run: npm publish\n`);
  const result = run(output, '18');
  assert.equal(parse(result.after).jobs.publish.steps[1].with['node-version'], '24');
  assert.equal(parse(result.after).jobs.publish.steps.length, 3);
  assert.match(result.after, /node-version: '24'/);
  assert.equal(parse(run(output, '22.14.0').after).jobs.publish.steps[1].with['node-version'], '${{ steps.nvm.outputs.NVMRC }}');
});

test('every setup-node of the publishing job is checked, not only the first', () => {
  const src = JOB('    steps:\n      - uses: actions/setup-node@v4\n        with:\n          node-version: 24\n      - uses: actions/setup-node@v4\n        with:\n          node-version: 18\n      - run: npm publish\n');
  const steps = parse(migrate(src).after).jobs.publish.steps;
  assert.deepEqual(steps.map((s: { with?: Record<string, unknown> }) => s.with?.['node-version']), [24, 24, undefined]);
});

test('release actions keep their major; a floating major is kept unless the pin is its newest release', () => {
  const uses = (ref: string) => JOB(`    steps:\n      - uses: ${ref}\n        with:\n          publish: npm run release\n        env:\n          NPM_TOKEN: \${{ secrets.NPM_TOKEN }}\n`);
  assert.match(migrate(uses('changesets/action@v1')).after, /changesets\/action@a45c4d594aa4e2c509dc14a9f2b3b67ba3780d0d # v1\.9\.0/);
  assert.match(migrate(uses('changesets/action@v2')).after, /# v2\.1\.1/);
  const rp = migrate(JOB('    steps:\n      - uses: googleapis/release-please-action@v4\n      - run: npm publish\n'));
  assert.match(rp.after, /release-please-action@v4\n/);
  assert.ok(rp.left.some((line) => /release-please-action@v4 kept/.test(line)), rp.left.join());
  const pnpm = migrate(JOB('    steps:\n      - uses: pnpm/action-setup@v4\n      - run: pnpm publish\n'));
  assert.match(pnpm.after, /pnpm\/action-setup@v4\n/, 'v4 means the newest v4.x: never pinned back to v4.0.0');
});

test('JS-DevTools/npm-publish moves to v4 without its token; Yarn 1 publishes with npm', () => {
  const action = migrate(JOB('    steps:\n      - uses: JS-DevTools/npm-publish@v1\n        with:\n          token: ${{ secrets.NPM_TOKEN }}\n          check-version: true\n'));
  assert.match(action.after, /JS-DevTools\/npm-publish@0fd2f4369c5d6bcfcde6091a7c527d810b9b5c3f # v4\.1\.5/);
  assert.doesNotMatch(action.after, /^\s+token:|check-version/m);
  assert.deepEqual(action.droppedSecrets, ['NPM_TOKEN']);
  const yarn = migrate(JOB('    steps:\n      - run: yarn publish --non-interactive --access public\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n'));
  assert.equal(parse(yarn.after).jobs.publish.steps.at(-1).run, 'npm publish --access public');
});

test('JS-DevTools/npm-publish v1 moved to v4 keeps the package lifecycle scripts and reads an empty type as no release', () => {
  const step = (pkg: string) => JOB(`    steps:\n      - id: publish\n        uses: JS-DevTools/npm-publish@v1\n        with:\n${pkg}          token: \${{ secrets.NPM_TOKEN }}\n      - if: steps.publish.outputs.type != 'none'\n        run: echo released\n`);
  const files: Record<string, object> = { 'tool/package.json': { scripts: { prepublishOnly: 'tsc' } }, 'package.json': { scripts: { test: 'jest' } } };
  const run = (pkg: string) => parse(migrateWorkflow(step(pkg), '.github/workflows/release.yml', { pins, repo, readFile: (p) => (files[p] ? JSON.stringify(files[p]) : undefined) }).after).jobs.publish.steps.slice(-2);
  const built = run('          package: ./tool/package.json\n');
  assert.equal(built[0].with['ignore-scripts'], false);
  assert.equal(built[1].if, "steps.publish.outputs.type != ''");
  assert.equal(run('')[0].with?.['ignore-scripts'], undefined, 'a package with no publish script keeps the safer default');
  assert.equal(run('          package: ${{ matrix.dir }}\n')[0].with['ignore-scripts'], false, 'a package it cannot read keeps what v1 did');
  assert.equal(run('          package: ./tool.tgz\n')[0].with?.['ignore-scripts'], undefined);
});

test('yarn publish that sets the version first becomes npm version, then npm publish (in the same command chain)', () => {
  const run = (script: string) => parse(migrate(JOB(`    steps:\n      - run: ${script}\n        env:\n          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}\n`)).after).jobs.publish.steps.at(-1).run;
  assert.equal(run('cd packages/a && yarn publish --new-version 1.2.3 --tag beta --non-interactive; echo done'), 'cd packages/a && npm version 1.2.3 --allow-same-version && npm publish --tag beta; echo done');
  assert.equal(run('yarn publish --minor --preid rc --no-git-tag-version --access public'), 'npm version minor --allow-same-version --preid rc --no-git-tag-version && npm publish --access public');
  assert.equal(run('yarn publish --new-version=2.0.0 dist'), 'npm version 2.0.0 --allow-same-version && npm publish dist');
});

test('a line whose yarn publish carries a second one along (a command substitution) is refused, not left running Yarn 1', () => {
  const job = (script: string) => JOB(`    steps:\n      - run: ${script}\n        env:\n          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}\n`);
  assert.throws(
    () => migrate(job('yarn publish --access public // for Yarn version 1, use `yarn publish` instead')),
    (e: Error) => e instanceof MigrateError && /holds a second `yarn publish` inside a command substitution.*Make that line one `npm publish`/.test(e.message),
  );
  assert.throws(() => migrate(job('yarn publish $(yarn publish --dry-run)')), (e: Error) => e instanceof MigrateError && /inside a command substitution/.test(e.message));
});

test('yarn npm publish on Yarn Berry before 4.10.3 becomes yarn pack, then npm publish of the tarball (the nearest packageManager decides); 4.10.3 is kept', () => {
  const job = (run: string) => JOB(`    steps:\n      - run: ${run}\n        working-directory: packages/snap\n        env:\n          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}\n`);
  const run = (files: Record<string, object>, command = 'yarn npm publish --access public') =>
    migrateWorkflow(job(command), '.github/workflows/release.yml', { pins, repo, readFile: (p) => (files[p] ? JSON.stringify(files[p]) : undefined) });
  const packed = run({ 'package.json': { packageManager: 'yarn@3.2.1' } });
  assert.equal(parse(packed.after).jobs.publish.steps.find((s: { run?: string }) => s.run?.includes('publish')).run, 'yarn pack --out package.tgz && npm publish package.tgz --access public');
  assert.doesNotMatch(packed.after, /NODE_AUTH_TOKEN/);
  assert.ok(packed.changes.some((c) => /yarn npm publish -> yarn pack, then npm publish of the tarball \(yarn@3\.2\.1/.test(c)), packed.changes.join('\n'));
  // Migrating the result again changes nothing more.
  assert.equal(migrateWorkflow(packed.after, '.github/workflows/release.yml', { pins, repo, readFile: () => JSON.stringify({ packageManager: 'yarn@3.2.1' }) }).after, packed.after);
  assert.match(run({ 'package.json': { packageManager: 'yarn@4.10.3' }, 'packages/snap/package.json': { packageManager: 'yarn@4.9.0' } }).after, /yarn pack --out package\.tgz && npm publish package\.tgz/);
  const kept = run({ 'package.json': { packageManager: 'yarn@4.10.3' } }).after;
  assert.match(kept, /run: yarn npm publish --access public/);
  assert.doesNotMatch(kept, /NODE_AUTH_TOKEN/);
  assert.match(run({ 'package.json': { packageManager: 'yarn@3.2.1' }, 'packages/snap/package.json': { packageManager: 'yarn@4.12.0' } }).after, /run: yarn npm publish --access public/);
  // No one tarball across workspaces, and no npm counterpart for --tolerate-republish: refused, with the reason.
  assert.throws(() => run({ 'package.json': { packageManager: 'yarn@3.2.1' } }, 'yarn workspaces foreach --no-private npm publish'), (e: Error) => e instanceof MigrateError && /yarn@3\.2\.1.*4\.10\.3; it runs across workspaces.*yarn set version stable/.test(e.message));
  assert.throws(() => run({ 'package.json': { packageManager: 'yarn@3.2.1' } }, 'yarn npm publish --tolerate-republish'), (e: Error) => e instanceof MigrateError && /npm publish has no --tolerate-republish/.test(e.message));
  // Run by a package.json script the step calls, which the migration does not rewrite: refused, not left unable to publish.
  const release = (packageManager: string) => ({ 'package.json': { packageManager, scripts: { release: 'yarn build && yarn npm publish --access public' } } });
  assert.throws(() => run(release('yarn@3.2.1'), 'yarn release'), (e: Error) => e instanceof MigrateError && /yarn@3\.2\.1.*4\.10\.3; it runs in a package\.json script the step calls/.test(e.message));
  assert.match(run(release('yarn@4.10.3'), 'yarn release').after, /run: yarn release\n/);
});

test('scope comments move with the scopes from the workflow block to the job block', () => {
  const src = `on: push
permissions:
  contents: write # tags and the GitHub release
  id-token: write # provenance
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - run: npx semantic-release
        env:
          NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
`;
  const { after } = migrate(src);
  assert.match(after, /^ {6}contents: write # tags and the GitHub release$/m);
  assert.match(after, /^ {6}id-token: write # provenance$/m);
  assert.match(after, /^permissions:\n {2}contents: read\n/m);
});

test('a comment on the line above a scope moves with it too', () => {
  const src = `on: workflow_dispatch
permissions:
  contents: read
  # provenance: ties the tarball to this run
  id-token: write
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - run: npm publish --provenance
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;
  const { after } = migrate(src);
  assert.match(after, /^ {6}# provenance: ties the tarball to this run\n {6}id-token: write/m);
});

test("a comment above the block's first scope moves with that scope", () => {
  const src = `on: workflow_dispatch
permissions:
  # actions: read lets the cancel-aware wrapper poll the run status.
  actions: read
  contents: write
  id-token: write
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - run: npm publish
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;
  const { after } = migrate(src);
  assert.match(after, /^ {6}# actions: read lets the cancel-aware wrapper poll the run status\.\n {6}actions: read$/m);
  assert.match(after, /^permissions:\n {2}contents: read\n/m);
});

test('folded scalars, flow sequences and trailing blank lines outside the edits stay as written', () => {
  const src = `on:
  push:
    branches: [main, 'release/*']
jobs:
  docs:
    if: >
      github.event_name == 'push' &&
      github.ref == 'refs/heads/main'
    runs-on: ubuntu-latest
    steps:
      - run: ./build-docs.sh
  publish:
    runs-on: ubuntu-latest
    steps:
      - run: npm publish
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}


`;
  const { after } = migrate(src);
  assert.match(after, /branches: \[main, 'release\/\*'\]\n/);
  assert.match(after, /if: >\n {6}github\.event_name == 'push' &&\n {6}github\.ref == 'refs\/heads\/main'\n/);
  assert.match(after, /- run: npm publish\n\n\n$/);
});

test('a local composite action that sets up Node: npm is upgraded after it only when its Node is old or unknown, and Node 24 follows it where npm 11 cannot run on its Node', () => {
  const action = `name: Setup
inputs:
  node-version:
    default: '18'
runs:
  using: composite
  steps:
    - uses: actions/setup-node@v4
      with:
        node-version: \${{ inputs.node-version }}
`;
  const readFile = (path: string) => (path === '.github/actions/setup/action.yml' ? action : undefined);
  const run = (steps: string) => {
    const after = parse(migrateWorkflow(JOB(`    steps:\n${steps}      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}\n`), '.github/workflows/release.yml', { pins, repo, readFile }).after);
    return (after.jobs.publish.steps as Array<{ uses?: string; run?: string; with?: Record<string, unknown> }>).map((s) => s.uses?.replace(/@.*/, '') ?? s.run);
  };
  const upgrade = 'npm install -g npm@^11.5.1';
  // The input's default, Node 18, which npm 11 does not run on (an upgrade would stop with EBADENGINE): Node 24 just before the publish.
  assert.deepEqual(run('      - uses: ./.github/actions/setup\n'), ['./.github/actions/setup', 'actions/setup-node', 'npm publish']);
  // Its Node 20 (the newest 20.x): the upgrade after the action.
  assert.deepEqual(run("      - uses: ./.github/actions/setup\n        with:\n          node-version: '20'\n"), ['./.github/actions/setup', upgrade, 'npm publish']);
  // The caller asks for Node 24: nothing to add, and no setup-node of our own either.
  assert.deepEqual(run("      - uses: ./.github/actions/setup\n        with:\n          node-version: '24'\n"), ['./.github/actions/setup', 'npm publish']);
  // The workflow's Node 24, then the action reinstalls Node 18: Node 24 again, after the action.
  assert.deepEqual(run("      - uses: actions/setup-node@v4\n        with:\n          node-version: 24\n      - uses: ./.github/actions/setup\n"), ['actions/setup-node', './.github/actions/setup', 'actions/setup-node', 'npm publish']);
});

test('lerna publish: lerna 9 or newer does the OIDC exchange itself; an older lerna is refused, an unknown one left for the user', () => {
  const src = JOB('    steps:\n      - run: npx lerna publish from-git --yes\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n');
  const migrate = (pkg: object | undefined) =>
    migrateWorkflow(src, '.github/workflows/release.yml', { pins, repo, readFile: (p) => (p === 'package.json' && pkg ? JSON.stringify(pkg) : undefined) });
  const left = (pkg: object | undefined) => migrate(pkg).left.filter((l) => /lerna/.test(l));
  assert.deepEqual(left({ devDependencies: { lerna: '^9.0.3' } }), []);
  assert.deepEqual(left({ devDependencies: { lerna: '10.0.1' } }), []);
  // An older lerna has no OIDC exchange: removing the token would leave a job that cannot publish.
  assert.throws(() => migrate({ devDependencies: { lerna: '^8.2.1' } }), (e: Error) => e instanceof MigrateError && /lerna \^8\.2\.1: .*only from 9\.0\.0 on.*Upgrade lerna to 9/.test(e.message));
  assert.throws(() => migrate({ devDependencies: { lerna: '^3.22.1' } }), (e: Error) => e instanceof MigrateError && /lerna \^3\.22\.1/.test(e.message));
  assert.match(left(undefined).join('\n'), /package\.json names no lerna version/);
  // Through a package.json script, one level.
  const viaScript = () =>
    migrateWorkflow(JOB('    steps:\n      - run: npm run release\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n'), '.github/workflows/release.yml', {
      pins,
      repo,
      publish: { scripts: { release: 'lerna publish from-package --yes' } },
      readFile: (p) => (p === 'package.json' ? JSON.stringify({ devDependencies: { lerna: '^6.6.2' } }) : undefined),
    });
  assert.throws(viaScript, (e: Error) => e instanceof MigrateError && /lerna \^6\.6\.2/.test(e.message));
});

test('an action handed the GITHUB_TOKEN keeps write access under the new read-only top level; setup actions do not get it', () => {
  const src = JOB(
    '    steps:\n      - uses: actions/checkout@v4\n        with:\n          token: ${{ github.token }}\n      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n' +
      '  readme:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: akhilmhdh/contributors-readme-action@v2.3.10\n        env:\n          GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n' +
      '  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          token: ${{ secrets.GITHUB_TOKEN }}\n',
  );
  const out = parse(migrate(src).after);
  assert.deepEqual(out.permissions, { contents: 'read' });
  assert.deepEqual(out.jobs.readme.permissions, { contents: 'write' });
  assert.equal(out.jobs.test.permissions, undefined);
  assert.deepEqual(out.jobs.publish.permissions, { contents: 'read', 'id-token': 'write' });
});

test('a step that only fails when the token is empty goes with the token; a test of another secret stays', () => {
  const guard = (name: string, secret: string) =>
    `      - name: Require ${secret}\n        env:\n          ${name}: \${{ secrets.${secret} }}\n        run: |\n          if [ -z "\${${name}}" ]; then\n            echo "::error::${secret} is missing"\n            exit 1\n          fi\n`;
  const src = JOB(`    steps:\n${guard('TOKEN', 'NPM_TOKEN')}${guard('SLACK_URL', 'SLACK_WEBHOOK')}      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}\n`);
  const { after, changes } = migrate(src);
  assert.deepEqual(parse(after).jobs.publish.steps.filter((s: { uses?: string }) => !s.uses).map((s: { name?: string; run: string }) => s.name ?? s.run), ['Require SLACK_WEBHOOK', 'npm publish']);
  assert.doesNotMatch(after, /NPM_TOKEN/);
  assert.ok(changes.some((c: string) => /removed the step that only checked the token was set \(TOKEN\)/.test(c)), changes.join('\n'));
});

test('a setup-node step named after the Node it set up is renamed with it; other names are kept', () => {
  const named = (name: string, v: string) => parse(migrate(JOB(`    steps:\n      - name: ${name}\n        uses: actions/setup-node@v4\n        with:\n          node-version: ${v}\n      - run: npm publish\n`)).after).jobs.publish.steps[0];
  assert.equal(named('Setup Node.js 12.x', '12.x').name, 'Setup Node.js 24');
  assert.equal(named('Use Node 16', '16').name, 'Use Node 24');
  assert.equal(named('Node v18', '18').name, 'Node v24');
  assert.equal(named('Node 20.x', '20').name, 'Node 24');
  assert.equal(named('Install Node (20)', '20').name, 'Install Node (24)');
  assert.equal(named('Setup node', '16').name, 'Setup node');
  assert.equal(named('Node 160 build', '16').name, 'Node 160 build');
  assert.equal(named('Node 16.20', '16').name, 'Node 16.20');
  assert.equal(named('Node 20', '20').with['node-version'], 24);
});

test('a trigger filter GitHub ignores: a plain misspelling (branch:, branch_ignore:) is renamed in place, or commented out where the rename would widen the trigger; any other key is refused with its name and line', () => {
  const job = `jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - run: npm publish
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;
  const push = migrate(`on:\n  push:\n    branch: [main]\n    tags: [v*]\n${job}`);
  assert.match(push.after, /^on:\n {2}push:\n {4}# branch: \[main\]\n {4}tags: \[v\*\]\n/);
  assert.ok(push.changes.includes('on.push: "branch" commented out: GitHub ignored it, so only tag pushes ran the workflow, and they still do'), push.changes.join('\n'));
  const pr = migrate(`on:\n  pull_request:\n    types: [closed]\n    branch_ignore: [wip]\n${job}`);
  assert.match(pr.after, /^ {4}branches-ignore: \[wip\]$/m);
  assert.throws(() => migrate(`on:\n  pull_request:\n    types: [closed]\n    base: [main]\n${job}`), /GitHub ignores "base" under "pull_request" \(line 4\), so the trigger/);
  assert.doesNotMatch(migrate(`on:\n  push:\n    branches: [main]\n    tags-ignore: [x]\n${job}`).after, /NPM_TOKEN/);
});

test('an _authToken line taken out of an if leaves a script bash still parses; a step left with only the test goes', async () => {
  const { execFileSync } = await import('node:child_process');
  const parses = (script: string) => execFileSync('bash', ['-n'], { input: script, stdio: ['pipe', 'pipe', 'pipe'] });
  const guarded = JOB(`    steps:
      - name: Configure the first-release token when present
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
        run: |
          if [ -n "\${NODE_AUTH_TOKEN:-}" ]; then
            npm config set //registry.npmjs.org/:_authToken "$NODE_AUTH_TOKEN" --location=user
          fi
      - run: npm publish
`);
  const steps = parse(migrate(guarded).after).jobs.publish.steps as Array<{ name?: string; run?: string }>;
  assert.ok(!steps.some((s) => s.name === 'Configure the first-release token when present'), JSON.stringify(steps));
  const branches = JOB(`    steps:
      - run: |
          if [ -n "$NPM_TOKEN" ]; then
            echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > ~/.npmrc
          else
            echo "publishing with OIDC"
          fi
          npm publish
        env:
          NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
`);
  const runs = (parse(migrate(branches).after).jobs.publish.steps as Array<{ run?: string }>).map((s) => s.run ?? '');
  assert.ok(runs.some((r) => r.includes('npm publish') && r.includes('publishing with OIDC')), runs.join('\n---\n'));
  for (const run of runs) assert.doesNotThrow(() => parses(run), run);
});

test('pnpm/action-setup given `version:` keeps its major (v4 refuses it beside packageManager); without it, it moves to the pinned v4', () => {
  const step = (extra: string) => JOB(`    steps:\n      - uses: pnpm/action-setup@v2.1.0\n${extra}      - run: pnpm publish\n        env:\n          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}\n`);
  const kept = migrate(step('        with:\n          version: 9\n'));
  const pnpmStep = (after: string) => (parse(after).jobs.publish.steps as Array<{ uses?: string }>).find((s) => s.uses?.startsWith('pnpm/'))!.uses;
  assert.equal(pnpmStep(kept.after), 'pnpm/action-setup@v2.1.0');
  assert.ok(kept.left.some((l) => /pnpm\/action-setup@v2\.1\.0 kept: no verified v2 pin/.test(l)), kept.left.join('\n'));
  assert.match(pnpmStep(migrate(step('')).after)!, /^pnpm\/action-setup@[0-9a-f]{40}$/);
});

test('a token only an install step of the publish job reads stays, named under "Left for you"', () => {
  const result = migrate(JOB(`    steps:
      - uses: actions/checkout@v4
      - run: |
          if [ -f yarn.lock ]; then
            yarn install --immutable
          else
            npm ci
          fi
        env:
          NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
      - run: npm publish
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`));
  assert.match(result.after, /NPM_TOKEN: \$\{\{ secrets\.NPM_TOKEN \}\}/);
  assert.doesNotMatch(result.after, /NODE_AUTH_TOKEN/);
  assert.ok(result.left.some((line) => /NPM_TOKEN.*install.*read-only/.test(line)), result.left.join('\n'));
});
