// A job that calls a reusable workflow of this repository passes its own GITHUB_TOKEN rights on,
// and GitHub refuses to start the run when a called job asks for more than the caller has. So a
// calling job that a new top-level block would leave with contents: read keeps the scopes its
// callee's permissions blocks ask for.
import { isMap, isScalar, parseDocument } from 'yaml';
import { localCallee } from './jobs.js';
import { mapOf, nodeOf } from './nodes.js';
import { mergeScopes, scopesOf, type Scopes } from './permissions.js';

/**
 * The scopes the jobs of the local workflow `uses` names ask for (its top-level block and each
 * job's), or undefined when it is not a local call, cannot be read, or asks with a shorthand
 * (`read-all`, `write-all`) that names no scope.
 */
export function calledScopes(uses: string | undefined, readFile: ((path: string) => string | undefined) | undefined): Scopes | undefined {
  const file = localCallee(uses);
  const text = file && readFile?.(`.github/workflows/${file}`);
  if (!text) return undefined;
  const root = parseDocument(text).contents;
  if (!isMap(root)) return undefined;
  const blocks = [nodeOf(root, 'permissions'), ...(mapOf(root, 'jobs')?.items ?? []).map((item) => (isMap(item.value) ? nodeOf(item.value, 'permissions') : undefined))];
  const asked: Scopes[] = [];
  for (const block of blocks) {
    if (block === undefined) continue;
    if (isScalar(block)) return undefined;
    const scopes = scopesOf(block);
    if (scopes) asked.push(scopes);
  }
  return asked.length > 0 ? mergeScopes(...asked) : undefined;
}
