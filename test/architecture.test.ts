// The import direction written in docs/architecture.md is the one the code has: every import
// in src/ (static, dynamic, type-only, re-export) between two top-level folders must be in the
// table there, the table must not lead back to where it started, and a provider's folder
// never imports another provider's. The imports are read by TypeScript's own scanner.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import ts from 'typescript';
import { ROOT } from './helpers/cli.js';

const SRC = join(ROOT, 'src');
const DOC = join(ROOT, 'docs', 'architecture.md');

/** `| \`folder\` | \`a\`, \`b\` |` rows of the import-direction table (— for none). */
function directionTable(markdown: string): Map<string, Set<string>> {
  const table = new Map<string, Set<string>>();
  const start = markdown.indexOf('| Folder | May import |');
  assert.notEqual(start, -1, 'docs/architecture.md has no "| Folder | May import |" table');
  for (const line of markdown.slice(start).split('\n').slice(2)) {
    if (!line.startsWith('|')) break;
    const [folder, allowed] = line.split('|').slice(1, 3).map((cell) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!));
    assert.equal(folder?.length, 1, `table row without one folder: ${line}`);
    table.set(folder[0]!, new Set(allowed));
  }
  return table;
}

interface Import {
  file: string; // relative to src/, posix
  line: number;
  target: string; // relative to src/, posix
}

function sourceFiles(): string[] {
  return readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .map((f) => f.split('\\').join('/'))
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'))
    .sort();
}

function importsOf(file: string): Import[] {
  const text = readFileSync(join(SRC, file), 'utf8');
  const info = ts.preProcessFile(text, true, true);
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest);
  return info.importedFiles
    .filter((ref) => ref.fileName.startsWith('.'))
    .map((ref) => ({
      file,
      line: source.getLineAndCharacterOfPosition(ref.pos).line + 1,
      target: posix.normalize(posix.join(posix.dirname(file), ref.fileName)),
    }));
}

const folderOf = (path: string): string => (path.includes('/') ? path.split('/')[0]! : '.');
const providerOf = (path: string): string | undefined => /^providers\/([^/]+)\//.exec(path)?.[1];

/** A folder that can reach itself through the table: the direction is not one-way. */
function cycleIn(table: Map<string, Set<string>>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const visit = (folder: string, path: string[]): string[] | undefined => {
    if (state.get(folder) === 'done') return undefined;
    if (state.get(folder) === 'open') return [...path.slice(path.indexOf(folder)), folder];
    state.set(folder, 'open');
    for (const next of table.get(folder) ?? []) {
      const found = visit(next, [...path, folder]);
      if (found) return found;
    }
    state.set(folder, 'done');
    return undefined;
  };
  for (const folder of table.keys()) {
    const found = visit(folder, []);
    if (found) return found;
  }
  return undefined;
}

test('the import-direction table in docs/architecture.md names every folder of src/ and runs one way', () => {
  const table = directionTable(readFileSync(DOC, 'utf8'));
  const folders = readdirSync(SRC).filter((f) => statSync(join(SRC, f)).isDirectory()).sort();
  assert.deepEqual([...table.keys()].sort(), folders, 'the table has one row per folder of src/');
  for (const [folder, allowed] of table) {
    for (const other of allowed) assert.ok(table.has(other), `${folder} may import ${other}, which is not a folder of src/`);
  }
  const loose = readdirSync(SRC).filter((f) => statSync(join(SRC, f)).isFile());
  assert.deepEqual(loose, [], 'every module of src/ is in a folder (the table is by folder)');
  assert.equal(cycleIn(table)?.join(' -> '), undefined, 'the table leads back to a folder');
});

test('every import in src/ between folders follows the table', () => {
  const table = directionTable(readFileSync(DOC, 'utf8'));
  const imports = sourceFiles().flatMap(importsOf);
  // The scanner finds what the bundle loads (so a broken reading of imports cannot pass quietly).
  assert.ok(imports.length > 500, `only ${imports.length} imports read from src/`);
  const against = imports
    .filter(({ file, target }) => folderOf(file) !== folderOf(target))
    .filter(({ file, target }) => !table.get(folderOf(file))?.has(folderOf(target)))
    .map(({ file, line, target }) => `src/${file}:${line} imports src/${target} (${folderOf(file)} -> ${folderOf(target)})`);
  assert.deepEqual(against, [], `imports against the direction in docs/architecture.md:\n${against.join('\n')}`);
});

test('providers are peers: no provider folder imports another', () => {
  const across = sourceFiles()
    .flatMap(importsOf)
    .filter(({ file, target }) => providerOf(file) && providerOf(target) && providerOf(file) !== providerOf(target))
    .map(({ file, line, target }) => `src/${file}:${line} imports src/${target}`);
  assert.deepEqual(across, []);
});
