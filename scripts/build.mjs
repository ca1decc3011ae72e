// Bundles src/ into dist/ so the published package has no runtime dependencies.
// Only packages on ALLOWED may enter the bundle: a new transitive dependency fails the
// build until it is added here on purpose.
import { build } from 'esbuild';
import { readFile, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

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

// yoga-layout's generated loader fetches its own WebAssembly from a data: URL whenever a
// global fetch exists (Node 18+). That loads Node's fetch implementation and streams the
// bytes through it: ~25 ms and ~6 MiB before Ink's first frame. Hiding fetch from that one
// file makes it decode the embedded base64 directly, as it does where fetch is absent.
const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(b) {
    b.onLoad({ filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const uses = source.split('typeof fetch').length - 1;
      if (uses !== 2) throw new Error(`yoga-without-fetch: expected 2 fetch checks in ${args.path}, found ${uses}; review the plugin`);
      return { contents: source.replaceAll('typeof fetch', 'typeof __yogaNoFetch'), loader: 'js' };
    });
  },
};

// Every templates/**/*.hbs precompiled into src/render/precompiled.ts, keyed by path and
// hash (the same FNV-1a as templateHash in src/render/engine.ts), so runs load only
// Handlebars' runtime. The options
// must equal COMPILE_OPTIONS there; the end-to-end tests compare the bundle's output with
// the source's byte for byte.
const COMPILE_OPTIONS = { noEscape: true, strict: true };
function templateHash(source) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < source.length; i++) hash = Math.imul(hash ^ source.charCodeAt(i), 0x01000193);
  return `${(hash >>> 0).toString(16).padStart(8, '0')}-${source.length}`;
}
const precompiledTemplates = {
  name: 'precompiled-templates',
  setup(b) {
    b.onLoad({ filter: /src[\\/]render[\\/]precompiled\.ts$/ }, async () => {
      const Handlebars = createRequire(import.meta.url)('handlebars/dist/cjs/handlebars.js');
      const dir = join(root, 'templates');
      const files = (await readdir(dir, { recursive: true }))
        .map((f) => f.split('\\').join('/'))
        .filter((f) => f.endsWith('.hbs'))
        .sort();
      const entries = await Promise.all(
        files.map(async (file) => {
          const source = await readFile(join(dir, file), 'utf8');
          const hash = templateHash(source);
          return `${JSON.stringify(file)}:{hash:${JSON.stringify(hash)},spec:${Handlebars.precompile(source, COMPILE_OPTIONS)}}`;
        }),
      );
      return { contents: `export default {${entries.join(',')}};`, loader: 'js', watchFiles: files.map((f) => join(dir, f)) };
    });
  },
};

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
    metafile: true,
    logLevel: 'warning',
    define: { __VERSION__: JSON.stringify(pkg.version), 'process.env.NODE_ENV': '"production"' },
    // Ink loads react-devtools-core only when DEV=true; it is not shipped.
    // handlebars tries `require('source-map')` for source maps we never ask for, and
    // carries on without it.
    // The Handlebars compiler is needed only when running from source: the bundle renders
    // precompiled templates with the runtime (src/render/engine.ts).
    external: ['react-devtools-core', 'source-map', 'handlebars/dist/cjs/handlebars.js'],
    banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
    chunkNames: 'chunks/[name]-[hash]',
    // yaml's "node" export is CommonJS, which esbuild cannot tree-shake; its ES module
    // build is the same code (~30 kB less in the bundle).
    alias: { yaml: './node_modules/yaml/browser/index.js' },
    plugins: [yogaWithoutFetch, precompiledTemplates],
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
  // No copy of open's bundled xdg-open: bundled, open looks for it beside its chunk and
  // otherwise uses the system's xdg-open; where neither exists the URL is printed anyway.
  if (process.argv.includes('--report')) {
    for (const [name, bytes] of [...packages].sort((a, b) => b[1] - a[1])) console.log(`${String(bytes).padStart(9)}  ${name}`);
  }
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) await main();
