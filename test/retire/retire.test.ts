// The core with the prompts, the CLIs and the registry swapped: the order of the steps, the
// y/N per step, and that only the tokens picked in the checkbox are revoked.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { retire, type Actions, type RetireTargets } from '../../src/retire/index.js';
import type { ActionResult } from '../../src/trust/index.js';

const targets: RetireTargets = {
  packages: ['@acme/widget'],
  repo: 'acme/widget',
  secrets: [{ name: 'NPM_TOKEN', otherUses: [] }],
  leftovers: [],
};

/** A registry whose latest versions have (or lack) attestations. */
const registry = (attestations: boolean) => ({
  fetch: async () => new Response(JSON.stringify({ 'dist-tags': { latest: '1.0.0' }, versions: { '1.0.0': { dist: { ...(attestations ? { attestations: { url: 'x' } } : {}) } } } })),
});

function recording() {
  const calls: string[] = [];
  const ok = (id: string, status: ActionResult['status'] = 'done'): ActionResult => ({ id, status, command: id, detail: id });
  const actions: Actions = {
    disallowTokens: async (p) => (calls.push(`disallow ${p}`), ok(`disallow-tokens:${p}`, 'unverified')),
    deleteSecret: async (t) => (calls.push(`delete ${t.name}`), ok(`secret:${t.name}`)),
    listTokens: async () => (calls.push('list'), [{ id: 'a1b2c3', name: 'ci', readonly: false }, { id: 'f6e5d4', name: 'laptop', readonly: true }]),
    revokeToken: async (id) => (calls.push(`revoke ${id}`), ok(`revoke-token:${id}`)),
  };
  return { calls, actions };
}

function deps(answers: boolean[], picked: string[], actions: Actions, questions: string[] = []) {
  return {
    mode: 'ask' as const,
    confirm: async (q: string) => (questions.push(q), answers.shift() ?? false),
    pick: async () => (questions.push('pick'), picked),
    actions,
    out: () => {},
    warn: () => {},
  };
}

test('on a terminal: no to step a, yes to step b, and only the picked token is revoked, in that order', async () => {
  const { calls, actions } = recording();
  const questions: string[] = [];
  const report = await retire(targets, { registry: 'https://r', force: false, revoke: [], get: registry(true) }, deps([false, true], ['f6e5d4'], actions, questions));
  assert.deepEqual(calls, ['delete NPM_TOKEN', 'list', 'revoke f6e5d4']);
  assert.deepEqual(questions, ['Run it?', 'Run it?', 'pick'], 'the checkbox pick is the answer for tokens: no extra question');
  assert.deepEqual(report.items.map((i) => [i.id, i.status]), [['disallow-tokens:@acme/widget', 'skipped'], ['secret:NPM_TOKEN', 'done'], ['revoke-token:f6e5d4', 'done']]);
  assert.equal(report.items[0]!.detail, 'you said no');
});

test('nothing picked: nothing revoked; --revoke on a terminal is still asked', async () => {
  const none = recording();
  await retire(targets, { registry: 'https://r', force: false, revoke: [], get: registry(true) }, deps([true, true], [], none.actions));
  assert.ok(!none.calls.some((c) => c.startsWith('revoke')));
  const flagged = recording();
  const questions: string[] = [];
  const report = await retire(targets, { registry: 'https://r', force: false, revoke: ['a1b2c3'], get: registry(true) }, deps([true, true, false], [], flagged.actions, questions));
  assert.deepEqual(questions, ['Run it?', 'Run it?', 'Run it?']);
  assert.ok(!flagged.calls.some((c) => c.startsWith('revoke')));
  assert.equal(report.items.at(-1)!.status, 'skipped');
});

test('without proof nothing is asked or run; --force goes on and records what it let through', async () => {
  const { calls, actions } = recording();
  const questions: string[] = [];
  const stopped = await retire(targets, { registry: 'https://r', force: false, revoke: [], get: registry(false) }, deps([true, true], [], actions, questions));
  assert.equal(stopped.stopped, 'no-proof');
  assert.deepEqual([calls, questions, stopped.items], [[], [], []]);
  const forced = await retire(targets, { registry: 'https://r', force: true, revoke: [], get: registry(false) }, { ...deps([], [], actions), mode: 'yes' as const });
  assert.deepEqual(forced.forced, ['@acme/widget']);
  assert.deepEqual(calls, ['disallow @acme/widget', 'delete NPM_TOKEN', 'list']);
});
