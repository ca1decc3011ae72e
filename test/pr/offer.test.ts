// The wizard's "Open a pull request?" step (src/commands/create/pr-offer.ts), on what a finished wizard
// hands it: a real repository whose files were written by the plan, a bare origin, and the
// fake gh. The question is asked only when gh is on PATH; a yes proposes exactly those files.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { detect } from '../../src/detect/index.js';
import { applyChanges } from '../../src/apply/write.js';
import { planFor } from '../../src/commands/create/run.js';
import { resolveDefaults } from '../../src/questions/resolve.js';
import { runCommand } from '../../src/trust/exec.js';
import { ghOnPath, offerPullRequest } from '../../src/commands/create/pr-offer.js';
import { fakeGh } from '../helpers/fake-gh/index.js';
import { git, makeRepo } from '../helpers/repo.js';

const IDENTITY = { GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };

async function finishedWizard(edit?: (dir: string) => void) {
  const remote = join(mkdtempSync(join(tmpdir(), 'ctp-remote-')), 'widget.git');
  execFileSync('git', ['init', '-q', '--bare', '-b', 'main', remote]);
  const repo = makeRepo({ remote, files: { 'package.json': { name: '@acme/widget', version: '1.2.3', repository: 'github:acme/widget' } } });
  repo.git('push', '-q', 'origin', 'main');
  edit?.(repo.dir);
  const d = await detect(repo.dir);
  const plan = await planFor(d, resolveDefaults(d, { repo: 'acme/widget' }));
  const written = await applyChanges(plan.changes, { root: repo.dir, consent: false });
  return { repo, remote, d, plan, written };
}

function recorder() {
  const lines: string[] = [];
  return { io: { out: (t: string) => lines.push(t), err: (t: string) => lines.push(`ERR ${t}`) }, text: () => lines.join('\n') };
}

test('with gh on PATH and a yes: the written files as a pull request; the question names them', async (t) => {
  const w = await finishedWizard();
  const gh = fakeGh();
  const deps = { run: runCommand, env: { ...process.env, ...IDENTITY, ...gh.env } };
  const asked: string[] = [];
  const out = recorder();
  t.after(() => w.repo.cleanup());
  const code = await offerPullRequest(w.d, w.plan, w.written, out.io, async (q) => (asked.push(q), true), deps);
  assert.equal(code, 0, out.text());
  assert.deepEqual(asked, ['Open a pull request with these 2 files (branch trusted-publishing, pushed to origin)?']);
  assert.deepEqual(git(w.remote, 'diff-tree', '--no-commit-id', '--name-only', '-r', 'trusted-publishing').split('\n').sort(), ['.github/dependabot.yml', '.github/workflows/publish.yml']);
  assert.match(gh.prBody()!, /^- \[ \] \*\*1\. Merge this pull request\*\*$/m);
});

test('no gh on PATH: not asked, nothing run; a no: nothing done', async (t) => {
  const w = await finishedWizard();
  const gh = fakeGh();
  t.after(() => w.repo.cleanup());
  const bin = mkdtempSync(join(tmpdir(), 'ctp-nogh-'));
  assert.equal(ghOnPath({ PATH: bin }), false);
  assert.equal(ghOnPath(gh.env), true);
  let asked = 0;
  const ask = async () => (asked++, false);
  assert.equal(await offerPullRequest(w.d, w.plan, w.written, recorder().io, ask, { run: runCommand, env: { PATH: bin } }), undefined);
  assert.equal(asked, 0);
  assert.equal(await offerPullRequest(w.d, w.plan, w.written, recorder().io, ask, { run: runCommand, env: { ...process.env, ...gh.env } }), undefined);
  assert.equal(asked, 1);
  assert.deepEqual(gh.calls(), []);
  assert.equal(w.repo.git('branch', '--list', 'trusted-publishing'), '');
});

test('a written file that had edits of its own before the run: refused, no branch, the files stay written', async (t) => {
  const w = await finishedWizard((dir) => writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: '@acme/widget', version: '1.2.4', repository: 'github:acme/other' }, null, 2)));
  const gh = fakeGh();
  const out = recorder();
  t.after(() => w.repo.cleanup());
  assert.ok(w.written.some((r) => r.path === 'package.json' && r.kind === 'update'), 'the plan fixed package.json');
  const code = await offerPullRequest(w.d, w.plan, w.written, out.io, async () => true, { run: runCommand, env: { ...process.env, ...IDENTITY, ...gh.env } });
  assert.equal(code, 1);
  assert.match(out.text(), /ERR package\.json had changes of its own before this run/);
  assert.equal(w.repo.git('branch', '--list', 'trusted-publishing'), '');
  assert.ok(!gh.calls().some((c) => c[0] === 'pr'));
});
