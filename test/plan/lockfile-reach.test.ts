// The install step is a locked install only where a lockfile is in reach of the folder it runs
// in: real repositories in temp dirs, detected and planned as the binary does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parse } from 'yaml';
import { detect } from '../../src/detect/index.js';
import { makePlan } from '../../src/plan/index.js';
import { makeCiPlan } from '../../src/plan/ci.js';
import { resolveDefaults } from '../../src/questions/resolve.js';
import { renderer } from '../../src/providers/github/workflow.js';
import type { Answers } from '../../src/core/model.js';
import { makeRepo } from '../helpers/repo.js';

const LOCK = { lockfileVersion: 3, packages: {} };
const pkg = (name: string, extra: object = {}) => ({ name, version: '1.0.0', repository: 'github:acme/tools', ...extra });

async function planIn(files: Record<string, string | object>, sub: string, given: Partial<Answers> = {}) {
  const repo = makeRepo({ remote: 'git@github.com:acme/tools.git', files });
  try {
    const d = await detect(join(repo.dir, sub));
    const answers = { ...resolveDefaults(d, {}), ...given };
    return answers.provider === 'github' ? makePlan(d, answers, renderer) : makeCiPlan(d, answers);
  } finally {
    repo.cleanup();
  }
}

const runs = (after: string): string[] =>
  (parse(after).jobs.publish.steps as { run?: string }[]).map((s) => s.run ?? '').filter(Boolean);

test('a package in a subfolder with the lockfile at the root of a repository that is not a workspace: npm install, and a note', async () => {
  const p = await planIn({ 'package.json': pkg('root-tools', { private: true }), 'package-lock.json': LOCK, 'tools/cli/package.json': pkg('acme-cli') }, 'tools/cli');
  const steps = runs(p.changes[0]!.after);
  assert.ok(steps.includes('npm install'), steps.join('\n'));
  assert.ok(!steps.includes('npm ci'));
  assert.ok(p.notes.some((n) => /^No lockfile in tools\/cli: the job runs npm install; commit one there, then use npm ci\./.test(n)), p.notes.join('\n'));
});

test('a workspace member whose lockfile is at the workspace root: npm ci reaches it', async () => {
  const files = { 'package.json': pkg('root', { private: true, workspaces: ['packages/*'] }), 'package-lock.json': LOCK, 'packages/a/package.json': pkg('@acme/a') };
  const p = await planIn(files, 'packages/a');
  assert.ok(runs(p.changes[0]!.after).includes('npm ci'));
  assert.ok(!p.notes.some((n) => /^No lockfile/.test(n)));
});

test('no lockfile at all: npm install, and a note; with one: npm ci', async () => {
  const none = await planIn({ 'package.json': pkg('acme-cli') }, '');
  assert.ok(runs(none.changes[0]!.after).includes('npm install'));
  assert.ok(none.notes.some((n) => /^No lockfile in the repository root/.test(n)));
  const locked = await planIn({ 'package.json': pkg('acme-cli'), 'package-lock.json': LOCK }, '');
  assert.ok(runs(locked.changes[0]!.after).includes('npm ci'));
});

test('GitLab and CircleCI jobs of a subfolder package with a root lockfile: npm install, never npm ci', async () => {
  const files = { 'package.json': pkg('root-tools', { private: true }), 'package-lock.json': LOCK, 'tools/cli/package.json': pkg('acme-cli', { repository: 'https://gitlab.com/acme/tools' }) };
  const gitlab = await planIn(files, 'tools/cli', { provider: 'gitlab', gitlabProject: 'acme/tools', fixRepository: false });
  assert.match(gitlab.changes[0]!.after, /\n {4}- npm install # no lockfile here: commit one, then use npm ci\n/);
  assert.doesNotMatch(gitlab.changes[0]!.after, /- npm ci$/m);
  const circle = await planIn(files, 'tools/cli', {
    provider: 'circleci',
    circleciOrgId: '8f2b1c3d-0a4e-4b6f-9c7d-1e2f3a4b5c6d',
    circleciProjectId: '0c6e2a4b-7d1f-4e3a-9b8c-5d4e3f2a1b0c',
    circleciPipelineId: 'f1e2d3c4-b5a6-4978-8695-a4b3c2d1e0f9',
    vcsOrigin: 'github.com/acme/tools',
  });
  assert.match(circle.changes[0]!.after, /command: npm install # no lockfile here/);
  assert.doesNotMatch(circle.changes[0]!.after, /command: npm ci$/m);
  assert.ok(circle.notes.some((n) => /^No lockfile in tools\/cli/.test(n)));
});

test('GitLab with a CI file other than .gitlab-ci.yml: the checklist says to set the project\'s CI/CD configuration file', async () => {
  const files = { 'package.json': pkg('acme-cli', { repository: 'https://gitlab.com/acme/tools' }), 'package-lock.json': LOCK };
  const other = await planIn(files, '', { provider: 'gitlab', gitlabProject: 'acme/tools', ciFile: 'ci/release.yml' });
  const item = other.checklist.find((c) => c.id === 'ci-config-path');
  assert.equal(item?.title, 'Set the CI/CD configuration file to ci/release.yml');
  assert.match(item?.detail ?? '', /Settings → CI\/CD → General pipelines/);
  const usual = await planIn(files, '', { provider: 'gitlab', gitlabProject: 'acme/tools' });
  assert.ok(!usual.checklist.some((c) => c.id === 'ci-config-path'));
});
