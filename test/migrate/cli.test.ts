// --migrate end to end through the built binary: diff first, consent before writing, a
// backup, and a doctor that is clean afterwards.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { fixtureFiles, fixtureRepo } from './fixtures.js';
import { makePackageRepo, makeRepo } from '../helpers/repo.js';
import { TAG_TOKEN_PUBLISH } from '../helpers/token-workflows.js';
import { WIDGET_LOCK } from '../helpers/widget-repo.js';

const WORKFLOW = '.github/workflows/release.yml';

test('--migrate --dry-run shows the diff and what is left, and writes nothing', (t) => {
  const repo = fixtureRepo('plain');
  t.after(() => repo.cleanup());
  const r = runCli([repo.dir, '--migrate', '--dry-run']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^-\s+NODE_AUTH_TOKEN: \$\{\{secrets\.npm_token\}\}$/m);
  assert.match(r.stdout, /^\+\s+id-token: write/m);
  assert.match(r.stdout, /removed NODE_AUTH_TOKEN \(secrets\.npm_token\)/);
  assert.match(r.stdout, /Dry run: nothing was written/);
  assert.match(r.stdout, /acme \/ widget \/ release\.yml \/ \(no environment\)/);
  assert.equal(repo.git('status', '--porcelain'), '');
});

test('without --force and without a terminal it refuses, exit 1, nothing written', (t) => {
  const repo = fixtureRepo('plain');
  t.after(() => repo.cleanup());
  const r = runCli([repo.dir, '--migrate', '--yes']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /--force/);
  assert.equal(repo.git('status', '--porcelain'), '');
});

