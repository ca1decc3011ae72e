// The README and --help must tell the truth about the options.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HELP, OPTION_SPEC } from '../../src/cli/args.js';
import { ROOT } from '../helpers/cli.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

test('every option is in --help and in the README', () => {
  for (const name of Object.keys(OPTION_SPEC)) {
    assert.ok(HELP.includes(`--${name}`), `--help lists --${name}`);
    assert.ok(readme.includes(`--${name}`), `README lists --${name}`);
  }
});

test('the README gives the two commands: run it, and test it', () => {
  assert.match(readme, /^npm create trusted-publish$/m);
  assert.match(readme, /^npm install-ci-test$/m);
  const ci = readFileSync(join(ROOT, '.ci/run'), 'utf8');
  assert.match(ci, /npm install-ci-test/, '.ci/run runs the README test command');
});
