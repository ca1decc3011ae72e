// JS-DevTools/npm-publish at its v4.1.5 commit, run as the runner runs a JavaScript action: with
// the runner's own Node, its inputs as INPUT_* variables. The action's entry (src/action/main.ts
// and src/action/core.ts at 0fd2f4369c5d6bcfcde6091a7c527d810b9b5c3f) only maps inputs to the
// library's npmPublish() and its results to outputs; the library itself is the real one, the
// package @jsdevtools/npm-publish of the same version from the npm registry. It calls the npm on
// the job's PATH with a temporary user .npmrc whose _authToken is the `token` input (empty here).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exec, type Box, type Ran } from './machine.js';
import { packageBin, NPM_PUBLISH_ACTION } from './tools.js';

export const NPM_PUBLISH_ACTION_COMMIT = '0fd2f4369c5d6bcfcde6091a7c527d810b9b5c3f';

/** main.ts and core.ts of the action, as a script: inputs as @actions/core reads them, outputs to GITHUB_OUTPUT. */
const entry = (lib: string) => `import { appendFileSync } from 'node:fs';
import { npmPublish } from ${JSON.stringify(lib)};
const raw = (name) => (process.env['INPUT_' + name.replace(/ /g, '_').toUpperCase()] || '').trim();
const input = (name) => raw(name) || undefined;
const bool = (name) => (raw(name).toLowerCase() === 'true' ? true : raw(name).toLowerCase() === 'false' ? false : undefined);
const output = (name, value) => appendFileSync(process.env.GITHUB_OUTPUT, name + '<<ghadelimiter\\n' + String(value) + '\\nghadelimiter\\n');
try {
  const results = await npmPublish({
    token: input('token'), registry: input('registry'), package: input('package'), tag: input('tag'), access: input('access'),
    provenance: bool('provenance'), strategy: input('strategy'), ignoreScripts: bool('ignore-scripts'), dryRun: bool('dry-run'),
    logger: { debug: () => {}, info: (m) => console.log(m), error: (m) => console.error(String(m)) },
    temporaryDirectory: process.env.RUNNER_TEMP,
  });
  output('id', results.id ?? '');
  output('name', results.name);
  output('version', results.version);
  output('type', results.type ?? '');
  output('old-version', results.oldVersion ?? '');
  output('registry', results.registry.href);
  output('tag', results.tag);
  output('access', results.access ?? 'default');
  output('strategy', results.strategy);
  output('dry-run', results.dryRun);
} catch (error) {
  console.error('::error::' + (error instanceof Error ? error.message : String(error)));
  process.exitCode = 1;
}
`;

/** Runs the action in `workspace` with its `with:` inputs (already interpolated); undefined when the library cannot be had. */
export async function npmPublishAction(box: Box, inputs: Record<string, string>, workspace: string, env: Record<string, string>): Promise<Ran | { missing: string }> {
  const bin = packageBin('@jsdevtools/npm-publish', NPM_PUBLISH_ACTION);
  if (!bin.ok) return { missing: bin.reason };
  const script = join(box.temp, 'npm-publish-action.mjs');
  writeFileSync(script, entry(join(bin.value, '..', '@jsdevtools', 'npm-publish', 'lib', 'index.js')));
  const inputEnv = Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.replace(/ /g, '_').toUpperCase()}`, value]));
  return exec(process.execPath, [script], workspace, { ...env, ...inputEnv });
}
