// Actions whose only work is to write the npm token into .npmrc for a later `npm publish`: they
// do not publish, so they are not publish actions to refuse. With the token retired the step has
// nothing left to do and goes; the publish step after it does the OIDC exchange.
import { secretName } from '../detect/workflows.js';
import type { JobView } from './jobs.js';
import { mapOf, nodeOf, textOf, removeItem } from './nodes.js';

/**
 * filipstefansson/set-npm-token-action (v1, its only major): writes
 * `//registry.npmjs.org/:_authToken=<token input>` to ./.npmrc, nothing else.
 */
const TOKEN_WRITERS: readonly string[] = ['filipstefansson/set-npm-token-action'];

const writerOf = (uses: string): string | undefined => TOKEN_WRITERS.find((name) => uses.toLowerCase().startsWith(`${name}@`));

/** Removes the job's token-writing action steps; returns the secrets they were handed. */
export function noTokenWriterActions(job: JobView, notes: string[]): string[] {
  const secrets: string[] = [];
  const seq = nodeOf(job.node, 'steps');
  for (const step of [...job.steps]) {
    const writer = writerOf(textOf(step, 'uses') ?? '');
    if (writer === undefined) continue;
    const secret = secretName(textOf(mapOf(step, 'with'), 'token') ?? '');
    if (secret) secrets.push(secret);
    removeItem(seq, step);
    job.steps.splice(job.steps.indexOf(step), 1);
    notes.push(`job "${job.id}": removed ${writer}, which only wrote the npm token to .npmrc${secret ? ` (secrets.${secret})` : ''}`);
  }
  return secrets;
}
