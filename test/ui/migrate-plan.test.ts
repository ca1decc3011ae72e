// The wizard's in-place plan lists under "Left for you" everything `--migrate` does: the
// workflow findings it leaves, outdated release tools, and the plan's own lines.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detect } from '../../src/detect/index.js';
import { migrationPlan } from '../../src/commands/create/ui/migrate-plan.js';
import { makePackageRepo } from '../helpers/repo.js';
import { TAG_TOKEN_PUBLISH } from '../helpers/token-workflows.js';

test('the wizard names what --migrate leaves: the plan\'s own lines and an outdated release tool', async (t) => {
  const pkg = {
    name: '@acme/widget',
    version: '1.2.3',
    repository: { type: 'git', url: 'git+https://github.com/Acme/widget.git' },
    devDependencies: { 'semantic-release': '^17.4.0' },
  };
  const repo = makePackageRepo({ pkg, files: { '.github/workflows/release.yml': TAG_TOKEN_PUBLISH } });
  t.after(() => repo.cleanup());
  const plan = migrationPlan(await detect(repo.dir), {});
  assert.ok(!('error' in plan), JSON.stringify(plan));
  const left = plan.notes.filter((n) => n.startsWith('Left for you: '));
  assert.ok(left.some((n) => /package\.json: @acme\/widget: "repository" spells the repository Acme\/widget/.test(n)), left.join('\n'));
  assert.ok(left.some((n) => /semantic-release/.test(n)), left.join('\n'));
});
