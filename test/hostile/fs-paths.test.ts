// Issue 12, point 2: nothing is written through a path that resolves outside the repository
// (a symbolic link .github, .github/workflows, .circleci, a .bak name), for every provider.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectClean, run, scene, snapshot } from './harness.js';

const WF = '.github/workflows/publish.yml';
const GITLAB = 'publish:\n  stage: deploy\n  script:\n    - npm publish\n';
const ON_GITLAB = { remote: 'git@gitlab.com:acme/widget.git', pkg: { repository: 'git+https://gitlab.com/acme/widget.git' } };
const CIRCLECI = ['--provider', 'circleci', '--circleci-org-id', '00000000-0000-4000-8000-000000000001', '--circleci-project-id', '00000000-0000-4000-8000-000000000002', '--circleci-pipeline-id', '00000000-0000-4000-8000-000000000003'];

for (const flags of [['--yes'], ['--yes', '--force'], ['--dry-run']]) {
  test(`2. .github a symbolic link to a folder outside: nothing written there (${flags.join(' ')})`, () => {
    const s = scene();
    symlinkSync(s.outside, s.at('.github'));
    const before = snapshot(s.base);
    expectClean(s, before, run(s, flags), { code: 1, says: /\.github leads to .*outside.*, outside the repository/ });
    assert.ok(!existsSync(join(s.outside, 'workflows')));
    assert.ok(!existsSync(join(s.outside, 'dependabot.yml')));
    s.cleanup();
  });
}

for (const flags of [['--yes'], ['--yes', '--force']]) {
  test(`2. .github/workflows a symbolic link to a folder outside: nothing written (${flags.join(' ')})`, () => {
    const s = scene();
    mkdirSync(s.at('.github'));
    symlinkSync(s.outside, s.at('.github/workflows'));
    const before = snapshot(s.base);
    expectClean(s, before, run(s, flags), { code: 1, says: '.github/workflows leads to' });
    s.cleanup();
  });
}

test('2. .github/workflows a relative symbolic link that climbs out (../../outside) is refused', () => {
  const s = scene();
  mkdirSync(s.at('.github'));
  symlinkSync('../../outside', s.at('.github/workflows'));
  const before = snapshot(s.base);
  expectClean(s, before, run(s, ['--yes', '--force']), { code: 1, says: 'outside the repository' });
  s.cleanup();
});

test('2. a link .github/workflows whose target is missing outside is refused, no folder made there', () => {
  const s = scene();
  mkdirSync(s.at('.github'));
  symlinkSync(join(s.outside, 'new-dir'), s.at('.github/workflows'));
  const before = snapshot(s.base);
  const r = run(s, ['--yes']);
  assert.notEqual(r.code, 0);
  expectClean(s, before, r, { code: 1 });
  assert.ok(!existsSync(join(s.outside, 'new-dir')));
  s.cleanup();
});

test('2. .github/workflows a symbolic link to a folder inside the repository is written through', () => {
  const s = scene();
  mkdirSync(s.at('ci/workflows'), { recursive: true });
  mkdirSync(s.at('.github'));
  symlinkSync('../ci/workflows', s.at('.github/workflows'));
  const before = snapshot(s.base);
  expectClean(s, before, run(s, ['--yes']), { code: 0, changes: ['ci/workflows/publish.yml', '.github/dependabot.yml'] });
  assert.ok(lstatSync(s.at('ci/workflows/publish.yml')).isFile());
  s.cleanup();
});

test('2. the repository reached through a symbolic link (--dir) is written normally', () => {
  const s = scene();
  const link = join(s.base, 'link-to-repo');
  symlinkSync(s.repo, link);
  const before = snapshot(s.base);
  expectClean(s, before, run(s, ['--yes', link], { cwd: s.base }), { code: 0, changes: ['.github*'] });
  assert.ok(existsSync(s.at(WF)));
  s.cleanup();
});

