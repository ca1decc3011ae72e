// The bundle renders templates precompiled at build time; the source compiles them at run
// time. Both must write the same bytes; a shipped template edited after the build is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { makePackageRepo } from '../helpers/repo.js';
import { runCli, ROOT } from '../helpers/cli.js';
import { renderWorkflow } from '../../src/render/workflow.js';
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

test('a shipped template changed after the build stops the run with a clear message', () => {
  const pkgDir = mkdtempSync(join(tmpdir(), 'ctp-installed-'));
  for (const part of ['bin', 'dist', 'templates', 'package.json']) cpSync(join(ROOT, part), join(pkgDir, part), { recursive: true });
  const header = join(pkgDir, 'templates/github/partials/header.hbs');
  writeFileSync(header, `# Edited after the build\n${readFileSync(header, 'utf8')}`);
  const repo = makePackageRepo({ pkg: { repository: 'github:acme/widget' } });
  try {
    const r = spawnSync(process.execPath, [join(pkgDir, 'bin/create-trusted-publish.js'), repo.dir, '--yes'], {
      encoding: 'utf8',
      env: { ...process.env, BROWSER: 'none', NO_COLOR: '1' },
    });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /templates\/github\/partials\/header\.hbs is not the template this copy of create-trusted-publish was built with/);
    assert.match(r.stderr, /Reinstall/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    assert.equal(repo.git('status', '--porcelain'), '', 'nothing written');
  } finally {
    repo.cleanup();
  }
});
