// The start-up chunks' top-level functions reach Node's compile cache (scripts/eager-functions.mjs):
// with the cache filled by one run, a second --yes run compiles none of them again. V8 says
// which functions it compiles with --log-function-events. Needs dist/ from `npm run build`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { eagerFunctions } from '../../scripts/eager-functions.mjs';
import { makePackageRepo } from '../helpers/repo.js';
import { BIN, ROOT } from '../helpers/cli.js';

async function evaluate(source: string): Promise<Record<string, unknown>> {
  return import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);
}

test('eagerFunctions keeps what a module does: hoisting, async and generator functions, names', async () => {
  const source = [
    "import { sep } from 'node:path';",
    'export const early = later(2);',
    'function later(n) { return n * 21; }',
    'async function slow() { return sep; }',
    'function* count() { yield 1; yield 2; }',
    'function named() { return named.name; }',
    'export function exported() { return 1; }',
    'if (true) { function inBlock() { return 1; } }',
    'export { slow, count, named };',
  ].join('\n');
  const eager = eagerFunctions(source);
  assert.match(eager, /var later=\(function\(n\)/);
  assert.match(eager, /var slow=\(async function\(\)/);
  assert.match(eager, /var count=\(function\*\(\)/);
  assert.match(eager, /function inBlock\(\)/, 'a function inside a block is left alone');
  assert.match(eager, /export function exported\(\)/);
  assert.match(eagerFunctions('const f = (a) => a + 1, g = function () {};'), /const f = \(\(a\) => a \+ 1\), g = \(function \(\) \{\}\);/);
  const before = await evaluate(source);
  const after = await evaluate(eager);
  for (const m of [before, after]) {
    assert.equal(m.early, 42);
    assert.equal(await (m.slow as () => Promise<string>)(), (await import('node:path')).sep);
    assert.deepEqual([...(m.count as () => Iterable<number>)()], [1, 2]);
    assert.equal((m.named as () => string)(), 'named');
  }
});

/** Where V8 reports each top-level function of `text` (the position of its parameter list). */
function topLevelFunctionStarts(text: string): Set<number> {
  const sf = ts.createSourceFile('chunk.js', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const starts = new Set<number>();
  for (const st of sf.statements) {
    const fns: (ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction)[] = [];
    if (ts.isFunctionDeclaration(st)) fns.push(st);
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        let init = d.initializer;
        while (init && ts.isParenthesizedExpression(init)) init = init.expression;
        if (init && (ts.isFunctionExpression(init) || ts.isArrowFunction(init))) fns.push(init);
      }
    }
    // V8 starts a function at its parameter list: `(` or an arrow's lone parameter.
    for (const fn of fns) starts.add(ts.isArrowFunction(fn) && !text.startsWith('(', fn.getStart(sf)) ? fn.getStart(sf) : fn.parameters.pos - 1);
  }
  return starts;
}

// Node 22's V8 compiles parenthesized function expressions eagerly but not parenthesized arrow
// functions, so there some top-level arrows are compiled again on each run: the start-up bench
// measures Node 24, where the hint holds for both.
const v8HintsArrows = Number(process.versions.node.split('.')[0]) >= 24;

test('a --yes run with a filled compile cache compiles no top-level function of the command line again', { skip: v8HintsArrows ? false : 'Node 22: V8 does not compile parenthesized arrow functions eagerly' }, () => {
  const repo = makePackageRepo({ pkg: { repository: 'github:acme/widget' } });
  const dir = mkdtempSync(join(tmpdir(), 'ctp-eager-'));
  const log = join(dir, 'v8.log');
  const env = { ...process.env, NODE_COMPILE_CACHE: join(dir, 'cache'), NODE_DISABLE_COMPILE_CACHE: undefined, BROWSER: 'none', NO_COLOR: '1' };
  try {
    const fill = spawnSync(process.execPath, [BIN, '--dry-run', '--yes'], { cwd: repo.dir, env, encoding: 'utf8' });
    assert.equal(fill.status, 0, fill.stderr);
    const run = spawnSync(process.execPath, ['--log-function-events', `--logfile=${log}`, '--no-logfile-per-isolate', BIN, '--yes'], {
      cwd: repo.dir,
      env,
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    const lines = readFileSync(log, 'utf8').split('\n').map((l) => l.split(','));
    // script-details,<id>,<url>: the command line's chunks (dist/cli.js and the chunks it imports).
    const distUrl = pathToFileURL(join(ROOT, 'dist')).href;
    const scripts = new Map(lines.filter((l) => l[0] === 'script-details' && l[2]?.startsWith(distUrl)).map((l) => [l[1] ?? '', l[2] ?? '']));
    assert.ok(scripts.size >= 2, `the log names the bundle's files: ${[...scripts.values()].join(', ')}`);
    const compiled: string[] = [];
    let checked = 0;
    for (const [id, url] of scripts) {
      const text = readFileSync(new URL(url), 'utf8');
      const starts = topLevelFunctionStarts(text);
      checked += starts.size;
      for (const l of lines) {
        if (l[0] === 'function' && l[1] === 'parse-function' && l[2] === id && starts.has(Number(l[3]))) {
          compiled.push(`${url.split('/').pop()}: ${text.slice(Number(l[3]), Number(l[3]) + 60)}`);
        }
      }
    }
    assert.ok(checked > 100, `only ${checked} top-level functions found in the command line's chunks`);
    assert.deepEqual(compiled, [], 'compiled again although the cache was filled (see scripts/eager-functions.mjs)');
  } finally {
    repo.cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
});
