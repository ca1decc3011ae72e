import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse, parseDocument } from 'yaml';
import { makePlan } from '../../src/plan/index.js';
import { renderer } from '../../src/providers/github/workflow.js';
import { resolveDefaults } from '../../src/questions/resolve.js';
import { QUESTIONS, questionApplies } from '../../src/questions/list.js';
import type { Answers } from '../../src/core/model.js';
import { detected, packageInfo } from '../helpers/detected.js';

const defaults = (): Answers => resolveDefaults(detected(), {});

test('defaults: the package here, npm, publish on a release, environment npm, Node 24, publish.yml', () => {
  assert.deepEqual(defaults(), {
    provider: 'github',
    repo: 'acme/widget',
    packages: ['@acme/widget'],
    packageManager: 'npm',
    release: 'publish',
    trigger: 'release',
    environment: 'npm',
    workflow: 'publish.yml',
    node: '24',
    fixRepository: true,
  });
});

test('the plan writes one workflow and gives the exact npmjs.com values in form order', () => {
  const plan = makePlan(detected(), defaults(), renderer);
  assert.deepEqual(plan.changes.map((c) => [c.path, c.kind]), [
    ['.github/workflows/publish.yml', 'create'],
    ['.github/dependabot.yml', 'create'],
  ]);
  const [p] = plan.publishers;
  assert.equal(p?.url, 'https://www.npmjs.com/package/@acme/widget/access');
  assert.deepEqual(p?.fields.map((f) => [f.label, f.value]), [
    ['Publisher', 'GitHub Actions'],
    ['Organization or user', 'acme'],
    ['Repository', 'widget'],
    ['Workflow filename', 'publish.yml'],
    ['Environment name', 'npm'],
    ['Allowed actions', 'Allow npm publish'],
  ]);
  assert.equal(p?.trustCommand, 'npm trust github @acme/widget --file publish.yml --repo acme/widget --env npm --allow-publish');
});

test('the checklist goes in an order that cannot lock the user out', () => {
  const plan = makePlan(
    detected({
      workflows: [
        { path: '.github/workflows/old.yml', fileName: 'old.yml', content: '', publishes: true, tokenUses: [{ file: '.github/workflows/old.yml', line: 9, what: 'NODE_AUTH_TOKEN', secret: 'NPM_PUBLISH' }] },
      ],
    }),
    defaults(),
    renderer,
  );
  const ids = plan.checklist.map((c) => c.id);
  assert.deepEqual(ids, ['commit', 'publisher:@acme/widget', 'environment', 'publish', 'provenance', 'disallow-tokens', 'revoke-token', 'secret:NPM_PUBLISH', 'token-env']);
  assert.equal(plan.checklist.find((c) => c.id === 'secret:NPM_PUBLISH')?.command, 'gh secret delete NPM_PUBLISH --repo acme/widget');
  assert.match(plan.checklist.at(-1)?.detail ?? '', /old\.yml:9 NODE_AUTH_TOKEN/);
  assert.ok(plan.notes.some((n) => n.includes('old.yml also publishes')));
});

test('an identical existing workflow is unchanged; a different one needs consent', () => {
  const first = makePlan(detected(), defaults(), renderer);
  const content = first.changes[0]!.after;
  const same = makePlan(detected({ workflows: [{ path: '.github/workflows/publish.yml', fileName: 'publish.yml', content, publishes: true, tokenUses: [] }] }), defaults(), renderer);
  assert.equal(same.changes[0]?.kind, 'unchanged');
  const other = makePlan(detected({ workflows: [{ path: '.github/workflows/publish.yml', fileName: 'publish.yml', content: 'x: 1\n', publishes: false, tokenUses: [] }] }), defaults(), renderer);
  assert.equal(other.changes[0]?.kind, 'update');
  assert.equal(other.changes[0]?.needsConsent, true);
});

test('a subfolder package gets repository.directory and a working-directory', () => {
  const d = detected({
    pkg: packageInfo({ name: 'widget', version: '1.0.0' }, 'packages/widget'),
    git: { ...detected().git, prefix: 'packages/widget' },
    repositoryMismatches: [{ file: 'packages/widget/package.json', url: 'git+https://github.com/acme/widget.git' }],
  });
  const plan = makePlan(d, resolveDefaults(d, {}), renderer);
  const manifest = plan.changes.find((c) => c.path === 'packages/widget/package.json');
  assert.deepEqual(JSON.parse(manifest!.after).repository, { type: 'git', url: 'git+https://github.com/acme/widget.git', directory: 'packages/widget' });
  assert.match(plan.changes[0]!.after, /working-directory: "?packages\/widget"?/);
});

