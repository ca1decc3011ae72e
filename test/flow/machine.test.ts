// The create flow's state machine, without a terminal: every front-end drives these steps.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { initFlow, type FlowState } from '../../src/commands/create/flow/machine.js';
import { noticeOf } from '../../src/commands/create/ui/ink/notice.js';
import { freeWorkflowName } from '../../src/commands/create/flow/workflow-name.js';
import { questionFor, type AnyQuestion } from '../../src/questions/list.js';
import type { Plan } from '../../src/core/model.js';
import { answers, change, config, plan, run } from '../helpers/flow.js';

const asked = (s: FlowState): string | undefined => (s.step.kind === 'question' ? s.questions[s.step.index]?.id : undefined);

describe('wizard reducer', () => {
  it('starts at the first question and walks to the review; the answers are logged once the review is accepted', () => {
    let s = run(initFlow(config()), { type: 'answer', id: 'trigger', value: 'tag' }, { type: 'answer', id: 'environment', value: null });
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
    let s = run(initFlow(config()), { type: 'back' });
    assert.deepEqual(s.step, { kind: 'question', index: 0 }, 'nothing before the first question');
    s = run(s, { type: 'answer', id: 'trigger', value: 'tag' }, { type: 'back' });
    assert.deepEqual(s.step, { kind: 'question', index: 0 });
    assert.equal(s.answers.trigger, 'tag');
    s = run(s, { type: 'answer', id: 'trigger', value: 'manual' }, { type: 'answer', id: 'environment', value: 'prod' }, { type: 'back' });
    assert.deepEqual(s.step, { kind: 'question', index: 1 }, 'the review goes back to the last question');
  });

  it('review → pick an answer → change it → straight back to the review', () => {
    let s = run(initFlow(config()), { type: 'answer', id: 'trigger', value: 'tag' }, { type: 'answer', id: 'environment', value: 'npm' });
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
    let s = run(initFlow(config({ questions: [] })), { type: 'review', yes: true, plan: plan([change({})]) });
    s = run(s, { type: 'written', results: [{ path: 'x', kind: 'create' }] }, { type: 'open', yes: false }, { type: 'next' });
    assert.equal(s.step.kind, 'checklist');
    s = run(s, { type: 'toggle' }, { type: 'cancel' });
    assert.deepEqual(s.outcome, { kind: 'done', done: ['commit'] });
  });

  it('ignores a late key meant for the previous question', () => {
    const s = run(initFlow(config()), { type: 'answer', id: 'trigger', value: 'tag' }, { type: 'answer', id: 'trigger', value: 'manual' });
    assert.deepEqual(s.step, { kind: 'question', index: 1 });
    assert.equal(s.answers.trigger, 'tag');
  });

  it('asks before replacing; no keeps the file and re-asks the name with a free one', () => {
    const replaced = change({ kind: 'update', before: 'old\n', needsConsent: true });
    let s = run(initFlow(config()), { type: 'answer', id: 'trigger', value: 'release' }, { type: 'answer', id: 'environment', value: 'npm' });
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
    const forced = run(initFlow(config({ force: true, questions: [] })), { type: 'review', yes: true, plan: plan([replaced]) });
    assert.deepEqual(forced.step, { kind: 'writing', consent: true });
  });

  it('declining to replace a workflow that publishes goes back to the review, never to a second workflow', () => {
    const replaced = change({ kind: 'update', before: 'old\n', needsConsent: true });
    let s = run(initFlow(config({ publishingWorkflows: ['.github/workflows/publish.yml'] })), { type: 'answer', id: 'trigger', value: 'release' }, { type: 'answer', id: 'environment', value: 'npm' });
    s = run(s, { type: 'review', yes: true, plan: plan([replaced]) }, { type: 'replace', yes: false });
    assert.equal(s.step.kind, 'review');
    assert.match(noticeOf(s) ?? '', /publish\.yml stays as it is and nothing is written: a second workflow would publish the package twice\. Press c/);
    assert.equal(s.answers.workflow, 'publish.yml', 'the file name is not changed');
    assert.ok(!s.questions.some((q) => q.id === 'workflow'), 'no file-name question added');
    assert.equal(s.plan, undefined);
    assert.equal(run(s, { type: 'pick' }).step.kind, 'pick', 'an answer can be changed from there');
  });

  it('cannot be cancelled mid-write, and is after', () => {
    let s = run(initFlow(config({ questions: [] })), { type: 'review', yes: true, plan: plan([change({})]) });
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


describe('asking again', () => {
  const releaseQuestions = [questionFor('packages'), questionFor('release'), questionFor('trigger'), questionFor('environment')] as AnyQuestion[];

  it('a conflict goes back to the first question that decides it, says why, and asks the ones after it again', () => {
    let s = run(initFlow(config({ questions: releaseQuestions })), { type: 'answer', id: 'packages', value: ['@acme/a', '@acme/b'] });
    assert.equal(asked(s), 'release');
    s = run(s, { type: 'answer', id: 'release', value: 'semantic-release' });
    assert.equal(asked(s), 'environment', 'a release tool skips the trigger');
    s = run(s, { type: 'answer', id: 'environment', value: 'npm' });
    assert.equal(asked(s), 'packages', 'back to the first deciding question, not to the review');
    assert.match(s.step.kind === 'question' ? (s.step.conflict ?? '') : '', /semantic-release publishes one package per repository/);
    s = run(s, { type: 'answer', id: 'packages', value: ['@acme/a'] });
    assert.equal(asked(s), 'release', 'the questions after it are asked again');
    assert.equal(s.step.kind === 'question' && s.step.conflict, undefined, 'the reason is shown once');
    s = run(s, { type: 'answer', id: 'release', value: 'semantic-release' }, { type: 'answer', id: 'environment', value: 'npm' });
    assert.deepEqual(s.step, { kind: 'review' });
  });

  it('a conflict no pending question can change reaches the review: the drivers refuse it there', () => {
    const s = initFlow(config({ questions: [], answers: { ...answers, release: 'semantic-release', packages: ['@acme/a', '@acme/b'] } }));
    assert.deepEqual(s.step, { kind: 'review' });
  });

  it('going back skips a question that no longer applies', () => {
    let s = run(initFlow(config({ questions: releaseQuestions.slice(1) })), { type: 'answer', id: 'release', value: 'changesets' });
    assert.equal(asked(s), 'environment');
    s = run(s, { type: 'back' });
    assert.equal(asked(s), 'release', 'not the trigger, which a release tool does not ask');
    s = run(s, { type: 'answer', id: 'release', value: 'publish' });
    assert.equal(asked(s), 'trigger', 'a plain publish asks the trigger again');
  });

  it('a declined replace of a workflow that does not publish says which file it keeps, asks the name, and a name still in the way asks again', () => {
    const replaced = change({ kind: 'update', before: 'old\n', needsConsent: true });
    let s = run(initFlow(config({ questions: [questionFor('workflow')] as AnyQuestion[] })), { type: 'answer', id: 'workflow', value: 'publish.yml' });
    s = run(s, { type: 'review', yes: true, plan: plan([replaced]) }, { type: 'replace', yes: false });
    assert.equal(asked(s), 'workflow', 'the question already in the list, not a second one');
    assert.equal(s.questions.length, 1);
    assert.deepEqual(s.step.kind === 'question' && [s.step.kept, s.step.thenReview], [['.github/workflows/publish.yml'], true]);
    assert.deepEqual(s.log.map((l) => l.entry), [{ kind: 'note', text: 'Kept .github/workflows/publish.yml as it is.' }]);
    assert.match(noticeOf(s) ?? '', /^\.github\/workflows\/publish\.yml stays as it is\. Choose a new file name/, 'the wizard words it for its keys');
    s = run(s, { type: 'answer', id: 'workflow', value: 'publish.yml' }, { type: 'review', yes: true, plan: plan([replaced]) });
    assert.deepEqual(s.step, { kind: 'replace', paths: ['.github/workflows/publish.yml'] }, 'still in the way: the replace question again');
    s = run(s, { type: 'replace', yes: false }, { type: 'answer', id: 'workflow', value: 'npm-publish.yml' }, { type: 'review', yes: true, plan: plan([change({ path: '.github/workflows/npm-publish.yml' })]) });
    assert.deepEqual(s.step, { kind: 'writing', consent: false }, 'a free name is written without consent to replace anything');
  });

  it('after a declined replace of a publishing workflow, "again" asks every question from the first, then reviews', () => {
    const replaced = change({ kind: 'update', before: 'old\n', needsConsent: true });
    let s = run(initFlow(config({ publishingWorkflows: ['.github/workflows/publish.yml'] })), { type: 'answer', id: 'trigger', value: 'tag' }, { type: 'answer', id: 'environment', value: 'npm' });
    s = run(s, { type: 'review', yes: true, plan: plan([replaced]) }, { type: 'replace', yes: false });
    assert.deepEqual(s.step.kind === 'review' && s.step.kept, ['.github/workflows/publish.yml']);
    s = run(s, { type: 'again' });
    assert.deepEqual(s.step, { kind: 'question', index: 0 }, 'from the first question, each one leading to the next');
    assert.equal(s.answers.trigger, 'tag', 'the earlier answer is the default');
    s = run(s, { type: 'answer', id: 'trigger', value: 'release' });
    assert.equal(asked(s), 'environment');
    s = run(s, { type: 'answer', id: 'environment', value: 'npm' });
    assert.deepEqual(s.step, { kind: 'review' }, 'the kept file is no longer the reason');
    const none = run(initFlow(config({ questions: [] })), { type: 'again' });
    assert.deepEqual(none.step, { kind: 'review' }, 'nothing to ask again: the review stays');
  });
});

describe('after the write', () => {
  const publisher = (name: string) => ({ packageName: name, url: `https://www.npmjs.com/package/${name}/access`, provider: 'GitHub Actions', fields: [], allow: 'npm publish', trustCommand: null });
  const twoPackages = { ...plan([change({})]), publishers: [publisher('a'), publisher('b')] } as Plan;

  it('shows one publisher per package, then the checklist; the browser question comes first when offered', () => {
    let s = run(initFlow(config({ questions: [] })), { type: 'review', yes: true, plan: twoPackages }, { type: 'written', results: [{ path: 'x', kind: 'create' }] });
    assert.deepEqual(s.step, { kind: 'publisher', index: 0, open: 'ask' });
    assert.deepEqual(run(s, { type: 'next' }).step, s.step, 'not past an unanswered browser question');
    s = run(s, { type: 'open', yes: false }, { type: 'next' });
    assert.deepEqual(s.step, { kind: 'publisher', index: 1, open: 'ask' });
    s = run(s, { type: 'open', yes: false }, { type: 'next' });
    assert.deepEqual(s.step, { kind: 'checklist', cursor: 0, done: [] });
    const quiet = run(initFlow(config({ questions: [], offerOpen: false })), { type: 'review', yes: true, plan: twoPackages }, { type: 'written', results: [] }, { type: 'next' }, { type: 'next' });
    assert.equal(quiet.step.kind, 'checklist', 'no browser to offer: "next" alone walks the publishers');
  });

  it('a "no" at the review ends the flow with nothing planned to write', () => {
    const s = run(initFlow(config({ questions: [] })), { type: 'review', yes: false, plan: plan([change({})]) });
    assert.deepEqual(s.outcome, { kind: 'declined' });
    assert.equal(s.plan, undefined);
  });
});
