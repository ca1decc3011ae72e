// A step that hands the npm token to `npm deprecate` or the like keeps it: the npm CLI does the
// OIDC exchange for `npm publish` only. That step reads NODE_AUTH_TOKEN through the .npmrc line
// setup-node's registry-url writes, so the input stays for it.
import { adminLines } from '../audit/publish-rule.js';
import type { JobView } from './jobs.js';
import { mapOf, textOf } from './nodes.js';

/**
 * The name (or first line) of a step of the job that runs `npm deprecate` or the like with
 * NODE_AUTH_TOKEN in its env (asked once publish steps have lost theirs: one that kept it runs such a command too).
 */
export function adminTokenStep(job: JobView): string | undefined {
  const step = job.steps.find((s) => adminLines(textOf(s, 'run') ?? '').length > 0 && textOf(mapOf(s, 'env'), 'NODE_AUTH_TOKEN') !== undefined);
  if (step === undefined) return undefined;
  return textOf(step, 'name') ?? (textOf(step, 'run') ?? '').trim().split('\n')[0];
}
