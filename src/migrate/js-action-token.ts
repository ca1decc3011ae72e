// A job that publishes and uses a local JavaScript action whose code writes the npm token into
// .npmrc (`//registry.npmjs.org/:_authToken=${process.env.NPM_TOKEN}`): the migration cannot edit
// that code, and removing the token from the step leaves it writing a token line that hides a
// failed OIDC exchange. The migration stops and names the line to remove.
import { isScalar } from 'yaml';
import { actionKey } from '../audit/js-action.js';
import type { PublishContext } from '../audit/publish-rule.js';
import { MigrateError } from './errors.js';
import type { JobView } from './jobs.js';
import { textOf } from './nodes.js';
import { printable } from '../text/clip.js';

export function refuseJsActionTokenWriter(jobs: readonly JobView[], content: string, path: string, context: PublishContext | undefined): void {
  for (const job of jobs) {
    if (job.publishing.size === 0) continue;
    for (const step of job.steps) {
      const uses = textOf(step, 'uses') ?? '';
      const writer = uses.startsWith('./') ? context?.jsActions?.[actionKey(uses)]?.writesToken : undefined;
      if (!writer) continue;
      const node = step.get('uses', true);
      const line = content.slice(0, (isScalar(node) ? node.range?.[0] : undefined) ?? step.range?.[0] ?? 0).split('\n').length;
      throw new MigrateError(
        `${path}:${line}: job "${job.id}" publishes, and the local JavaScript action ${printable(uses)} writes the npm token into .npmrc in its code (${printable(writer.path)}:${writer.line}).\n` +
          'A migration does not edit JavaScript: with the token gone that line still writes an _authToken, which hides a failed OIDC exchange behind a misleading E401 or E404.\n' +
          'Remove the .npmrc token line from the action (trusted publishing needs none) and the token from its step, then run again. Nothing was written.',
      );
    }
  }
}
