// The wizard's pure parts: line editing, the step reducer, the preview, the final print.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Key } from 'ink';
import { editText, textState } from '../../src/commands/create/ui/ink/input/text-edit.js';
import { clampOffset, wrapIndex } from '../../src/commands/create/ui/ink/input/list-nav.js';
import { initWizard, wizardReducer, type WizardConfig, type WizardState } from '../../src/commands/create/ui/ink/wizard-state.js';
import { previewFor } from '../../src/commands/create/ui/ink/preview.js';
import { afterWizard } from '../../src/commands/create/ui/ink/after.js';
import { freeWorkflowName } from '../../src/commands/create/ui/workflow-name.js';
import { questionFor, type AnyQuestion } from '../../src/questions/list.js';
import type { Answers, FileChange, Plan } from '../../src/core/model.js';

const key = (k: Partial<Key> = {}): Key =>
  ({ upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
    return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
    super: false, hyper: false, capsLock: false, numLock: false, ...k }) as Key;

describe('line editing', () => {
  it('inserts at the cursor, moves, deletes, and ignores keys that are not editing', () => {
    let s = textState('pubish.yml');
    s = editText(s, '', key({ home: true }))!;
    for (let i = 0; i < 3; i++) s = editText(s, '', key({ rightArrow: true }))!;
    s = editText(s, 'l', key())!;
    assert.deepEqual(s, { value: 'publish.yml', cursor: 4 });
    s = editText(s, '', key({ backspace: true }))!;
    assert.deepEqual(s, { value: 'pubish.yml', cursor: 3 });
    s = editText(s, '', key({ delete: true }))!;
    assert.equal(s.value, 'pubsh.yml');
    assert.equal(editText(s, '', key({ return: true })), undefined);
    assert.equal(editText(s, '', key({ escape: true })), undefined);
    assert.deepEqual(editText(textState('a b'), 'w', key({ ctrl: true })), { value: 'a ', cursor: 2 });
    assert.deepEqual(editText(textState('abc'), 'u', key({ ctrl: true })), { value: '', cursor: 0 });
  });

  it('keeps control characters out of pasted text', () => {
    assert.deepEqual(editText(textState(''), 'np\u0007m\t', key()), { value: 'npm', cursor: 3 });
  });
});

describe('list navigation', () => {
  it('wraps indexes and clamps offsets', () => {
    assert.equal(wrapIndex(0, -1, 3), 2);
    assert.equal(wrapIndex(2, 1, 3), 0);
    assert.equal(clampOffset(50, 52, 10), 42);
    assert.equal(clampOffset(-3, 52, 10), 0);
    assert.equal(clampOffset(5, 4, 10), 0);
  });
});

const answers = { provider: 'github', repo: 'acme/widget', workflow: 'publish.yml', trigger: 'release', environment: 'npm', node: '24', packageManager: 'npm', fixRepository: true } as Answers;
const change = (c: Partial<FileChange>): FileChange => ({ path: '.github/workflows/publish.yml', kind: 'create', after: 'x\n', reason: '', needsConsent: false, ...c });
const plan = (changes: FileChange[]): Plan => ({ answers, repo: { owner: 'acme', name: 'widget' }, changes, manual: [], publishers: [], checklist: [{ id: 'commit', title: 'Commit', detail: 'd' }], notes: [] });
const config = (c: Partial<WizardConfig> = {}): WizardConfig => ({
  questions: [questionFor('trigger'), questionFor('environment')] as AnyQuestion[],
  answers,
  force: false,
  offerOpen: true,
  existingWorkflows: ['publish.yml'],
  ...c,
});
const run = (state: WizardState, ...actions: Parameters<typeof wizardReducer>[1][]) => actions.reduce(wizardReducer, state);

