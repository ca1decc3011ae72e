// A publish step that uses a local Docker container action (`runs: using: docker`): the publish
// runs inside the action's container, with the npm of its image, not setup-node's nor the
// runner's, so an npm upgrade or a Node this migration adds to the job does not reach it, and
// which npm the image has cannot be read offline. The runner does hand the container the job's
// OIDC request variables (with `id-token: write`), but the action's script writes the token
// itself. Removing the token would leave a workflow that may not publish: the migration stops.
import { isScalar } from 'yaml';
import { dockerActionScript } from '../audit/docker-action.js';
import { localActionFile } from '../audit/local-action.js';
import { MigrateError } from './errors.js';
import type { JobView } from './jobs.js';
import { textOf } from './nodes.js';
import { printable } from '../text/clip.js';

type ReadFile = ((path: string, maxBytes?: number) => string | undefined) | undefined;

/** `runs: using: docker` in a local action's file. */
const DOCKER = /^[ \t]+using:[ \t]*['"]?docker['"]?[ \t]*(?:#.*)?$/im;

export function refuseDockerActionPublish(jobs: readonly JobView[], content: string, path: string, readFile: ReadFile): void {
  for (const job of jobs) {
    for (const step of job.publishing) {
      const uses = textOf(step, 'uses') ?? '';
      const file = uses.startsWith('./') ? localActionFile(uses, readFile) : undefined;
      if (!file || !DOCKER.test(file.text)) continue;
      const node = step.get('uses', true);
      const offset = (isScalar(node) ? node.range?.[0] : undefined) ?? step.range?.[0] ?? 0;
      const line = content.slice(0, offset).split('\n').length;
      const dir = file.path.replace(/\/action\.ya?ml$/, '');
      const script = dockerActionScript(dir, file.text, readFile);
      throw new MigrateError(
        `${path}:${line}: job "${job.id}" publishes inside the Docker container action ${printable(uses)} (runs: using: docker in ${printable(file.path)}${script ? `; its container runs ${printable(script)}` : ''}).\n` +
          "The npm that publishes there is the one the action's image has: a Node or npm upgrade in the workflow does not reach it, and whether it is 11.5.1 or newer (as trusted publishing needs) cannot be read offline; the action's own files handle the token.\n" +
          "Publish in a `run:` step of the job on the runner instead (setup-node with Node 24, then `npm publish`), after the container builds the package; or give the image npm 11.5.1 or newer, grant the job id-token: write and retire the token from the action yourself. Nothing was written.",
      );
    }
  }
}
