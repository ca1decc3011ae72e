// The command printed at the end of the wizard: the same run without questions.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { equivalentCommand } from '../../src/report/equivalent-command.js';
import { resolveDefaults } from '../../src/questions/resolve.js';
import { commandLines, shellWords } from '../../src/report/command-lines.js';
import { detectedRepo } from '../helpers/ink.js';

describe('the same run without questions', () => {
  it('names only the answers that differ from --yes, and only the provider’s own', async (t) => {
    const { repo, detected } = await detectedRepo();
    t.after(() => repo.cleanup());
    const defaults = resolveDefaults(detected, {});
    assert.equal(equivalentCommand(detected, defaults), 'npm create trusted-publish -- --yes');
    const custom = { ...defaults, environment: 'production', node: '22', trigger: 'tag' as const, vcsOrigin: 'github.com/x/y' };
    assert.equal(equivalentCommand(detected, custom), 'npm create trusted-publish -- --yes --trigger tag --environment production --node 22');
    assert.match(equivalentCommand(detected, { ...defaults, environment: null, fixRepository: false }), /--no-environment --no-fix-repository$/);
  });
});

describe('command lines', () => {
  it('breaks only between words outside quotes, each line but the last ending in " \\\\"', () => {
    const command = 'git add a.yml package.json && git commit -m "ci: publish to npm with trusted publishing" && git push';
    assert.deepEqual(shellWords('a "b c" \'d e\''), ['a', '"b c"', "'d e'"]);
    const lines = commandLines(command, 40, '$ ', '    ');
    assert.ok(lines.length > 1);
    for (const line of lines.slice(0, -1)) assert.match(line, / \\$/);
    // Only a word wider than the room (the quoted message) may make a line longer.
    assert.ok(lines.every((l) => [...l].length <= 40 || l.includes('"ci: publish')), lines.join('\n'));
    assert.ok(lines.some((l) => l.includes('"ci: publish to npm with trusted publishing"')), 'the quoted message stays whole');
    // What a shell would run: the lines joined at their backslashes give the command back.
    assert.equal(lines.map((l) => l.replace(/ \\$/, '').trim()).join(' ').replace(/^\$ /, ''), command);
    assert.deepEqual(commandLines('npm view x', 80, '$ '), ['$ npm view x'], 'a command that fits is one line');
  });
});

describe('the checklist as a Markdown task list', () => {
  it('one task per step, numbered, commands in fenced blocks, the alternative not a task', async () => {
    const { formatChecklist } = await import('../../src/report/checklist.js');
    const items = [
      { id: 'commit', title: 'Commit and push', detail: 'Push it.', command: 'git push' },
      { id: 'publisher:all', title: 'Or add all 2 trusted publishers from a terminal', detail: 'One call each.', command: 'for p in a b; do npm trust github "$p"; done' },
      { id: 'revoke-token', title: 'Revoke the token', detail: 'Delete it.', url: 'https://www.npmjs.com/settings/~/tokens' },
    ];
    const md = formatChecklist(items, new Set(['commit']), 80, true);
    assert.equal(
      md,
      [
        '- [x] **1. Commit and push**',
        '  Push it.',
        '',
        '  ```sh',
        '  git push',
        '  ```',
        '  - **Or add all 2 trusted publishers from a terminal:**',
        '    One call each.',
        '',
        '    ```sh',
        '    for p in a b; do npm trust github "$p"; done',
        '    ```',
        '- [ ] **2. Revoke the token**',
        '  Delete it.',
        '',
        '  <https://www.npmjs.com/settings/~/tokens>',
      ].join('\n'),
    );
  });
});