// Every free-text answer, hostile or not: either validation refuses it, or the workflow
// keeps its structure and carries the value as data.
test('hostile answers either fail validation or stay data in the YAML', () => {
  const hostile = fc.oneof(
    { arbitrary: fc.stringMatching(/^[A-Za-z0-9._ \/-]{1,24}$/), weight: 4 },
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.constantFrom('npm\nfoo: bar', '${{ secrets.NPM_TOKEN }}', "it's", '"q"', 'a: b', 'x # y', '- item', '{a: 1}', '[1]', '&a', '*a', '!!str', 'naïve env', '环境', '🚀', 'prod\u2028x', 'a\u0000b', ' lead', 'acme/widget\n', '24\nx: y'),
  );
  // The text questions of a GitHub workflow (the GitLab and CircleCI ones have their own property tests).
  const textQuestions = QUESTIONS.filter((q) => q.kind === 'text' && questionApplies(q, { provider: 'github' }));
  let accepted = 0;
  const base = makePlan(detected(), defaults(), renderer).changes[0]!.after;
  const baseDoc = parse(base);
  fc.assert(
    fc.property(fc.constantFrom(...textQuestions), hostile, (q, input) => {
      const parsed = q.parse(input);
      if (!parsed.ok) {
        assert.ok(parsed.reason.length > 0);
        return;
      }
      accepted++;
      const answers = { ...defaults(), [q.id]: parsed.value } as Answers;
      const text = makePlan(detected(), answers, renderer).changes[0]!.after;
      const doc = parseDocument(text, { uniqueKeys: true });
      assert.deepEqual(doc.errors, []);
      const data = doc.toJS();
      assert.deepEqual(Object.keys(data), Object.keys(baseDoc));
      assert.deepEqual(Object.keys(data.jobs), ['publish']);
      // A Node line whose npm is too old for OIDC (e.g. `22`) adds the one "Upgrade npm" step.
      const upgrades = (data.jobs.publish.steps as Array<{ name?: string }>).filter((s) => s.name === 'Upgrade npm').length;
      assert.ok(upgrades === 0 || q.id === 'node', `only the Node answer may add "Upgrade npm" (${q.id})`);
      assert.equal(data.jobs.publish.steps.length - upgrades, baseDoc.jobs.publish.steps.length);
      if (q.id === 'environment' && parsed.value !== null) assert.equal(data.jobs.publish.environment, parsed.value);
      // No expression other than the template's own.
      const expressions = text.match(/\$\{\{[^}]*\}\}/g) ?? [];
      assert.deepEqual(expressions, base.match(/\$\{\{[^}]*\}\}/g) ?? []);
    }),
    { numRuns: 3000 },
  );
  assert.ok(accepted > 150, `only ${accepted} accepted values were exercised`);
});

test('Dependabot keeps the pins fresh: created when missing, a note when its config lacks github-actions, nothing when present', () => {
  const created = makePlan(detected(), defaults(), renderer).changes.find((c) => c.path === '.github/dependabot.yml');
  assert.ok(created);
  const config = parse(created.after);
  assert.deepEqual(config.updates.map((u: { 'package-ecosystem': string }) => u['package-ecosystem']), ['github-actions']);

  const npmOnly = 'version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n    schedule:\n      interval: daily\n';
  const noted = makePlan(detected({ dependabot: { path: '.github/dependabot.yml', content: npmOnly } }), defaults(), renderer);
  assert.ok(!noted.changes.some((c) => c.path === '.github/dependabot.yml'), 'the user\'s file is not edited');
  assert.ok(noted.notes.some((n) => n.includes('no github-actions entry') && n.includes('package-ecosystem: github-actions')));

  const withActions = npmOnly + '  - package-ecosystem: "github-actions"\n    directory: /\n    schedule:\n      interval: weekly\n';
  const quiet = makePlan(detected({ dependabot: { path: '.github/dependabot.yml', content: withActions } }), defaults(), renderer);
  assert.ok(!quiet.changes.some((c) => c.path === '.github/dependabot.yml'));
  assert.ok(!quiet.notes.some((n) => n.includes('dependabot')));
});
