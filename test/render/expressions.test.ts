// The Handlebars trap: every GitHub expression written `$\{{ ... }}` in a template must come
// out as `${{ ... }}`, byte for byte, and nothing else may produce one.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { templatesDir } from '../../src/render/templates.js';
import { renderWorkflow } from '../../src/providers/github/workflow.js';
import { allVariants } from './cases.js';

function templateFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? templateFiles(join(dir, entry.name)) : entry.name.endsWith('.hbs') ? [join(dir, entry.name)] : [],
  );
}

const sources = templateFiles(join(templatesDir(), 'github')).map((path) => readFileSync(path, 'utf8'));
const expected = new Set(sources.flatMap((source) => [...source.matchAll(/\$\\\{\{(.*?)\}\}/g)].map((m) => `\${{${m[1]}}}`)));
const outputs = allVariants().map((variant) => renderWorkflow(variant.input));

test('templates contain GitHub expressions, and none written unescaped', () => {
  assert.ok(expected.size > 0);
  for (const source of sources) {
    assert.doesNotMatch(source, /\$\{\{/, 'write GitHub expressions as $\\{{ ... }} in templates');
  }
});

test('every template expression survives rendering byte for byte', () => {
  for (const expression of expected) {
    assert.ok(outputs.some((output) => output.includes(expression)), `${expression} never appears in the output`);
  }
});

test('the output has no expression the templates do not contain, and no stray $ or backslash-brace', () => {
  for (const output of outputs) {
    for (const match of output.matchAll(/\$\{\{.*?\}\}/g)) assert.ok(expected.has(match[0]), match[0]);
    assert.doesNotMatch(output, /\$\\\{\{|\$(?:$|\s)/m);
    assert.equal(output.split('${{').length, output.split('}}').length);
  }
});
