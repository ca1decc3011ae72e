// Logs every module a process loads to $CTP_TRACE_IMPORTS, one line each:
// `<ms since process start, when first resolved>\t<resolved URL>`, or `<ms>\t!<specifier>`
// for an import or require that failed to resolve (e.g. an optional dependency that a
// bundled package probes for in a try/catch).
//   CTP_TRACE_IMPORTS=/tmp/loaded.txt node --import ./bench/trace-imports.mjs bin/create-trusted-publish.js --help
// Covers import, import() and require() (built-ins show as node:*). Uses the in-thread
// module.registerHooks (Node >= 22.15 / 23.5); on older Node, the off-thread module.register.
// bench/run.mjs uses it to check that --help, --version, --dry-run and --yes never load the
// chunks holding React, Ink or Inquirer. It slows loading a little: never time a traced run.
import module from 'node:module';
import { appendFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const out = process.env.CTP_TRACE_IMPORTS;
if (out) {
  if (typeof module.registerHooks === 'function') {
    const seen = new Set();
    module.registerHooks({
      resolve(specifier, context, nextResolve) {
        let result;
        try {
          result = nextResolve(specifier, context);
        } catch (error) {
          appendFileSync(out, `${performance.now().toFixed(1)}\t!${specifier}\n`);
          throw error;
        }
        if (!seen.has(result.url)) {
          seen.add(result.url);
          appendFileSync(out, `${performance.now().toFixed(1)}\t${result.url}\n`);
        }
        return result;
      },
    });
  } else {
    const hooks = `
      import { appendFileSync } from 'node:fs';
      import { performance } from 'node:perf_hooks';
      let out, origin; const seen = new Set();
      export function initialize(data) { out = data.out; origin = data.origin; }
      export async function resolve(specifier, context, nextResolve) {
        let result;
        try { result = await nextResolve(specifier, context); } catch (error) {
          const ms = performance.timeOrigin + performance.now() - origin; appendFileSync(out, ms.toFixed(1) + '\\t!' + specifier + '\\n'); throw error;
        }
        if (!seen.has(result.url)) { seen.add(result.url); const ms = performance.timeOrigin + performance.now() - origin; appendFileSync(out, ms.toFixed(1) + '\\t' + result.url + '\\n'); }
        return result;
      }`;
    module.register('data:text/javascript,' + encodeURIComponent(hooks), { data: { out, origin: performance.timeOrigin } });
  }
}
