// The bundle renders templates precompiled at build time; the source compiles them at run
// time. Both must write the same bytes, and the bundle needs no template source.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { makePackageRepo } from '../helpers/repo.js';
import { runCli, ROOT } from '../helpers/cli.js';
import { renderWorkflow } from '../../src/providers/github/workflow.js';
import { PRECOMPILED_TEMPLATES } from '../../src/render/engine.js';

const WORKFLOW = '.github/workflows/publish.yml';

test('from source, templates are compiled at run time', () => {
  assert.equal(PRECOMPILED_TEMPLATES, false);
});

test('the bundle writes exactly what the source renders, for each trigger', () => {
  for (const trigger of ['release', 'tag', 'manual'] as const) {
    const repo = makePackageRepo({ pkg: { repository: 'github:acme/widget' } });
    try {
      const r = runCli([repo.dir, '--yes', '--trigger', trigger]);
      assert.equal(r.code, 0, r.stderr);
      const expected = renderWorkflow({
        repo: { owner: 'acme', name: 'widget' },
        trigger,
        environment: 'npm',
        node: '24',
        packageManager: 'npm',
        packageDir: '',
        packageName: '@acme/widget',
        hasBuild: true,
        hasTest: true,
      });
      assert.equal(readFileSync(join(repo.dir, WORKFLOW), 'utf8'), expected);
    } finally {
      repo.cleanup();
    }
  }
});

test('the published files alone run: no template source is read, the workflow is the source\'s', (t) => {
  // What npm installs: package.json's "files" and nothing else (test/pack.test.ts checks the list).
  const pkgDir = mkdtempSync(join(tmpdir(), 'ctp-installed-'));
  for (const part of ['bin', 'dist', 'package.json', 'templates/actions.json']) cpSync(join(ROOT, part), join(pkgDir, part), { recursive: true });
  const repo = makePackageRepo({ pkg: { repository: 'github:acme/widget' } });
  t.after(() => {
    repo.cleanup();
    rmSync(pkgDir, { recursive: true, force: true });
  });
  for (const args of [['--yes'], ['--yes', '--provider', 'gitlab', '--gitlab-project', 'acme/widget']]) {
    const r = spawnSync(process.execPath, [join(pkgDir, 'bin/create-trusted-publish.js'), repo.dir, ...args, '--dry-run'], {
      encoding: 'utf8',
      env: { ...process.env, BROWSER: 'none', NO_COLOR: '1' },
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, args.includes('gitlab') ? /id_tokens:/ : /id-token: write/);
  }
});
