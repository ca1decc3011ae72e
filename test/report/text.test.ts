import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatChecklist } from '../../src/report/checklist.js';

test('prose wraps to the width; commands and URLs stay whole for copying', () => {
  const command = 'git add .github/workflows/publish.yml package.json && git commit -m "ci: publish to npm with trusted publishing" && git push';
  const text = formatChecklist(
    [{ id: 'a', title: 'Commit', detail: 'GitHub runs the workflow from the default branch: push it before the first release of the package.', command, url: 'https://github.com/acme/widget/settings/secrets/actions' }],
    new Set(['a']),
    50,
  );
  const lines = text.split('\n');
  assert.equal(lines[0], '[x] 1. Commit');
  for (const line of lines.slice(1, -2)) assert.ok(line.length <= 50, `"${line}" fits in 50 columns`);
  assert.ok(lines.includes(`       $ ${command}`));
  assert.equal(lines.at(-1), '       https://github.com/acme/widget/settings/secrets/actions');
});
