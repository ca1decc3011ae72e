// Bundles src/ into dist/ so the published package has no runtime dependencies.
// Only packages on ALLOWED may enter the bundle: a new transitive dependency fails the
// build until it is added here on purpose.
import { build } from 'esbuild';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { brotliCompressSync, constants as zlib } from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join, resolve } from 'node:path';

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

// yoga-layout (Ink's layout engine) embeds its WebAssembly as a 96 kB base64 data: URL and
// decodes it with a JavaScript loop; where a global fetch exists (Node 18+) it even streams
// that URL through Node's fetch (~25 ms, ~6 MiB). The build takes the binary out instead:
// brotli-compressed beside the chunks (25 kB, a quarter of the base64: the package's largest
// single saving), and yoga-layout's entry hands it to the Emscripten loader as `wasmBinary`,
// which then uses neither the data: URL nor fetch. Reading and decompressing it takes ~1 ms,
// once Ink loads (behind the first screen).
export const YOGA_WASM = 'yoga-layout.wasm.br';
const DATA_URL = /"data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)"/;
const yogaWasmFile = {
  name: 'yoga-wasm-file',
  setup(b) {
    const outdir = b.initialOptions.outdir;
    b.onLoad({ filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const found = source.match(new RegExp(DATA_URL.source, 'g')) ?? [];
      if (found.length !== 1 || !source.includes('h.wasmBinary&&(w=h.wasmBinary)')) {
        throw new Error(`yoga-wasm-file: ${args.path} no longer has one data: URL and a wasmBinary option; review the plugin`);
      }
      const wasm = Buffer.from(DATA_URL.exec(source)[1], 'base64');
      const packed = brotliCompressSync(wasm, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: wasm.length } });
      const chunks = resolve(root, outdir, 'chunks');
      await mkdir(chunks, { recursive: true });
      await writeFile(join(chunks, YOGA_WASM), packed);
      return { contents: source.replace(DATA_URL, '"data:application/octet-stream;base64,"'), loader: 'js' };
    });
    b.onLoad({ filter: /yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const call = 'wrapAssembly(await loadYoga())';
      if (!source.includes(call)) throw new Error(`yoga-wasm-file: ${args.path} no longer calls ${call}; review the plugin`);
      const load =
        "process.getBuiltinModule('node:zlib').brotliDecompressSync(" +
        `process.getBuiltinModule('node:fs').readFileSync(new URL(${JSON.stringify(`./${YOGA_WASM}`)}, import.meta.url)))`;
      return { contents: source.replace(call, `wrapAssembly(await loadYoga({ wasmBinary: ${load} }))`), loader: 'js', resolveDir: dirname(args.path) };
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
// Which templates each precompiled module carries, by top directory under templates/: a
// GitHub run loads only the GitHub templates.
const PRECOMPILED_GROUPS = [
  { module: /src[\\/]render[\\/]precompiled\.ts$/, dirs: ['github'] },
  { module: /src[\\/]providers[\\/]precompiled\.ts$/, dirs: ['gitlab', 'circleci'] },
];

// Handlebars' precompiled code carries what only its compiler's own fallbacks and messages
// need: a lookupProperty fallback for runtimes older than 4.6 in every function (the bundled
// runtime always provides container.lookupProperty), and the source location of every
// expression, used only to add a line number to an error a template bug would raise. Those
// errors are caught when running from source, where nothing is precompiled. Without them the
// templates are ~40% smaller (the whole package ~20 kB) and load faster.
const LOOKUP_FALLBACK =
  /container\.lookupProperty \|\| function\(parent, propertyName\) \{\s*if \(Object\.prototype\.hasOwnProperty\.call\(parent, propertyName\)\) \{\s*return parent\[propertyName\];\s*\}\s*return undefined\s*\}/g;
const LOC = /\{"start":\{"line":\d+,"column":\d+\},"end":\{"line":\d+,"column":\d+\}\}/g;
export function slimPrecompiled(code) {
  const slim = code
    .replace(LOOKUP_FALLBACK, 'container.lookupProperty')
    .replace(new RegExp(`,"loc":${LOC.source}`, 'g'), '')
    .replace(LOC, 'null');
  // Anything left means Handlebars changed its output: review these patterns.
  if (/hasOwnProperty|"loc"|"line":/.test(slim)) throw new Error('precompiled-templates: unexpected Handlebars output; review slimPrecompiled in scripts/build.mjs');
  return slim;
}

async function templateFiles() {
  const dir = join(root, 'templates');
  return (await readdir(dir, { recursive: true }))
    .map((f) => f.split('\\').join('/'))
    .filter((f) => f.endsWith('.hbs'))
    .sort();
}

const precompiledTemplates = {
  name: 'precompiled-templates',
  setup(b) {
    b.onStart(async () => {
      const grouped = new Set(PRECOMPILED_GROUPS.flatMap((g) => g.dirs));
      const orphans = (await templateFiles()).filter((f) => !grouped.has(f.split('/')[0]));
      if (orphans.length > 0) return { errors: [{ text: `precompiled-templates: no PRECOMPILED_GROUPS entry for ${orphans.join(', ')}` }] };
      return undefined;
    });
    for (const group of PRECOMPILED_GROUPS) {
      b.onLoad({ filter: group.module }, async () => {
        const Handlebars = createRequire(import.meta.url)('handlebars/dist/cjs/handlebars.js');
        const dir = join(root, 'templates');
        const files = (await templateFiles()).filter((f) => group.dirs.includes(f.split('/')[0]));
        const entries = await Promise.all(
          files.map(async (file) => {
            const source = await readFile(join(dir, file), 'utf8');
            const spec = slimPrecompiled(Handlebars.precompile(source, COMPILE_OPTIONS));
            return `${JSON.stringify(file)}:{hash:${JSON.stringify(templateHash(source))},spec:${spec}}`;
          }),
        );
        return { contents: `export default {${entries.join(',')}};`, loader: 'js', watchFiles: files.map((f) => join(dir, f)) };
      });
    }
  },
};

// Two rewrites of our own sources (src/) on their way into the bundle; nothing else is touched.
//
// 1. Built-ins without their ES-module wrapper. Node's wrapper reads every export of a built-in
//    when it is first imported: for node:fs that includes the `promises` getter, which loads
//    fs/promises and through it readline and worker_threads. Importing node:fs and node:util
//    costs ~50 internal modules and ~3.5 ms of a start-up that should take ~30.
//    process.getBuiltinModule (Node 22.3+) returns the module object itself, so each
//    `import { a, b as c } from 'node:x';` line becomes
//    `const { a, b: c } = process.getBuiltinModule('node:x');` (type-only names stay an import,
//    which esbuild drops). Any other form of built-in import in src/ fails the build. Bundled
//    packages keep their imports: they load only with the wizard.
//
// 2. One chunk for the whole command line. esbuild puts each module in a chunk keyed by the
//    entry points (dynamic import targets included) that reach it, so every lazily imported
//    module of ours (the wizard, plain mode, doctor, retire...) splits the modules it shares
//    with the command line into chunks of their own: a --yes run loaded 21 files, and each
//    costs ~0.2 ms in Node's module loader whatever its size. Every lazily imported module of
//    ours also imports src/cli/main.ts (already loaded when they are imported), so all it
//    reaches shares one key: a --yes run loads 4 files. React, Ink, Inquirer, yaml and open
//    stay in their own chunks. The targets are the `import('./...')` expressions in src/,
//    read before the build so the result does not depend on the order files load in.
const BUILTIN_IMPORT = /^import \{([^}]*)\} from '(node:[a-z_/]+)';$/gm;
const OTHER_BUILTIN_IMPORT = /^import\s(?!type\s)[^;]*?from\s+'node:/m;

function withoutBuiltinImports(source) {
  return source.replace(BUILTIN_IMPORT, (_, names, id) => {
    const specifiers = names.split(',').map((n) => n.trim()).filter(Boolean);
    const types = specifiers.filter((n) => n.startsWith('type '));
    const values = specifiers.filter((n) => !n.startsWith('type ')).map((n) => n.replace(/\s+as\s+/, ': '));
    return [
      types.length > 0 ? `import { ${types.join(', ')} } from '${id}';` : '',
      values.length > 0 ? `const { ${values.join(', ')} } = process.getBuiltinModule('${id}');` : '',
    ].join('');
  });
}

const MAIN = join(root, 'src', 'cli', 'main.ts');
const DYNAMIC_IMPORT = /\bimport\(\s*'(\.\.?\/[^']+)'\s*\)/g;

