// Logs every module a process loads, one resolved URL a line, to $CTP_TRACE_IMPORTS.
//   CTP_TRACE_IMPORTS=/tmp/loaded.txt node --import ./bench/trace-imports.mjs bin/create-trusted-publish.js --help
// Covers import, import() and require() (built-ins show as node:*). Uses the in-thread
// module.registerHooks (Node >= 22.15 / 23.5); on older Node, the off-thread module.register.
// bench/run.mjs uses it to check that --help, --version, --dry-run and --yes never load the
// chunks holding React, Ink or Inquirer. It slows loading a little: never time a traced run.
import module from 'node:module';
import { appendFileSync } from 'node:fs';

const out = process.env.CTP_TRACE_IMPORTS;
if (out) {
  if (typeof module.registerHooks === 'function') {
    const seen = new Set();
    module.registerHooks({
      resolve(specifier, context, nextResolve) {
        const result = nextResolve(specifier, context);
        if (!seen.has(result.url)) {
          seen.add(result.url);
          appendFileSync(out, result.url + '\n');
        }
        return result;
      },
    });
  } else {
    const hooks = `
      import { appendFileSync } from 'node:fs';
      let out; const seen = new Set();
      export function initialize(data) { out = data.out; }
      export async function resolve(specifier, context, nextResolve) {
        const result = await nextResolve(specifier, context);
        if (!seen.has(result.url)) { seen.add(result.url); appendFileSync(out, result.url + '\\n'); }
        return result;
      }`;
    module.register('data:text/javascript,' + encodeURIComponent(hooks), { data: { out } });
  }
}
