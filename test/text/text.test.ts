// The small text helpers every printing path shares: visible control characters, shell words,
// npm's package-name rules, clipped values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { styleText } from 'node:util';
import { visible } from '../../src/text/visible.js';
import { safeOutput } from '../../src/text/output.js';
import { shellCommand, shellWord } from '../../src/text/shell.js';
import { checkPackageName } from '../../src/text/package-name.js';
import { clip, clipLines } from '../../src/text/clip.js';

test('control characters become visible escapes; lines and tabs stay in messages', () => {
  assert.equal(visible('a\x1b[2Jb'), 'a\\x1b[2Jb');
  assert.equal(visible('t\x07\x00\r'), 't\\x07\\x00\\x0d');
  assert.equal(visible('del\x7f c1\x9b bidi\u202e'), 'del\\u007f c1\\u009b bidi\\u202e');
  assert.equal(visible('one\n\ttwo'), 'one\n\ttwo');
  assert.equal(visible('one\ntwo', { keepLines: false }), 'one\\x0atwo');
  assert.equal(visible('plain ✔ text — ü'), 'plain ✔ text — ü');
});

test('colour passes only where the program colours itself, and only as SGR', () => {
  const painted = '\x1b[1mbold\x1b[22m';
  assert.equal(visible(painted, { keepColour: true }), painted);
  assert.equal(visible(painted), '\\x1b[1mbold\\x1b[22m');
  assert.equal(visible('\x1b]0;title\x07\x1b[2J', { keepColour: true }), '\\x1b]0;title\\x07\\x1b[2J');
  // Conceal (8) would hide every line after it: only the styles the program uses pass.
  assert.equal(visible('\x1b[8mhidden\x1b[33my', { keepColour: true }), '\\x1b[8mhidden\x1b[33my');
  for (const format of ['bold', 'dim', 'red', 'green', 'yellow', 'cyan'] as const) {
    const painted = styleText(format, 'x', { validateStream: false });
    assert.equal(visible(painted, { keepColour: true }), painted, format);
  }
});

test('safeOutput keeps a JSON document parseable while escaping what JSON leaves raw', () => {
  const text = JSON.stringify({ v: '1\x1b\u009b\u202e\x7f' });
  assert.deepEqual(JSON.parse(safeOutput(text)), { v: '1\x1b\u009b\u202e\x7f' });
  assert.doesNotMatch(safeOutput(text), /[\x7f-\x9f\u202e]/);
});

test('a printed command is one shell word per value, whatever the value holds', () => {
  const values = ['plain', "it's", '$(touch /tmp/ctp-x)', 'a b', '`id`', '"q"', '@acme/widget', '', 'x;y|z&'];
  const line = shellCommand('printf', '%s\\n', ...values);
  const out = execFileSync('sh', ['-c', line], { encoding: 'utf8' });
  assert.deepEqual(out.split('\n').slice(0, -1), values);
  assert.equal(shellWord('@acme/widget'), '@acme/widget');
});

test("package names follow validate-npm-package-name's errors and new-name rules", () => {
  const errors = (n: string) => checkPackageName(n).errors;
  const legacy = (n: string) => checkPackageName(n).legacy;
  for (const ok of ['widget', '@acme/widget', 'a.b-c_d', 'x'.repeat(214), '@acme/_x', '@acme/-x']) assert.deepEqual(checkPackageName(ok), { errors: [], legacy: [] }, ok);
  for (const bad of ['', '.x', '_x', '-x', ' x', 'x ', 'node_modules', 'favicon.ico', '@a/', 'a/b', '@a/b/c', 'a b', '$(id)', 'a\nb', '@acme/.x', 'ü']) {
    assert.ok(errors(bad).length > 0, JSON.stringify(bad));
  }
  assert.deepEqual(errors('JSONStream'), []);
  assert.match(legacy('JSONStream')[0]!, /lowercase/);
  assert.match(legacy('x'.repeat(215))[0]!, /214/);
  assert.match(legacy("it's")[0]!, /~'!\(\)\*/);
  assert.match(legacy('http')[0]!, /core module/);
});

test('clip says how much was left out; clipLines keeps the lines', () => {
  assert.equal(clip('abc', 5), 'abc');
  assert.equal(clip('abcdefgh', 3), 'abc… (5 more characters)');
  assert.equal(clipLines(`short\n${'y'.repeat(1000)}`, 10), `short\n${'y'.repeat(10)}… (990 more characters)`);
});
