// The yaml and exprString helpers: data can never change the YAML around it or add an expression.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parse } from 'yaml';
import { exprString, ExpressionInDataError, yamlString } from '../../src/render/scalars.js';
import { hostileString } from '../helpers/hostile-strings.js';

test('yamlString: known escapes', () => {
  assert.equal(yamlString('npm'), '"npm"');
  assert.equal(yamlString('a"b\\c'), '"a\\"b\\\\c"');
  assert.equal(yamlString('a\nb\tc\r'), '"a\\nb\\tc\\r"');
  assert.equal(yamlString('\0\u007f\u0085\u2028\u2029\ufeff'), '"\\u0000\\u007F\\u0085\\u2028\\u2029\\uFEFF"');
  assert.equal(yamlString('\ud800x😀'), '"\\uD800x😀"');
  assert.equal(yamlString('x: #y'), '"x: #y"');
});

test('yamlString refuses GitHub expressions', () => {
  assert.throws(() => yamlString('${{ secrets.NPM_TOKEN }}'), ExpressionInDataError);
  assert.throws(() => yamlString('a${{b'), ExpressionInDataError);
  assert.equal(yamlString('$ {{ x }}'), '"$ {{ x }}"');
});

test('yamlString: any string round-trips through a YAML parser, or throws only for ${{', () => {
  fc.assert(
    fc.property(hostileString, (value) => {
      let out: string;
      try {
        out = yamlString(value);
      } catch (error) {
        assert.ok(error instanceof ExpressionInDataError);
        assert.ok(value.includes('${{'));
        return;
      }
      assert.doesNotMatch(out, /[\n\r\u0085\u2028\u2029]/, 'one line, even for YAML 1.1 line breaks');
      assert.equal(parse(out), value);
      assert.equal(parse(out, { version: '1.1' }), value);
      assert.deepEqual(parse(`key: ${out} # comment\nnext: 1`), { key: value, next: 1 });
    }),
    { numRuns: 2000 },
  );
});

test('exprString: single-quoted expression literal with quotes doubled', () => {
  assert.equal(exprString('acme/widget'), "'acme/widget'");
  assert.equal(exprString("it's"), "'it''s'");
  assert.throws(() => exprString('${{ github.token }}'), ExpressionInDataError);
  assert.throws(() => exprString('a\nb'), /line-break/);
  assert.throws(() => exprString('a\u2028b'), /line-break/);
});
