// The full-screen wizard's chunk (Ink, React and its reconciler, ~340 kB of the package's
// ~850 kB) ships brotli-compressed, as yoga's WebAssembly does: a quarter of the size, and
// 1-2 ms to decompress. It is loaded only by the interactive wizard, behind its first screen,
// so `--help`, `--version`, `--dry-run` and `--yes` never touch it.
//
// The chunk is an ES module that imports shared chunks by relative path and uses
// import.meta.url. At run time it is decompressed and imported from a data: URL, which
// resolves only absolute specifiers: the loader rewrites its relative specifiers to the
// absolute file: URLs of the chunks beside it (the same URLs, so the same module instances
// as every other import of them), and import.meta.url to the URL the chunk would have had.
import { readFile, unlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { brotliCompressSync, constants as zlib } from 'node:zlib';

/** The expression that replaces `import("./NAME")`; `NAME` is the chunk's file name. */
export function loaderExpression(name) {
  const url = `new URL(${JSON.stringify(`./${name}.br`)},import.meta.url)`;
  return (
    `(async u=>{` +
    `const{readFileSync:r}=process.getBuiltinModule("node:fs"),{brotliDecompressSync:d}=process.getBuiltinModule("node:zlib"),` +
    `a=p=>JSON.stringify(new URL(p,u).href);` +
    `const s=d(r(u)).toString().replace(/\\b(from|import)(\\s*\\(?\\s*)"(\\.\\.?\\/[^"]+)"/g,(m,k,w,p)=>k+w+a(p)).replaceAll("import.meta.url",a(${JSON.stringify(`./${name}`)}));` +
    `return import("data:text/javascript;base64,"+Buffer.from(s).toString("base64"))` +
    `})(${url})`
  );
}

/**
 * Compresses the output chunk of `entry` (a source path as esbuild's metafile names it) to
 * `<chunk>.br`, removes the chunk, and points every dynamic import of it at the loader.
 * Returns the compressed file's path relative to the root, or throws when the chunk or an
 * import of it is not where the build should have put them.
 */
export async function compressEntryChunk(root, metafile, entry) {
  const outputs = Object.entries(metafile.outputs);
  // A package's entry is named by its path under node_modules, wherever node_modules is.
  const chunk = outputs.find(([, o]) => o.entryPoint === entry || o.entryPoint?.endsWith(`/${entry}`))?.[0];
  if (!chunk) throw new Error(`compress-chunk: no output chunk for ${entry}`);
  const name = basename(chunk);
  const path = join(root, chunk);
  const text = await readFile(path);
  const packed = brotliCompressSync(text, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: text.length } });
  const call = `import(${JSON.stringify(`./${name}`)})`;
  let importers = 0;
  for (const [file] of outputs.filter(([f]) => f.endsWith('.js') && f !== chunk)) {
    // A chunk compressed before this one is gone from the folder (its .br cannot import this one).
    const source = await readFile(join(root, file), 'utf8').catch((e) => (e.code === 'ENOENT' ? '' : Promise.reject(e)));
    if (!source.includes(call)) continue;
    await writeFile(join(root, file), source.split(call).join(loaderExpression(name)));
    importers++;
  }
  if (importers === 0) throw new Error(`compress-chunk: nothing imports ${name} as ${call}`);
  await writeFile(`${path}.br`, packed);
  await unlink(path);
  return `${chunk}.br`;
}