describe('wizard reducer', () => {
  it('starts at the first question and walks to the review; the answers are logged once the review is accepted', () => {
    let s = run(initWizard(config()), { type: 'answer', id: 'trigger', value: 'tag' }, { type: 'answer', id: 'environment', value: null });
    assert.equal(s.step.kind, 'review');
    assert.equal(s.answers.trigger, 'tag');
    assert.equal(s.answers.environment, null);
    assert.deepEqual(s.log, [], 'answers can still change: nothing in the scrollback yet');
    s = run(s, { type: 'review', yes: true, plan: plan([change({})]) });
    assert.deepEqual(s.log.map((l) => l.entry), [
      { kind: 'answer', label: 'Publish when', value: 'A v* tag is pushed' },
      { kind: 'answer', label: 'GitHub environment', value: '(no environment)' },
    ]);
  });

  it('goes back: Shift-Tab to the previous question, from the review to the last one, keeping answers', () => {
    let s = run(initWizard(config()), { type: 'back' });
    assert.deepEqual(s.step, { kind: 'question', index: 0 }, 'nothing before the first question');
    s = run(s, { type: 'answer', id: 'trigger', value: 'tag' }, { type: 'back' });
    assert.deepEqual(s.step, { kind: 'question', index: 0 });
    assert.equal(s.answers.trigger, 'tag');
    s = run(s, { type: 'answer', id: 'trigger', value: 'manual' }, { type: 'answer', id: 'environment', value: 'prod' }, { type: 'back' });
    assert.deepEqual(s.step, { kind: 'question', index: 1 }, 'the review goes back to the last question');
  });

  it('review → pick an answer → change it → straight back to the review', () => {
    let s = run(initWizard(config()), { type: 'answer', id: 'trigger', value: 'tag' }, { type: 'answer', id: 'environment', value: 'npm' });
    s = run(s, { type: 'pick' });
    assert.equal(s.step.kind, 'pick');
    assert.equal(run(s, { type: 'back' }).step.kind, 'review');
    s = run(s, { type: 'edit', index: 0 });
    assert.deepEqual(s.step, { kind: 'question', index: 0, thenReview: true });
    assert.equal(run(s, { type: 'back' }).step.kind, 'review', 'back from the changed question is the review');
    s = run(s, { type: 'answer', id: 'trigger', value: 'release' });
    assert.equal(s.step.kind, 'review');
    assert.equal(s.answers.trigger, 'release');
    assert.equal(s.answers.environment, 'npm');
  });

  it('Esc on the checklist is leaving it, not cancelling: the ticks stay', () => {
    let s = run(initWizard(config({ questions: [] })), { type: 'review', yes: true, plan: plan([change({})]) });
    s = run(s, { type: 'written', results: [{ path: 'x', kind: 'create' }] }, { type: 'open', yes: false }, { type: 'next' });
    assert.equal(s.step.kind, 'checklist');
    s = run(s, { type: 'toggle' }, { type: 'cancel' });
    assert.deepEqual(s.outcome, { kind: 'done', done: ['commit'] });
  });

  it('ignores a late key meant for the previous question', () => {
    const s = run(initWizard(config()), { type: 'answer', id: 'trigger', value: 'tag' }, { type: 'answer', id: 'trigger', value: 'manual' });
    assert.deepEqual(s.step, { kind: 'question', index: 1 });
    assert.equal(s.answers.trigger, 'tag');
  });

  it('asks before replacing; no keeps the file and re-asks the name with a free one', () => {
    const replaced = change({ kind: 'update', before: 'old\n', needsConsent: true });
    let s = run(initWizard(config()), { type: 'answer', id: 'trigger', value: 'release' }, { type: 'answer', id: 'environment', value: 'npm' });
    s = run(s, { type: 'review', yes: true, plan: plan([replaced]) });
    assert.deepEqual(s.step, { kind: 'replace', paths: ['.github/workflows/publish.yml'] });
    const no = run(s, { type: 'replace', yes: false });
    assert.equal(no.step.kind, 'question');
    assert.equal(no.questions[no.step.kind === 'question' ? no.step.index : -1]?.id, 'workflow');
    assert.equal(no.answers.workflow, 'npm-publish.yml');
    assert.equal(no.plan, undefined);
    const back = run(no, { type: 'answer', id: 'workflow', value: 'npm-publish.yml' });
    assert.equal(back.step.kind, 'review', 'straight back to the review');
    assert.deepEqual(run(s, { type: 'replace', yes: true }).step, { kind: 'writing', consent: true });
    const forced = run(initWizard(config({ force: true, questions: [] })), { type: 'review', yes: true, plan: plan([replaced]) });
    assert.deepEqual(forced.step, { kind: 'writing', consent: true });
  });

  it('declining to replace a workflow that publishes goes back to the review, never to a second workflow', () => {
    const replaced = change({ kind: 'update', before: 'old\n', needsConsent: true });
    let s = run(initWizard(config({ publishingWorkflows: ['.github/workflows/publish.yml'] })), { type: 'answer', id: 'trigger', value: 'release' }, { type: 'answer', id: 'environment', value: 'npm' });
    s = run(s, { type: 'review', yes: true, plan: plan([replaced]) }, { type: 'replace', yes: false });
    assert.equal(s.step.kind, 'review');
    assert.match(s.step.kind === 'review' ? (s.step.notice ?? '') : '', /publish\.yml stays as it is and nothing is written: a second workflow would publish the package twice\. Press c/);
    assert.equal(s.answers.workflow, 'publish.yml', 'the file name is not changed');
    assert.ok(!s.questions.some((q) => q.id === 'workflow'), 'no file-name question added');
    assert.equal(s.plan, undefined);
    assert.equal(run(s, { type: 'pick' }).step.kind, 'pick', 'an answer can be changed from there');
  });

  it('cannot be cancelled mid-write, and is after', () => {
    let s = run(initWizard(config({ questions: [] })), { type: 'review', yes: true, plan: plan([change({})]) });
    assert.equal(run(s, { type: 'cancel' }).step.kind, 'writing');
    s = run(s, { type: 'written', results: [{ path: 'x', kind: 'create' }] }, { type: 'cancel' });
    assert.deepEqual(s.outcome, { kind: 'cancelled' });
    assert.ok(s.written);
  });
});

