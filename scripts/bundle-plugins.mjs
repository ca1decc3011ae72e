// The esbuild plugins of the published bundle (scripts/build.mjs). Each one fixes a cause of
// start-up time or package size found with bench/profile.mjs; each checks that the code it
// rewrites still looks as it expects, and fails the build otherwise.
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { brotliCompressSync, constants as zlib } from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// yoga-layout (Ink's layout engine) embeds its WebAssembly as a 96 kB base64 data: URL and
// decodes it with a JavaScript loop; where a global fetch exists (Node 18+) it even streams
// that URL through Node's fetch (~25 ms, ~6 MiB). The build takes the binary out instead:
// brotli-compressed beside the chunks (25 kB, a quarter of the base64: the package's largest
// single saving), and yoga-layout's entry hands it to the Emscripten loader as `wasmBinary`,
// which then uses neither the data: URL nor fetch. Reading and decompressing it takes ~1 ms,
// once Ink loads (behind the first screen).
const YOGA_WASM = 'yoga-layout.wasm.br';
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

// Every templates/**/*.hbs precompiled into src/render/precompiled.ts, keyed by path, so runs
// load only Handlebars' runtime and the package ships no template source (only
// templates/actions.json, which is data). The options must equal COMPILE_OPTIONS in
// src/render/engine.ts; test/render/bundle.test.ts compares the bundle's output with the
// source's byte for byte.
const COMPILE_OPTIONS = { noEscape: true, strict: true };
const PRECOMPILED_MODULE = /src[\\/]render[\\/]precompiled\.ts$/;

// Handlebars' precompiled code carries what only its compiler's own fallbacks and messages
// need: a lookupProperty fallback for runtimes older than 4.6 in every function (the bundled
// runtime always provides container.lookupProperty), and the source location of every
// expression, used only to add a line number to an error a template bug would raise. Those
// errors are caught when running from source, where nothing is precompiled. Without them the
// templates are ~40% smaller (the whole package ~20 kB) and load faster.
const LOOKUP_FALLBACK =
  /container\.lookupProperty \|\| function\(parent, propertyName\) \{\s*if \(Object\.prototype\.hasOwnProperty\.call\(parent, propertyName\)\) \{\s*return parent\[propertyName\];\s*\}\s*return undefined\s*\}/g;
const LOC = /\{"start":\{"line":\d+,"column":\d+\},"end":\{"line":\d+,"column":\d+\}\}/g;
function slimPrecompiled(code) {
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

// One group per top folder of templates/ (a provider: github, gitlab, circleci), each a function
// that builds its templates when first called: a GitHub run never builds the others.
const precompiledTemplates = {
  name: 'precompiled-templates',
  setup(b) {
    b.onLoad({ filter: PRECOMPILED_MODULE }, async () => {
      const Handlebars = createRequire(import.meta.url)('handlebars/dist/cjs/handlebars.js');
      const dir = join(root, 'templates');
      const files = await templateFiles();
      const groups = new Map();
      for (const file of files) {
        const source = await readFile(join(dir, file), 'utf8');
        const spec = slimPrecompiled(Handlebars.precompile(source, COMPILE_OPTIONS));
        const group = file.split('/')[0];
        groups.set(group, [...(groups.get(group) ?? []), `${JSON.stringify(file)}:${spec}`]);
      }
      const entries = [...groups].map(([group, specs]) => `${JSON.stringify(group)}:()=>({${specs.join(',')}})`);
      return { contents: `export default {${entries.join(',')}};`, loader: 'js', watchFiles: files.map((f) => join(dir, f)) };
    });
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

/**
 * In this order: the first plugin whose onLoad answers a file wins, and src-for-the-bundle
 * would otherwise take the precompiled-templates module (it is in src/ too).
 */
export const bundlePlugins = [handlebarsRuntimeEsm, yogaWasmFile, precompiledTemplates, srcForTheBundle];
