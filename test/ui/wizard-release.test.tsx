// The Ink wizard: release tools, and the packages of a monorepo.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KEY } from '../helpers/ink.js';
import { fixture, wizard } from './wizard-fixture.js';

const monorepo = {
  pkg: { name: 'acme-root', private: true, workspaces: ['packages/*'] },
  files: {
    'packages/core/package.json': { name: '@acme/core', version: '1.0.0' },
    'packages/cli/package.json': { name: '@acme/cli', version: '1.0.0' },
  },
};

describe('release tools', () => {
  it('skips the trigger question when a release tool decides when to publish', async () => {
    const { screen } = wizard(await fixture());
    let frame = await screen.waitFor('Question 1 of 6');
    assert.match(frame, /How releases are made/);
    await screen.press(KEY.down);
    frame = await screen.waitFor('› Changesets');
    await screen.press(KEY.enter);
    frame = await screen.waitFor('Question 2 of 5');
    assert.match(frame, /GitHub environment/, 'no "Publish when" question');
    await screen.press(KEY.shiftTab);
    frame = await screen.waitFor('Question 1 of 5');
    assert.match(frame, /› Changesets/);
  });
});

describe('a monorepo', () => {
  it('asks which packages to publish, all ticked, Space unticks, none is an inline error', async () => {
    const { screen } = wizard(await fixture(monorepo));
    let frame = await screen.waitFor('Packages to publish');
    assert.match(frame, /› \[x\] @acme\/cli/);
    assert.match(frame, /\[x\] @acme\/core/);
    await screen.press(KEY.space);
    frame = await screen.waitFor('› [ ] @acme/cli');
    await screen.press(KEY.down, KEY.space, KEY.enter);
    frame = await screen.waitFor('✖ ');
    assert.match(frame, /Tick at least one package: Space ticks/);
    await screen.press('a', KEY.enter);
    await screen.waitFor('How releases are made');
    await screen.press(KEY.left);
    frame = await screen.waitFor('Packages to publish');
    assert.match(frame, /› \[x\] @acme\/cli/, '← goes back, the answer kept');
    assert.match(frame, /\[x\] @acme\/core/);
  });

  it('semantic-release for several packages goes back to the question that decides, saying why', async () => {
    const { screen } = wizard(await fixture(monorepo));
    await screen.waitFor('Packages to publish');
    await screen.press(KEY.enter);
    await screen.waitFor('How releases are made');
    await screen.press(KEY.down, KEY.down, KEY.down);
    await screen.waitFor('› semantic-release');
    await screen.press(KEY.enter);
    for (const label of ['GitHub environment', 'Workflow file name', 'Node.js version in CI', 'Fix "repository"']) {
      await screen.waitFor(new RegExp(`Question \\d of \\d\\n${label.replace(/[.?"]/g, '\\$&')}`));
      await screen.press(KEY.enter);
    }
    const frame = await screen.waitFor('semantic-release publishes one package per repository');
    assert.match(frame, /Packages to publish/);
  });
});