describe('free workflow name', () => {
  it('offers a name not taken', () => {
    assert.equal(freeWorkflowName(['publish.yml']), 'npm-publish.yml');
    assert.equal(freeWorkflowName(['npm-publish.yml', 'publish-npm.yml']), 'npm-publish-2.yml');
  });
});

describe('preview', () => {
  it('marks the lines the question changes', () => {
    const p = plan([change({ after: 'name: x\non:\n  release:\n    types: [published]\n\njobs:\n  publish:\n    runs-on: ubuntu-latest\n' })]);
    const trigger = previewFor(p, 'trigger');
    assert.deepEqual(trigger.lines.filter((l) => l.mark).map((l) => l.text), ['on:', '  release:', '    types: [published]']);
    assert.equal(trigger.focus, 1);
    const env = previewFor(p, 'environment');
    assert.deepEqual(env.lines.filter((l) => l.mark).map((l) => l.text.trim()), ['runs-on: ubuntu-latest'], 'where the environment would go');
  });
});

describe('after the wizard', () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) } };
  };
  const base = initWizard(config());

  it('prints the checklist with ticks and how to check later', async () => {
    const o = io();
    assert.equal(await afterWizard({ ...base, plan: plan([]), outcome: { kind: 'done', done: ['commit'] } }, o.io), 0);
    assert.match(o.out.join('\n'), /\[x\] 1\. Commit[\s\S]*again in this\s+folder/);
  });

  it('cancelled before writing: throws CancelledError (exit 130, "Nothing was written.")', async () => {
    await assert.rejects(afterWizard({ ...base, outcome: { kind: 'cancelled' } }, io().io), { name: 'CancelledError' });
  });

  it('cancelled after writing: says what was written, keeps what is left, exit 130', async () => {
    const o = io();
    const code = await afterWizard({ ...base, plan: plan([]), written: [{ path: 'a.yml', kind: 'create' }], outcome: { kind: 'cancelled' } }, o.io);
    assert.equal(code, 130);
    assert.match(o.err.join('\n'), /Stopped\. Already written:\n.*a\.yml/);
    assert.match(o.out.join('\n'), /Still to do[\s\S]*\[ \] 1\. Commit/);
  });
});
