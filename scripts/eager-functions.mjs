// Functions of the start-up chunks compiled once, not on every run.
//
// Node's compile cache (enableCompileCache in bin/) stores V8's code cache of a module as it
// is right after the module is compiled: its top-level code and the functions V8 compiled
// eagerly. V8 compiles a function lazily, when it is first called, unless the function or
// arrow function is wrapped in parentheses (its "possibly invoked function expression" hint).
// So every function a run calls was parsed and compiled again on every run: under
// `valgrind --tool=callgrind`, most of the instructions a --yes run spends beyond --help.
//
// This step rewrites each top-level `function f(…) {…}` declaration of the chunks that start-up
// loads (the command line's entry and the chunks it imports statically) as
// `var f = (function (…) {…});`, moved to the top of the module, after its imports, and puts
// parentheses around each function or arrow function a top-level `var`/`let`/`const` is
// initialized with (parentheses around an expression change nothing else). A
// declaration is defined before any code of the module runs; the moved assignments run first,
// so every function is still defined before any other code of the module runs, and nothing
// runs between them (a function expression only creates the function). The one case this does
// not cover: a module in an import cycle calling a function of this chunk while its own top
// level runs, before this chunk's has; the build refuses a transformed chunk in a cycle.
//
// Cost: the first run compiles these functions in full (once per installed copy), and later
// runs read a larger code cache; --help reads a little more than it needs.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ts from 'typescript';

/** `text` (a minified ES module) with its top-level functions made eager. */
export function eagerFunctions(text, fileName = 'chunk.js') {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const moved = [];
  // Edits of the text, in order: [start, end, replacement].
  const edits = [];
  let afterImports = 0;
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st)) {
      if (edits.length > 0) throw new Error(`eager-functions: ${fileName} has an import after a function`);
      afterImports = st.end;
    } else if (ts.isFunctionDeclaration(st) && st.name && st.body && !st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
      // (esbuild's chunks export with one `export {…}` list: an `export function` is left as it is.)
      const start = st.getStart(sf);
      const source = text.slice(start, st.end);
      const async = st.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword) ?? false;
      const keyword = `${async ? 'async ' : ''}function${st.asteriskToken ? '*' : ''}`;
      const name = st.name.text;
      if (!source.startsWith(`${keyword} ${name}`)) throw new Error(`eager-functions: unexpected declaration in ${fileName}: ${source.slice(0, 60)}`);
      // Anonymous: a declaration's own name would shadow the module binding inside it; the
      // function still gets its name from the assignment.
      moved.push(`var ${name}=(${keyword}${source.slice(keyword.length + 1 + name.length)});`);
      edits.push([start, st.end, '']);
    } else if (ts.isVariableStatement(st)) {
      // `const f = (a) => …` and `var g = function (…) {…}`: parentheses are enough.
      for (const d of st.declarationList.declarations) {
        const init = d.initializer;
        if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) {
          edits.push([init.getStart(sf), init.getStart(sf), '('], [init.end, init.end, ')']);
        }
      }
    }
  }
  if (edits.length === 0) return text;
  let out = '';
  let pos = 0;
  for (const [start, end, replacement] of edits) {
    out += text.slice(pos, start) + replacement;
    pos = end;
  }
  out += text.slice(pos);
  // Imports come first and are never edited, so `afterImports` is still theirs.
  return out.slice(0, afterImports) + moved.join('') + out.slice(afterImports);
}

/** Output files (relative to the root, as the metafile names them) that `file` imports statically, transitively. */
function staticImports(metafile, file, seen = new Set()) {
  for (const i of metafile.outputs[file]?.imports ?? []) {
    if (i.kind !== 'import-statement' || i.external || seen.has(i.path)) continue;
    seen.add(i.path);
    staticImports(metafile, i.path, seen);
  }
  return seen;
}

/**
 * Rewrites the chunks the entry `entry` (a source path as the metafile names it) loads at
 * start-up, the entry's own file included. Returns their paths relative to the root.
 */
export async function eagerStartupChunks(root, metafile, entry) {
  const out = Object.entries(metafile.outputs).find(([, o]) => o.entryPoint === entry)?.[0];
  if (!out) throw new Error(`eager-functions: no output for ${entry}`);
  const files = [out, ...staticImports(metafile, out)].filter((f) => f.endsWith('.js'));
  for (const file of files) {
    if (staticImports(metafile, file).has(file)) throw new Error(`eager-functions: ${file} is in an import cycle; see scripts/eager-functions.mjs`);
    const path = join(root, file);
    const text = await readFile(path, 'utf8');
    await writeFile(path, eagerFunctions(text, file));
  }
  return files;
}
