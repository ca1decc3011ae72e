// retire's flags must be in `retire --help` and in its page, docs/retire.md (linked from the README).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { RETIRE_HELP, RETIRE_OPTION_SPEC } from '../../src/commands/retire.js';
import { HELP } from '../../src/commands/create/args.js';
import { ROOT } from '../helpers/cli.js';

const section = readFileSync(join(ROOT, 'docs/retire.md'), 'utf8');

test('every retire option is in retire --help and in the README section', () => {
  assert.ok(section.length > 100, 'docs/retire.md describes retire');
  for (const name of Object.keys(RETIRE_OPTION_SPEC).filter((n) => n !== 'help')) {
    assert.ok(RETIRE_HELP.includes(`--${name}`), `retire --help lists --${name}`);
    assert.ok(section.includes(`--${name}`), `docs/retire.md lists --${name}`);
  }
  assert.match(HELP, /create-trusted-publish retire \[dir\]/, 'the main --help names the subcommand');
  assert.match(section, /create-trusted-publish\/retire@1/);
});
