// Bundles src/ into dist/ so the published package has no runtime dependencies.
// Only packages on ALLOWED may enter the bundle: a new transitive dependency fails the
// build until it is added here on purpose.
import { build } from 'esbuild';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { bundlePlugins } from './bundle-plugins.mjs';
import { compressEntryChunk } from './compress-chunk.mjs';
import { eagerStartupChunks } from './eager-functions.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));

const ALLOWED = new Set([
  // chosen directly
  'ink', 'react', '@inquirer/prompts', 'open', 'handlebars', 'yaml',
  // brought by open (browser detection per platform)
  'default-browser', 'default-browser-id', 'bundle-name', 'run-applescript', 'define-lazy-prop',
  'is-docker', 'is-inside-container', 'is-wsl', 'is-in-ssh', 'powershell-utils', 'wsl-utils',
  // brought by ink (terminal layout and rendering)
  'react-reconciler', 'scheduler', 'yoga-layout', 'es-toolkit', 'environment', 'ansi-escapes', 'is-in-ci',
  'auto-bind', 'patch-console', 'ansi-regex', 'strip-ansi', 'get-east-asian-width', 'string-width',
  'wrap-ansi', 'terminal-size', 'widest-line', 'quick-lru', 'ansi-styles', 'slice-ansi', 'cli-truncate',
  '@alcalzone/ansi-tokenize', 'is-fullwidth-code-point', 'indent-string', 'cli-boxes', 'mimic-fn',
  'onetime', 'restore-cursor', 'cli-cursor', 'escape-string-regexp', 'stack-utils', 'convert-to-spaces',
  'code-excerpt', 'signal-exit',
  // brought by @inquirer/prompts (only the prompts the plain mode uses should remain)
  '@inquirer/core', '@inquirer/figures', '@inquirer/type', '@inquirer/ansi', '@inquirer/input',
  '@inquirer/select', '@inquirer/confirm', '@inquirer/checkbox', 'cli-width', 'mute-stream',
  'fast-string-truncated-width', 'fast-string-width', 'fast-wrap-ansi',
]);

/** Gives a chunk `require` for the CommonJS packages inside it (removed again where unused). */
const BANNER = "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);";

/** The esbuild options of the published bundle; bench/profile.mjs adds source maps to them. */
export function bundleOptions(outdir) {
  return {
    absWorkingDir: root,
    entryPoints: { cli: 'src/cli/bin.ts' },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22.14',
    minify: true,
    legalComments: 'none',
    // Non-ASCII text (→, ✔, box drawing) as UTF-8, not \u escapes: smaller.
    charset: 'utf8',
    metafile: true,
    logLevel: 'warning',
    define: { __VERSION__: JSON.stringify(pkg.version), 'process.env.NODE_ENV': '"production"' },
    // Ink loads react-devtools-core only when DEV=true; it is not shipped.
    // handlebars tries `require('source-map')` for source maps we never ask for, and
    // carries on without it.
    // The Handlebars compiler is needed only when running from source: the bundle renders
    // precompiled templates with the runtime (src/render/engine.ts).
    external: ['react-devtools-core', 'source-map', 'handlebars/dist/cjs/handlebars.js'],
    banner: { js: BANNER },
    chunkNames: 'chunks/[name]-[hash]',
    // yaml's "node" export is CommonJS, which esbuild cannot tree-shake; its ES module
    // build is the same code (~30 kB less in the bundle).
    alias: { yaml: './node_modules/yaml/browser/index.js' },
    plugins: [...bundlePlugins],
  };
}

/** Packages that entered the bundle and are not on the allow-list. */
export function unexpectedPackages(metafile) {
  const packages = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (!m) continue;
    packages.set(m[1], (packages.get(m[1]) ?? 0) + metafile.inputs[input].bytes);
  }
  return { packages, unexpected: [...packages.keys()].filter((name) => !ALLOWED.has(name)) };
}

async function main() {
  const dist = join(root, 'dist');
  await rm(dist, { recursive: true, force: true });
  const result = await build(bundleOptions('dist'));
  const { packages, unexpected } = unexpectedPackages(result.metafile);
  if (unexpected.length > 0) {
    console.error(`build: packages not on the allow-list entered the bundle: ${unexpected.join(', ')}\nAdd them to scripts/build.mjs on purpose, or remove the import.`);
    process.exit(1);
  }
  // The banner gives every chunk a `require`; drop it from the chunks that never use one.
  for (const file of Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.js'))) {
    const path = join(root, file);
    const text = await readFile(path, 'utf8');
    const body = text.startsWith(BANNER) ? text.slice(BANNER.length) : undefined;
    if (body !== undefined && !/\brequire\b/.test(body)) await writeFile(path, body.replace(/^\n/, ''));
  }
  // The full-screen wizard's chunk ships compressed (scripts/compress-chunk.mjs), and so do the
  // chunks of `retire`, `doctor --fleet`, the GitLab/CircleCI plans, the line-by-line wizard and
  // open (the browser), which no start-up path loads.
  await compressEntryChunk(root, result.metafile, 'src/commands/create/ui/ink/index.tsx');
  await compressEntryChunk(root, result.metafile, 'src/commands/retire.ts');
  await compressEntryChunk(root, result.metafile, 'src/commands/doctor/fleet.ts');
  await compressEntryChunk(root, result.metafile, 'src/plan/ci.ts');
  await compressEntryChunk(root, result.metafile, 'src/commands/create/ui/plain/index.ts');
  await compressEntryChunk(root, result.metafile, 'node_modules/open/index.js');
  // What every run loads is compiled once into Node's compile cache (scripts/eager-functions.mjs).
  await eagerStartupChunks(root, result.metafile, 'src/cli/bin.ts');
  // No copy of open's bundled xdg-open: bundled, open looks for it beside its chunk and
  // otherwise uses the system's xdg-open; where neither exists the URL is printed anyway.
  if (process.argv.includes('--report')) {
    for (const [name, bytes] of [...packages].sort((a, b) => b[1] - a[1])) console.log(`${String(bytes).padStart(9)}  ${name}`);
  }
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) await main();