test('2. dependabot.yml: .github a link outside is refused even when the workflow is already in place', () => {
  const s = scene();
  const first = run(s, ['--yes']);
  assert.equal(first.code, 0, first.stderr);
  // Move .github outside and link it back: the same files, now outside the repository.
  const moved = join(s.outside, 'gh');
  mkdirSync(moved);
  writeFileSync(join(moved, 'unrelated.txt'), 'x\n');
  mkdirSync(join(moved, 'workflows'));
  writeFileSync(join(moved, 'workflows/publish.yml'), readFileSync(s.at(WF)));
  rmSync(s.at('.github'), { recursive: true });
  symlinkSync(moved, s.at('.github'));
  const before = snapshot(s.base);
  expectClean(s, before, run(s, ['--yes', '--force']), { code: 1, says: 'dependabot.yml: .github leads to' });
  s.cleanup();
});

test('2. GitLab: .gitlab-ci.yml a symbolic link to a file outside is not written through', () => {
  const s = scene(ON_GITLAB);
  const real = join(s.outside, 'gitlab-ci.yml');
  writeFileSync(real, GITLAB);
  symlinkSync(real, s.at('.gitlab-ci.yml'));
  const before = snapshot(s.base);
  expectClean(s, before, run(s, ['--yes', '--provider', 'gitlab']), { code: 1, says: '.gitlab-ci.yml is a symbolic link' });
  s.cleanup();
});

test('2. GitLab with --force: the link .gitlab-ci.yml is replaced by a file, the file outside is untouched', () => {
  const s = scene(ON_GITLAB);
  const real = join(s.outside, 'gitlab-ci.yml');
  writeFileSync(real, GITLAB);
  symlinkSync(real, s.at('.gitlab-ci.yml'));
  const before = snapshot(s.base);
  const r = run(s, ['--yes', '--force', '--provider', 'gitlab']);
  expectClean(s, before, r, { code: 0, changes: ['.gitlab-ci.yml', '.gitlab-ci.yml.bak'] });
  assert.ok(lstatSync(s.at('.gitlab-ci.yml')).isFile());
  assert.equal(readFileSync(real, 'utf8'), GITLAB);
  s.cleanup();
});

test('2. CircleCI: .circleci a symbolic link to a folder outside is refused', () => {
  const s = scene();
  symlinkSync(s.outside, s.at('.circleci'));
  const before = snapshot(s.base);
  expectClean(s, before, run(s, ['--yes', '--force', ...CIRCLECI]), { code: 1, says: '.circleci leads to' });
  s.cleanup();
});

test('2. a link publish.yml.bak pointing outside is never written through when a backup is made', () => {
  const s = scene({ files: { [WF]: 'name: mine\non: push\njobs: {}\n' } });
  const target = join(s.outside, 'keep.txt');
  symlinkSync(target, s.at(`${WF}.bak`));
  const before = snapshot(s.base);
  expectClean(s, before, run(s, ['--yes', '--force']), { code: 0, changes: [WF, `${WF}.bak.2`, '.github/dependabot.yml'] });
  assert.equal(readFileSync(target, 'utf8'), 'outside the repository\n');
  s.cleanup();
});

test('2. --migrate: a workflow reached through a .github/workflows link outside is not edited', () => {
  const s = scene();
  const wf = 'name: Release\non: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n';
  writeFileSync(join(s.outside, 'release.yml'), wf);
  mkdirSync(s.at('.github'));
  symlinkSync(s.outside, s.at('.github/workflows'));
  const before = snapshot(s.base);
  const r = run(s, ['--migrate', 'release.yml', '--force']);
  expectClean(s, before, r, { code: 1, says: 'outside the repository' });
  s.cleanup();
});

test('2. a workspace package folder that is a link outside is not followed: nothing written there', () => {
  const s = scene({ pkg: { private: true, workspaces: ['packages/*'] } });
  mkdirSync(join(s.outside, 'a'));
  writeFileSync(join(s.outside, 'a/package.json'), JSON.stringify({ name: '@acme/a', version: '1.0.0', repository: 'github:someone/else' }, null, 2) + '\n');
  mkdirSync(s.at('packages'));
  symlinkSync(join(s.outside, 'a'), s.at('packages/a'));
  const before = snapshot(s.base);
  expectClean(s, before, run(s, ['--yes', '--force']), { code: 1, says: 'none of its workspace packages can be published' });
  assert.match(readFileSync(join(s.outside, 'a/package.json'), 'utf8'), /someone\/else/);
  s.cleanup();
});