async function lazyModules() {
  const src = join(root, 'src');
  const lazy = new Set();
  for (const file of await readdir(src, { recursive: true })) {
    if (!/\.tsx?$/.test(file)) continue;
    const text = await readFile(join(src, file), 'utf8');
    for (const [, target] of text.matchAll(DYNAMIC_IMPORT)) lazy.add(join(src, dirname(file), target).replace(/\.js$/, ''));
  }
  return lazy;
}

const srcForTheBundle = {
  name: 'src-for-the-bundle',
  setup(b) {
    let lazy = new Set();
    b.onStart(async () => {
      lazy = await lazyModules();
    });
    b.onLoad({ filter: /[\\/]src[\\/].*\.tsx?$/ }, async (args) => {
      let contents = withoutBuiltinImports(await readFile(args.path, 'utf8'));
      const left = OTHER_BUILTIN_IMPORT.exec(contents.replace(/^import \{ (type [^}]*)\} from 'node:[^']*';/gm, ''));
      if (left) return { errors: [{ text: `src-for-the-bundle: write built-in imports as \`import { a, b } from 'node:x';\` on one line (${left[0].slice(0, 60)}...)` }] };
      if (lazy.has(args.path.replace(/\.tsx?$/, ''))) contents += `\nimport ${JSON.stringify(MAIN)};\n`;
      return { contents, loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts' };
    });
  },
};

// Handlebars' CommonJS build, bundled, becomes one closure per file that V8 compiles lazily on
// every run: Node's compile cache keeps only what was compiled when the module was, so those
// bodies never reach it (~1.5 ms of a --yes run). Its ES-module source (lib/, the same code
// its CommonJS build is made from) bundles flat and is cached like our own code.
const handlebarsRuntimeEsm = {
  name: 'handlebars-runtime-esm',
  setup(b) {
    b.onResolve({ filter: /^handlebars\/dist\/cjs\/handlebars\.runtime\.js$/ }, () => ({
      path: join(root, 'node_modules', 'handlebars', 'lib', 'handlebars.runtime.js'),
    }));
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
    banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
    chunkNames: 'chunks/[name]-[hash]',
    // yaml's "node" export is CommonJS, which esbuild cannot tree-shake; its ES module
    // build is the same code (~30 kB less in the bundle).
    alias: { yaml: './node_modules/yaml/browser/index.js' },
    plugins: [handlebarsRuntimeEsm, yogaWasmFile, precompiledTemplates, srcForTheBundle],
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
