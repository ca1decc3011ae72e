// Real-world token workflows, migrated: the diff matches the golden file, the doctor then
// reports no error or warning for them, actionlint reports nothing, and a second run changes nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { actionlint } from '../../src/audit/actionlint.js';
import { unifiedDiff } from '../../src/apply/diff.js';
import { detect } from '../../src/detect/index.js';
import { workflowDoctor } from '../../src/doctor/index.js';
import { planMigration, type MigrationPlan } from '../../src/migrate/index.js';
import type { Detected } from '../../src/core/model.js';
import { FIXTURES, fixtureRepo, golden, type FixtureName } from './fixtures.js';
import type { TempRepo } from '../helpers/repo.js';

/** Notes the doctor may still give after migrating (never errors or warnings). */
const INFO_LEFT: Record<FixtureName, string[]> = {
  plain: ['forced-provenance', 'no-environment'],
  matrix: ['no-environment'],
  pnpm: ['no-environment'],
  changesets: ['no-environment'],
  'semantic-release': ['no-environment'],
  reusable: ['no-environment', 'reusable-workflow'],
};

/** The workflow file npm must be told about. */
const TRUST_FILE: Record<FixtureName, string> = {
  plain: 'release.yml',
  matrix: 'ci.yml',
  pnpm: 'publish.yml',
  changesets: 'release.yml',
  'semantic-release': 'release.yml',
  reusable: 'release.yml',
};

for (const name of FIXTURES) {
  describe(`migrating the ${name} fixture`, () => {
    let repo: TempRepo;
    let d: Detected;
    let plan: MigrationPlan;
    before(async () => {
      repo = fixtureRepo(name);
      d = await detect(repo.dir);
      plan = planMigration(d);
    });
    after(() => repo.cleanup());

    test('is shown as the golden diff', () => {
      const diff = plan.changes.map((c) => unifiedDiff(c.before ?? '', c.after, c.path)).join('\n');
      assert.ok(plan.changes.some((c) => c.kind === 'update'), 'something changes');
      assert.equal(diff, golden(name, 'migrate.diff', diff));
    });

    test('before: the doctor reports the token; after: no error or warning', () => {
      const beforeIds = workflowDoctor(d.workflows, d.git.github).findings.filter((f) => f.level === 'error').map((f) => f.id);
      assert.ok(beforeIds.includes('use-trusted-publishing') || beforeIds.includes('reusable-caller-permissions'), beforeIds.join());
      const migrated = d.workflows.map((w) => ({ ...w, content: plan.changes.find((c) => c.path === w.path)?.after ?? w.content }));
      const left = workflowDoctor(migrated, d.git.github).findings;
      assert.deepEqual(left.filter((f) => f.level !== 'info').map((f) => `${f.id} ${f.file}:${f.line} ${f.message}`), []);
      assert.deepEqual([...new Set(left.map((f) => f.id))].sort(), INFO_LEFT[name]);
    });

    test('actionlint reports nothing for the migrated files', async () => {
      for (const c of plan.changes) assert.deepEqual(await actionlint(c.after, c.path), [], c.path);
    });

    test('no token variable is left on a publish step, and comments survive', () => {
      for (const c of plan.changes) {
        assert.doesNotMatch(c.after, /NODE_AUTH_TOKEN|NPM_TOKEN|_authToken|registry-url/, c.path);
        const comments = (c.before ?? '').split('\n').filter((line) => /^\s*#/.test(line));
        for (const comment of comments) assert.ok(c.after.includes(comment), `${c.path} keeps ${comment}`);
      }
    });

    test('names the workflow file npm must match', () => {
      assert.equal(plan.trustFile, TRUST_FILE[name]);
    });

    test('a second migration changes nothing', async () => {
      for (const c of plan.changes) repo.write(c.path, c.after);
      const again = planMigration(await detect(repo.dir));
      assert.deepEqual(again.changes.filter((c) => c.kind !== 'unchanged').map((c) => c.path), []);
    });
  });
}
