// Issue 4: --help, --version, --dry-run and a whole --yes run never load React, Ink or
// Inquirer, and the command line is one chunk (scripts/bundle-plugins.mjs, plugin
// src-for-the-bundle): each extra file costs Node's module loader ~0.2 ms whatever its size.
// The real binary runs under bench/trace-imports.mjs, which logs every module it resolves.
// Needs dist/ from `npm run build` (the test script builds first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { brotliDecompressSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { makePackageRepo } from '../helpers/repo.js';
import { BIN, ROOT } from '../helpers/cli.js';

const DIST = join(ROOT, 'dist');

// Strings that survive minification, one per UI package (the same as bench/run.mjs uses).
const UI_SIGNATURES: [string, RegExp][] = [
  ['react', /Symbol\.for\(["'`]react\.(?:transitional\.)?element["'`]\)/],
  ['ink', /Raw mode is not supported/],
  ['@inquirer/core', /User force closed the prompt/],
];

/** The dist files the binary loads for `args`, run in `cwd`. */
function loadedDistFiles(args: string[], cwd: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'ctp-trace-'));
  const log = join(dir, 'loaded.txt');
  try {
    const r = spawnSync(process.execPath, ['--import', pathToFileURL(join(ROOT, 'bench', 'trace-imports.mjs')).href, BIN, ...args], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, CTP_TRACE_IMPORTS: log, BROWSER: 'none', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    assert.equal(r.status, 0, r.stderr);
    const distUrl = pathToFileURL(DIST).href + '/';
    return readFileSync(log, 'utf8')
      .split('\n')
      .map((line) => line.split('\t')[1] ?? '')
      .filter((url) => url.startsWith(distUrl))
      .map((url) => fileURLToPath(url));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function uiPackagesIn(files: string[]): string[] {
  // The wizard's chunk ships brotli-compressed (scripts/compress-chunk.mjs).
  const texts = files.map((f) => (f.endsWith('.br') ? brotliDecompressSync(readFileSync(f)).toString('utf8') : readFileSync(f, 'utf8')));
  return UI_SIGNATURES.filter(([, re]) => texts.some((t) => re.test(t))).map(([name]) => name);
}

test('the signatures find React, Ink and Inquirer in the bundle (so their absence below means something)', () => {
  const all = readdirSync(DIST, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.js(?:\.br)?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
  assert.deepEqual(uiPackagesIn(all), UI_SIGNATURES.map(([name]) => name));
});

for (const args of [['--help'], ['--version'], ['--dry-run', '--yes'], ['--yes']]) {
  test(`${args.join(' ')} loads no React, Ink or Inquirer, from at most 3 bundle files`, (t) => {
    const repo = makePackageRepo({ pkg: { repository: 'github:acme/widget' } });
    t.after(() => repo.cleanup());
    const files = loadedDistFiles(args, repo.dir);
    assert.ok(files.some((f) => f.endsWith(join('dist', 'cli.js'))), `dist/cli.js not among ${files.join(', ')}`);
    assert.deepEqual(uiPackagesIn(files), []);
    assert.ok(
      files.length <= 3,
      `${files.length} bundle files loaded, more than 3: the command line is meant to be one chunk (see src-for-the-bundle in scripts/bundle-plugins.mjs)\n  ${files.join('\n  ')}`,
    );
  });
}
