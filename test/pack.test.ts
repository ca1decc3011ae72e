// What `npm pack` would publish: exactly the runtime files, and no runtime dependencies.
// Needs dist/ from `npm run build` (the test script builds first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

interface PackFile {
  path: string;
  size: number;
  mode: number;
}
interface PackResult {
  name: string;
  version: string;
  size: number;
  unpackedSize: number;
  entryCount: number;
  bundled: string[];
  files: PackFile[];
}

/** npm as the test runner was started with it (npm test sets npm_execpath), else from PATH. */
function npm(args: string[]): string {
  const execpath = process.env.npm_execpath;
  const [cmd, pre] = execpath && /\.[cm]?js$/.test(execpath) ? [process.execPath, [execpath]] : ['npm', []];
  return execFileSync(cmd, [...pre, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, npm_config_loglevel: 'error' },
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 32 << 20,
  });
}

let packed: PackResult | undefined;
function pack(): PackResult {
  if (!packed) {
    assert.ok(existsSync(join(root, 'dist', 'cli.js')), 'dist/cli.js is missing: run npm run build first');
    const result = JSON.parse(npm(['pack', '--dry-run', '--json', '--ignore-scripts'])) as PackResult[];
    assert.equal(result.length, 1);
    packed = result[0]!;
  }
  return packed;
}
const paths = () => pack().files.map((f) => f.path).sort();

// Every published file matches exactly one of these; anything else fails the test.
const ALLOWED: { pattern: RegExp; what: string }[] = [
  { pattern: /^package\.json$/, what: 'package.json' },
  { pattern: /^README\.md$/, what: 'README.md' },
  { pattern: /^LICENSE$/, what: 'LICENSE' },
  { pattern: /^bin\/create-trusted-publish\.js$/, what: 'the bin shim' },
  { pattern: /^dist\/cli\.js$/, what: 'the bundle entry' },
  { pattern: /^dist\/chunks\/[A-Za-z0-9_.-]+-[A-Z0-9]{8}\.js$/, what: 'bundle chunks (name-HASH.js)' },
  { pattern: /^dist\/chunks\/yoga-layout\.wasm\.br$/, what: "Ink's layout engine, taken out of its base64 by the build" },
  { pattern: /^dist\/chunks\/ink-[A-Z0-9]{8}\.js\.br$/, what: 'the full-screen wizard, brotli-compressed by the build (scripts/compress-chunk.mjs)' },
  { pattern: /^dist\/chunks\/(?:retire|fleet|ci|plain|open)-[A-Z0-9]{8}\.js\.br$/, what: '`retire`, `doctor --fleet`, the GitLab/CircleCI plans, the line-by-line wizard and open, brotli-compressed by the build like the wizard' },
  { pattern: /^templates\/actions\.json$/, what: 'the action pins (the templates themselves are precompiled into the bundle)' },
];
const REQUIRED = ['package.json', 'README.md', 'bin/create-trusted-publish.js', 'dist/cli.js', 'dist/chunks/yoga-layout.wasm.br', 'templates/actions.json'];

test('npm pack publishes only the runtime files', () => {
  const unexpected = paths().filter((p) => !ALLOWED.some((a) => a.pattern.test(p)));
  assert.deepEqual(unexpected, [], `files that must not be published:\n  ${unexpected.join('\n  ')}`);
});

test('npm pack publishes every file the package needs', () => {
  const files = new Set(paths());
  const missing = REQUIRED.filter((p) => !files.has(p));
  assert.deepEqual(missing, [], `missing from the package: ${missing.join(', ')}`);
  if (existsSync(join(root, 'LICENSE'))) assert.ok(files.has('LICENSE'), 'LICENSE exists but is not published');
  assert.ok(paths().some((p) => p.startsWith('dist/chunks/')), 'no dist/chunks/*.js: the build no longer splits the UI out');
  assert.ok(paths().some((p) => /^dist\/chunks\/ink-[A-Z0-9]{8}\.js\.br$/.test(p)), 'the wizard chunk is not published compressed');
  for (const name of ['retire', 'fleet', 'ci', 'plain', 'open']) assert.ok(paths().some((p) => new RegExp(`^dist/chunks/${name}-[A-Z0-9]{8}\\.js\\.br$`).test(p)), `the ${name} chunk is not published compressed`);
  assert.ok(!paths().some((p) => /^dist\/chunks\/ink-[A-Z0-9]{8}\.js$/.test(p)), 'the wizard chunk is published uncompressed too');
});

