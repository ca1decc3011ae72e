// The Ink wizard: review, replacing a workflow, npmjs.com, the checklist, cancelling.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HAND_WRITTEN, KEY, renderScreen } from '../helpers/ink.js';
import { PUBLISH, fixture, toReview, wizard } from './wizard-fixture.js';

describe('review, npmjs.com and checklist', () => {
  it('Enter on every screen writes the recommended setup and finishes', async () => {
    const detected = await fixture();
    const { screen, effects, result } = wizard(detected);
    let frame = await toReview(screen, 6);
    assert.match(frame, /create {2}\.github\/workflows\/publish\.yml/);
    assert.match(frame, /edit {4}package\.json/);
    assert.match(frame, /\+ {2}"repository": \{/, 'the package.json diff comes first');
    assert.match(frame, /Write these files\? +› +Yes +No/);
    await screen.press(KEY.enter);

    await screen.waitFor('Open the npm settings page?');
    // The values are printed above the live frame, once, as plain text.
    frame = await screen.printed('Select your publisher');
    assert.equal(effects.writes.length, 1);
    assert.equal(effects.writes[0]?.consent, false);
    assert.deepEqual(effects.writes[0]?.changes.map((c) => c.path), ['.github/workflows/publish.yml', 'package.json', '.github/dependabot.yml']);
    assert.match(frame, /✔ Created \.github\/workflows\/publish\.yml/);
    assert.match(frame, /https:\/\/www\.npmjs\.com\/package\/@acme\/widget\/access/);
    const order = ['Publisher', 'Organization or user', 'Repository', 'Workflow filename', 'Environment name', 'Allowed actions'];
    const values = frame.slice(frame.indexOf('On npmjs.com'));
    const at = order.map((label) => values.search(new RegExp(`^ {4}${label} +`, 'm')));
    assert.ok(at.every((i, k) => i >= 0 && (k === 0 || i > at[k - 1]!)), `fields in form order:\n${frame}`);
    assert.match(frame, /Organization or user +acme +case-sensitive/);
    assert.match(frame, /Workflow filename +publish\.yml/);
    assert.match(frame, /Environment name +npm/);
    assert.match(frame, /☐ Allow npm publish\s+← tick it/);
    assert.match(frame, /^https:\/\/www\.npmjs\.com\/package\/@acme\/widget\/access$/m, 'the URL on a line of its own');
    assert.match(frame, /^ {4}npm trust github @acme\/widget --file publish\.yml --repo acme\/widget --env npm --allow-publish$/m, 'the command whole on one line');

    await screen.press(KEY.enter);
    frame = await screen.waitFor('in your browser.');
    assert.deepEqual(effects.opened, ['https://www.npmjs.com/package/@acme/widget/access']);
    await screen.press(KEY.enter);
    frame = await screen.waitFor('Then retire the token');
    assert.match(frame, /› \[ \] 1\. Commit and push the workflow/);
    assert.match(frame, /\$ git add \.github\/workflows\/publish\.yml package\.json/);
    const lines = frame.split('\n');
    const command = lines.slice(lines.findIndex((l) => l.includes('$ git add')));
    const end = command.findIndex((l) => /git push$/.test(l));
    assert.ok(end >= 0, frame);
    // Broken only between words, each line but the last ending in a backslash.
    for (const line of command.slice(0, end)) assert.match(line, / \\$/, `a command line that does not end in a backslash: ${line}`);
    await screen.press(KEY.space);
    await screen.waitFor('› [x] 1.');
    await screen.press(KEY.down, KEY.down, KEY.space, KEY.up);
    frame = await screen.waitFor(/› \[ \] 2\./);
    assert.match(frame, /\[x\] 3\./);
    await screen.press(KEY.enter);
    const state = await result();
    assert.deepEqual(state.outcome, { kind: 'done', done: ['commit', 'environment'] });
  });

  it('does not offer the browser with --no-open, and shows the URL', async () => {
    const { screen, effects } = wizard(await fixture(), { offerOpen: false, given: PUBLISH });
    await toReview(screen, 5);
    await screen.press(KEY.enter);
    const frame = await screen.waitFor('is saved on npmjs.com');
    assert.doesNotMatch(frame, /Open the npm settings page/);
    assert.match(await screen.printed('/access'), /^https:\/\/www\.npmjs\.com\/package\/@acme\/widget\/access$/m);
    assert.deepEqual(effects.opened, []);
  });

  it('declining the write writes nothing', async () => {
    const { screen, effects, result } = wizard(await fixture(), { given: PUBLISH });
    await toReview(screen, 5);
    await screen.press('n');
    await screen.waitFor(/› +Yes +No/);
    assert.equal((await screen.frame()).includes('Write these files?'), true, 'n alone only chooses No');
    await screen.press(KEY.enter);
    assert.deepEqual((await result()).outcome, { kind: 'declined' });
    assert.equal(effects.writes.length, 0);
  });
});

describe('an existing, different workflow', () => {
  const files = { '.github/workflows/publish.yml': HAND_WRITTEN };
  const pkg = { repository: { type: 'git', url: 'git+https://github.com/acme/widget.git' } };

  it('asks separately before replacing, default no; no keeps it and goes back to the review (it publishes: a second file would publish twice)', async () => {
    const { screen, effects } = wizard(await fixture({ files, pkg }), { given: PUBLISH });
    let frame = await toReview(screen, 4);
    assert.match(frame, /replace \.github\/workflows\/publish\.yml/);
    assert.match(frame, /-name: Release/);
    await screen.press(KEY.enter);
    frame = await screen.waitFor('Replace .github/workflows/publish.yml? A backup is kept.');
    assert.match(frame, /Replace .*\? A backup is kept\. +› +Yes +No/);
    assert.match(frame, /No: it stays as it is, nothing is written, and you are back at the review/);
    await screen.press(KEY.enter);
    frame = await screen.waitFor((f) => f.includes('stays as it is and nothing is written') && f.includes('Write these files?'));
    assert.doesNotMatch(frame, /npm-publish\.yml|Choose a new file name/);
    await screen.press('n');
    await screen.press(KEY.enter);
    assert.deepEqual(effects.writes, []);
  });

  it('yes replaces it with consent (a backup is kept)', async () => {
    const { screen, effects } = wizard(await fixture({ files, pkg }), { given: PUBLISH });
    await toReview(screen, 4);
    await screen.press(KEY.enter);
    await screen.waitFor('A backup is kept.');
    await screen.press('y', KEY.enter);
    const frame = await screen.waitFor('Open the npm settings page?');
    assert.match(frame, /Replaced \.github\/workflows\/publish\.yml \(previous version kept as/);
    assert.equal(effects.writes[0]?.consent, true);
  });

  it('--force counts as consent: no second question', async () => {
    const { screen, effects } = wizard(await fixture({ files, pkg }), { force: true, given: PUBLISH });
    await toReview(screen, 4);
    await screen.press(KEY.enter);
    await screen.waitFor('Open the npm settings page?');
    assert.equal(effects.writes[0]?.consent, true);
  });
});

describe('cancel', () => {
  for (const [name, key] of [['Esc', KEY.esc], ['Ctrl-C', KEY.ctrlC]] as const) {
    it(`${name} on a question ends with nothing written`, async () => {
      const { screen, effects, result } = wizard(await fixture());
      await screen.waitFor('Question 1 of 6');
      await screen.press(key);
      const state = await result();
      assert.deepEqual(state.outcome, { kind: 'cancelled' });
      assert.equal(state.written, undefined);
      assert.equal(effects.writes.length, 0);
    });
  }

  it('Esc on the review screen writes nothing', async () => {
    const { screen, effects, result } = wizard(await fixture(), { given: PUBLISH });
    await toReview(screen, 5);
    await screen.press(KEY.esc);
    assert.deepEqual((await result()).outcome, { kind: 'cancelled' });
    assert.equal(effects.writes.length, 0);
  });
});

describe('a yes/no question beside a long prompt', () => {
  it('keeps "› Yes No (y/n)" whole on one row: the prompt wraps, the choices do not', async (t) => {
    const { Box, Text } = await import('ink');
    const { Confirm } = await import('../../src/commands/create/ui/ink/components/confirm.js');
    const { KeysRouter } = await import('../../src/commands/create/ui/ink/hooks/keys-router.js');
    const prompt = 'Apply these edits to .github/workflows/release.yml? A .bak backup is kept.';
    const screen = renderScreen(
      <KeysRouter>
        <Box gap={1} width={60}>
          <Text bold>{prompt}</Text>
          <Confirm value={true} onChange={() => {}} onSubmit={() => {}} />
        </Box>
      </KeysRouter>,
      { columns: 60, rows: 10 },
    );
    t.after(() => screen.unmount());
    const frame = await screen.waitFor('Yes');
    assert.match(frame, /› +Yes +No +\(y\/n\)/, frame);
    assert.ok(frame.includes('backup is kept'), frame);
  });
});
