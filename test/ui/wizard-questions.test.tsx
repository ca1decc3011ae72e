// The first screen (drawn before Ink) and the Ink wizard's questions.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KEY } from '../helpers/ink.js';
import { PUBLISH, fixture, wizard } from './wizard-fixture.js';
import { foundText, promptText } from '../../src/commands/create/ui/first-screen.js';
import { honestFindings, questionCount } from '../../src/commands/create/ui/start-wizard.js';

describe('found screen', () => {
  it('shows what was detected, the problem it will fix, and what comes next', async () => {
    const d = await fixture();
    const frame = `${foundText(d, "1.0.0")}\n${promptText(questionCount(d, { given: {}, force: false }))}`;
    assert.match(frame, /Package\s+@acme\/widget@1\.2\.3/);
    assert.match(frame, /Repository\s+acme\/widget/);
    assert.match(frame, /Package manager\s+npm \(package-lock\.json\)/);
    assert.match(frame, /Tokens found\s+none/);
    assert.match(frame, /"repository" is missing/);
    assert.match(frame, /→ package\.json "repository" will be set to\s+git\+https:\/\/github\.com\/acme\/widget\.git/);
    assert.match(frame, /Next: 6 questions, each with a recommended answer/);
    assert.match(frame, /Enter continue · {2}Esc quit|Enter continue {2}· {2}Esc quit/);
  });
});

describe('questions', () => {
  it('asks only open questions, pre-filled, with a live preview that follows the arrows', async () => {
    const { screen } = wizard(await fixture(), { given: { node: '22', release: 'publish' } });
    let frame = await screen.waitFor('Question 1 of 4');
    assert.match(frame, /Publish when/);
    assert.match(frame, /What starts a publish/);
    assert.match(frame, /› A GitHub release is published {2}recommended/);
    frame = await screen.waitFor('types: [published]');
    assert.match(frame, /\.github\/workflows\/publish\.yml \(as it will be written\)/);

    await screen.press(KEY.down);
    frame = await screen.waitFor("tags: ['v*']");
    assert.match(frame, /› A v\* tag is pushed/);
    await screen.press(KEY.down, KEY.down);
    await screen.waitFor('› A GitHub release is published');
    await screen.press(KEY.up, KEY.enter);
    frame = await screen.waitFor('Question 2 of 4');
    assert.match(frame, /GitHub environment/);
    assert.match(frame, /› npm/);
    assert.doesNotMatch(frame, /Node\.js version in CI\n/, 'a question answered by a flag is not asked');
    await screen.press(KEY.shiftTab);
    frame = await screen.waitFor('Question 1 of 4');
    assert.match(frame, /› I start it by hand/, 'Shift-Tab goes back to the answer given');
  });

  it('shows a validation error inline and clears it once the value is fixed', async () => {
    const { screen } = wizard(await fixture(), { given: PUBLISH });
    await screen.waitFor('Question 1 of 5');
    await screen.press(KEY.enter);
    await screen.waitFor('Question 2 of 5');
    await screen.press(KEY.backspace, KEY.backspace, KEY.backspace);
    let frame = await screen.waitFor('(empty: no environment)');
    await screen.press('p', 'r', 'o', 'd', '$', KEY.enter);
    frame = await screen.waitFor('✖ Use letters, digits');
    assert.match(frame, /› prod\$/);
    assert.match(frame, /Question 2 of 5/, 'an invalid answer does not move on');
    await screen.press(KEY.backspace);
    await screen.waitFor((f) => !f.includes('✖'));
    await screen.waitFor('environment: "prod"'); // the preview follows the typing
    await screen.press(KEY.left, KEY.left, 'x', KEY.enter);
    await screen.waitFor('Question 3 of 5');
    await screen.press(KEY.shiftTab);
    frame = await screen.waitFor('Question 2 of 5');
    assert.match(frame, /› prxod/);
  });

  it('takes text typed ahead in one chunk, Enter included', async () => {
    const { screen } = wizard(await fixture(), { given: PUBLISH });
    await screen.waitFor('Question 1 of 5');
    await screen.press(KEY.enter);
    await screen.waitFor('Question 2 of 5');
    await screen.press('staging\r');
    await screen.waitFor('Question 3 of 5');
    await screen.press(KEY.shiftTab);
    const frame = await screen.waitFor('Question 2 of 5');
    assert.match(frame, /› staging/, 'the typed text replaced the pre-filled "npm" (no "npmstaging")');
  });

  it('y and n choose on a yes/no question, Enter answers, and the preview shows the package.json change', async () => {
    const { screen } = wizard(await fixture(), { given: PUBLISH });
    for (const n of [1, 2, 3, 4]) {
      await screen.waitFor(`Question ${n} of 5`);
      await screen.press(KEY.enter);
    }
    let frame = await screen.waitFor('Question 5 of 5');
    assert.match(frame, /Fix "repository" in package\.json\?/);
    frame = await screen.waitFor('+  "repository": {');
    await screen.press(KEY.right);
    frame = await screen.waitFor('npm will refuse the publish (E422)');
    assert.match(frame, /until it names acme\/widget\./);
    await screen.press('y');
    await screen.waitFor('+  "repository": {');
    await screen.press('n');
    frame = await screen.waitFor('npm will refuse the publish (E422)');
    assert.match(frame, /Question 5 of 5/, 'n alone does not answer');
    await screen.press(KEY.enter);
    frame = await screen.waitFor('Review');
    assert.match(frame, /! package\.json "repository" does not name acme\/widget/);
  });

  it('puts the preview beside the question on a wide terminal, and Tab hides it', async () => {
    const { screen } = wizard(await fixture(), { given: PUBLISH, size: { columns: 140, rows: 30 } });
    const frame = await screen.waitFor('types: [published]');
    const line = frame.split('\n').find((l) => l.includes('Question 1 of 5'));
    assert.ok(line?.includes('╭'), `question and preview share rows:\n${frame}`);
    await screen.press(KEY.tab);
    await screen.waitFor((f) => f.includes('Question 1 of 5') && !f.includes('as it will be written'));
  });
});

describe('found screen: the repository fix is promised only where it is made', () => {
  it('says "will be set" by default, "left as it is" with --no-fix-repository, nothing for CircleCI', async () => {
    const d = await fixture();
    const shown = (given: Parameters<typeof honestFindings>[1]['given'], inPlace = false) => foundText(honestFindings(d, { given }, inPlace), '1.0.0');
    assert.match(shown({}), /"repository" will be set to/);
    assert.match(shown({ fixRepository: false }), /Left as it is \(--no-fix-repository\): set "repository" to\s+git\+https:\/\/github\.com\/acme\/widget\.git by hand/);
    assert.doesNotMatch(shown({ fixRepository: false }), /will be set/);
    assert.doesNotMatch(shown({ provider: 'circleci' }), /"repository"/);
    // Fixing the workflow in place sets "repository" too (its review shows the package.json edit).
    assert.match(shown({}, true), /"repository" will be set to/);
    assert.match(shown({ fixRepository: false }, true), /"repository" will be set to/);
  });
});