test('--migrate release.yml --force writes atomically with a backup; doctor is clean afterwards', (t) => {
  const repo = fixtureRepo('plain');
  t.after(() => repo.cleanup());
  const before = runCli(['doctor', repo.dir, '--json']);
  assert.equal(before.code, 1);
  const r = runCli([repo.dir, '--migrate', 'release.yml', '--yes', '--force']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(readFileSync(join(repo.dir, `${WORKFLOW}.bak`), 'utf8'), fixtureFiles('plain')[WORKFLOW]);
  assert.doesNotMatch(readFileSync(join(repo.dir, WORKFLOW), 'utf8'), /NODE_AUTH_TOKEN/);
  const after = runCli(['doctor', repo.dir, '--json']);
  assert.equal(after.code, 0, after.stdout);
  assert.equal(JSON.parse(after.stdout).ok, true);
});

test('a reusable workflow is migrated with its caller, and npm is told the caller', (t) => {
  const repo = fixtureRepo('reusable');
  t.after(() => repo.cleanup());
  const r = runCli([repo.dir, '--migrate', '--yes', '--force']);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(existsSync(join(repo.dir, '.github/workflows/npm-publish.yml.bak')));
  assert.ok(existsSync(join(repo.dir, `${WORKFLOW}.bak`)));
  assert.match(r.stdout, /acme \/ widget \/ release\.yml \//);
  assert.equal(runCli(['doctor', repo.dir]).code, 0);
});

test('an unknown or non-publishing workflow is a clear failure', (t) => {
  const repo = fixtureRepo('reusable');
  t.after(() => repo.cleanup());
  const missing = runCli([repo.dir, '--migrate', 'nope.yml', '--dry-run']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /no workflow nope\.yml/);
  repo.write('.github/workflows/lint.yml', 'on: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm run lint\n');
  const lint = runCli([repo.dir, '--migrate', 'lint.yml', '--dry-run']);
  assert.equal(lint.code, 1);
  assert.match(lint.stderr, /does not publish/);
});

test('after a migration: the npmjs.com values for the migrated file and the retire-the-token checklist', (t) => {
  const repo = fixtureRepo('plain');
  t.after(() => repo.cleanup());
  const r = runCli([repo.dir, '--migrate', '--yes', '--force']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Workflow filename\s+release\.yml/);
  assert.match(r.stdout, /Environment name\s+\(leave empty\)/);
  assert.match(r.stdout, /\[ \] 1\. Commit and push the workflow/);
  assert.match(r.stdout, /\$ git add \.github\/workflows\/release\.yml && git commit/);
  assert.match(r.stdout, /\$ gh secret delete NPM_TOKEN --repo acme\/widget/i);
  assert.doesNotMatch(r.stdout, /Remove token env from other workflows/, 'the migrated file no longer hands npm a token');
});

test('two publishing workflows: npmjs.com values for each; a run that cannot finish writes nothing', () => {
  const workflow = 'on: push\njobs:\n  p:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n';
  const repo = makePackageRepo({ files: { '.github/workflows/release.yml': workflow, '.github/workflows/canary.yml': workflow } });
  try {
    const r = runCli([repo.dir, '--migrate', '--yes', '--force']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Workflow filename\s+release\.yml/);
    assert.match(r.stdout, /Workflow filename\s+canary\.yml/);
  } finally {
    repo.cleanup();
  }
  const noPackage = makeRepo({ remote: 'https://github.com/acme/widget.git', files: { 'package.json': { name: 'root', private: true }, '.github/workflows/release.yml': workflow } });
  try {
    const r = runCli([noPackage.dir, '--migrate', '--yes', '--force']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^Nothing was written: /);
    assert.equal(noPackage.git('status', '--porcelain'), '');
  } finally {
    noPackage.cleanup();
  }
});

test('a "repository" spelled with other letter case is named under "Left for you", never rewritten', (t) => {
  // npm compares repository.url letter by letter with the repository as GitHub spells it (E422),
  // and which spelling is GitHub's cannot be known offline: package.json keeps its spelling.
  const pkg = { name: '@acme/widget', version: '1.2.3', repository: { type: 'git', url: 'git+https://github.com/Acme/widget.git' } };
  const repo = makePackageRepo({ pkg, files: { [WORKFLOW]: TAG_TOKEN_PUBLISH } });
  t.after(() => repo.cleanup());
  const doctor = runCli(['doctor', repo.dir, '--json']);
  assert.ok(JSON.parse(doctor.stdout).findings.some((f: { id: string; file: string }) => f.id === 'repository-case' && f.file === 'package.json'), doctor.stdout);
  const r = runCli([repo.dir, '--migrate', '--yes', '--force']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout.replace(/\s+/g, ' '), /Left for you.*package\.json: @acme\/widget: "repository" spells the repository Acme\/widget, the git remote acme\/widget/);
  assert.equal(JSON.parse(readFileSync(join(repo.dir, 'package.json'), 'utf8')).repository.url, 'git+https://github.com/Acme/widget.git');
  assert.doesNotMatch(readFileSync(join(repo.dir, WORKFLOW), 'utf8'), /NODE_AUTH_TOKEN/);
});

test('GitLab: a publish job in an included file; npm is told the top-level CI file, which its ID token names', (t) => {
  const repo = makeRepo({
    remote: 'git@gitlab.com:acme/widget.git',
    files: {
      'package.json': { name: 'gitlab-included', version: '1.0.0', repository: { type: 'git', url: 'git+https://gitlab.com/acme/widget.git' } },
      '.gitlab-ci.yml': 'include:\n  - local: ci/release.yml\n',
      'ci/release.yml': "publish:\n  image: node:24\n  only:\n    - tags\n  script:\n    - echo '//registry.npmjs.org/:_authToken=${NPM_TOKEN}' > .npmrc\n    - npm publish\n",
    },
  });
  t.after(() => repo.cleanup());
  const r = runCli([repo.dir, '--migrate', '--yes', '--force']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /GitLab CI\/CD trusted publisher: project acme\/widget, CI file \.gitlab-ci\.yml,/);
  assert.doesNotMatch(r.stdout, /CI file ci\/release\.yml/);
});

test('--no-fix-repository: package.json stays as it is, and the "repository" npm will compare is named under "Left for you"', () => {
  const pkg = `{\n  "name": "widget",\n  "version": "1.0.0",\n  "repository": "github:someone/else"\n}\n`;
  const files = { 'package.json': pkg, 'package-lock.json': WIDGET_LOCK, [WORKFLOW]: TAG_TOKEN_PUBLISH };
  const kept = makeRepo({ remote: 'https://github.com/acme/widget.git', files });
  const fixed = makeRepo({ remote: 'https://github.com/acme/widget.git', files });
  try {
    const r = runCli([kept.dir, '--migrate', '--force', '--no-fix-repository']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(readFileSync(join(kept.dir, 'package.json'), 'utf8'), pkg);
    assert.equal(existsSync(join(kept.dir, 'package.json.bak')), false);
    assert.deepEqual(kept.git('diff', '--name-only').split('\n').filter(Boolean), [WORKFLOW]);
    const left = r.stdout.split('Left for you')[1] ?? '';
    assert.match(left.replace(/\s+/g, ' '), /package\.json: widget: "repository" points at github:someone\/else; npm rejects a trusted publish unless it matches https:\/\/github\.com\/acme\/widget \(E422\)\. Left as it is \(--no-fix-repository\)\./);
    // Without the flag the same run fixes it in the same write set.
    const f = runCli([fixed.dir, '--migrate', '--force']);
    assert.equal(f.code, 0, f.stderr);
    assert.match(readFileSync(join(fixed.dir, 'package.json'), 'utf8'), /acme\/widget/);
    assert.doesNotMatch(f.stdout, /--no-fix-repository/);
  } finally {
    kept.cleanup();
    fixed.cleanup();
  }
});

test('--packages names what the workflow publishes when the repository cannot say (a private app beside non-workspace packages)', (t) => {
  const files = {
    'package.json': { name: 'widget-site', version: '0.0.0', private: true },
    'packages/sdk/package.json': { name: '@acme/widget-sdk', version: '1.0.0', repository: { type: 'git', url: 'git+https://github.com/acme/widget.git' } },
    // The folder comes from a variable this tool cannot read (a literal folder would name the package).
    [WORKFLOW]: TAG_TOKEN_PUBLISH.replace('      - run: npm publish\n', '      - run: npm publish "packages/$PACKAGE"\n'),
  };
  const repo = makeRepo({ remote: 'https://github.com/acme/widget.git', files });
  t.after(() => repo.cleanup());
  const refused = runCli([repo.dir, '--migrate', '--yes', '--force']);
  assert.equal(refused.code, 1, refused.stdout);
  assert.match(refused.stderr, /Could not work out the packages to publish from this repository: pass --packages\./);
  assert.equal(repo.git('status', '--porcelain'), '');
  const r = runCli([repo.dir, '--migrate', '--yes', '--force', '--packages', '@acme/widget-sdk']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /https:\/\/www\.npmjs\.com\/package\/@acme\/widget-sdk\/access/);
  assert.doesNotMatch(readFileSync(join(repo.dir, WORKFLOW), 'utf8'), /NODE_AUTH_TOKEN/);
});

test('an action migrate keeps unpinned is named once under "Left for you": the finding, with why migrate kept it', (t) => {
  // A branch ref has no known commit to pin to; pnpm/action-setup@v4 floats past the one v4 commit the
  // pin data knows. Each used to be said twice: the doctor's finding and migrate's own line.
  const workflow = TAG_TOKEN_PUBLISH.replace('actions/checkout@v4', 'actions/checkout@master').replace(
    '      - run: npm ci\n',
    '      - uses: pnpm/action-setup@v4\n      - run: npm ci\n',
  );
  const repo = makePackageRepo({ pkg: { name: 'widget', version: '1.0.0', repository: 'github:acme/widget' }, files: { [WORKFLOW]: workflow } });
  t.after(() => repo.cleanup());
  const r = runCli([repo.dir, '--migrate', '--dry-run']);
  assert.equal(r.code, 0, r.stderr);
  const left = (r.stdout.split('Left for you')[1] ?? '').replace(/\s+/g, ' ');
  for (const uses of ['actions/checkout@master', 'pnpm/action-setup@v4']) {
    assert.equal(left.split(uses).length - 1, 1, `${uses} named more than once:\n${r.stdout}`);
  }
  assert.match(left, /pnpm\/action-setup@v4 is not pinned to a commit.*\(\.github\/workflows\/release\.yml:\d+\) → Migrate kept it: @v4 means the newest v4 release/);
  assert.match(left, /actions\/checkout@master is not pinned to a commit.*→ Pin to the full 40-character commit SHA/);
});