test('every template in the repository is in the bundle, and no template source is published', () => {
  const published = paths();
  const sources = readdirSync(join(root, 'templates'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.hbs'))
    .map((e) => relative(join(root, 'templates'), join(e.parentPath, e.name)).split(sep).join('/'));
  assert.ok(sources.length > 10, 'templates/ holds the sources');
  const bundle = readdirSync(join(root, 'dist', 'chunks')).map((f) => readFileSync(join(root, 'dist', 'chunks', f), 'latin1')).join('\n');
  const missing = sources.filter((s) => !bundle.includes(JSON.stringify(s)));
  assert.deepEqual(missing, [], `templates not precompiled into the bundle: ${missing.join(', ')}`);
  assert.deepEqual(published.filter((p) => p.endsWith('.hbs')), []);
});

test('nothing from development is published', () => {
  const leaks = paths().filter(
    (p) =>
      /\.map$/.test(p) ||
      /(?:^|\/)(?:test|tests|__tests__|src|bench|scripts|\.ci|\.github|node_modules)\//.test(p) ||
      /\.(?:test|spec)\.[cm]?[jt]sx?$/.test(p) ||
      /\.(?:ts|tsx|mts|cts)$/.test(p) ||
      /(?:^|\/)(?:tsconfig[\w.-]*\.json|meta\.json|\.npmrc|\.env[\w.-]*|.*\.tgz)$/.test(p),
  );
  assert.deepEqual(leaks, [], `development files in the package:\n  ${leaks.join('\n  ')}`);
});

test('the bin shim is executable (npm links it as the command)', () => {
  const shim = pack().files.find((f) => f.path === 'bin/create-trusted-publish.js');
  assert.ok(shim, 'the bin shim is not published');
  assert.ok((shim.mode & 0o111) !== 0, `bin/create-trusted-publish.js has mode ${shim.mode.toString(8)}, not executable`);
});

test('the bin shim loads the bundle that is published', () => {
  const shim = readFileSync(join(root, 'bin', 'create-trusted-publish.js'), 'utf8');
  assert.match(shim, /^#!\/usr\/bin\/env node\n/);
  assert.match(shim, /import\(['"]\.\.\/dist\/cli\.js['"]\)/);
});

test('package.json declares no runtime dependencies', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies', 'bundleDependencies', 'bundledDependencies']) {
    const value = pkg[field];
    const count = Array.isArray(value) ? value.length : value && typeof value === 'object' ? Object.keys(value).length : 0;
    assert.equal(count, 0, `package.json "${field}" must be empty: everything is bundled into dist/ (${JSON.stringify(value)})`);
  }
  assert.deepEqual(pack().bundled, [], 'npm pack would bundle dependencies');
  assert.deepEqual(pkg.bin, { 'create-trusted-publish': 'bin/create-trusted-publish.js' });
});

/** Sum of the file sizes under `dir`: what npm reports as unpackedSize for a package without dependencies. */
function treeSize(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .reduce((sum, e) => sum + statSync(join(e.parentPath, e.name)).size, 0);
}

// Issue 4: what `npm create` downloads on every run is at most what create-vite (the pinned
// devDependency, which has no dependencies) installs. A size, not a timing: it is exact.
test('the package unpacks to no more than create-vite', () => {
  const vite = join(root, 'node_modules', 'create-vite');
  const budget = treeSize(vite);
  const { unpackedSize } = pack();
  assert.ok(
    unpackedSize <= budget,
    `the package unpacks to ${unpackedSize} bytes, more than create-vite's ${budget}: see the size section of bench/README.md`,
  );
});
