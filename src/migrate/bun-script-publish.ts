// A step whose package.json script runs `bun publish` (`bun run publish` into `"publish": "bun
// publish"`): bun has no OIDC exchange, and the script cannot simply become `npm publish`: npm runs
// the lifecycle scripts of its own name (`publish`, `prepublishOnly`...) around a publish, so a
// script of such a name would run it again, and any other script is a package.json edit the user
// should choose. The migration stops and says so, before it writes anything.
import { bunPublishScript } from '../audit/bun-script-publish.js';
import { MigrateError } from './errors.js';
import type { JobView } from './jobs.js';
import { mapOf, textOf } from './nodes.js';

const LIFECYCLE = new Set(['prepublish', 'prepublishOnly', 'prepack', 'prepare', 'postpack', 'publish', 'postpublish']);

export function refuseBunScriptPublish(job: JobView, readFile: ((path: string) => string | undefined) | undefined): void {
  const jobDir = textOf(mapOf(mapOf(job.node, 'defaults'), 'run'), 'working-directory');
  for (const step of job.steps) {
    const run = textOf(step, 'run');
    if (run === undefined) continue;
    for (const line of run.split('\n')) {
      const script = bunPublishScript(line, textOf(step, 'working-directory') ?? jobDir ?? '', readFile);
      if (!script) continue;
      const why = LIFECYCLE.has(script.name)
        ? `npm publish cannot replace it: npm runs a "${script.name}" script itself when it publishes, so it would run \`bun publish\` again`
        : 'this migration does not rewrite package.json scripts';
      throw new MigrateError(
        `job "${job.id}" runs the package.json script "${script.name}" (\`${script.text.trim()}\`): bun has no trusted publishing (no OIDC exchange), and ${why}. Publish with \`npm publish\` in the workflow and rename or remove that script, then migrate again.`,
      );
    }
  }
}
