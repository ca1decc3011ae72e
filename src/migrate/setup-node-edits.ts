// setup-node in a job that publishes: registry-url goes (it writes a placeholder token, and a
// proxy in front of npmjs.com holds a token of its own), and so do caches
// [cache-poisoning], which a poisoned cache could use to run code with publish rights.
import { isMap, type Document, type YAMLMap } from 'yaml';
import { envExpressionValue } from '../audit/workflow-model.js';
import type { JobView } from './jobs.js';
import { mapOf, removeFrom, removeKey, setScalar, textOf } from './nodes.js';
import { usesMajor } from './steps-general.js';
import { MigrateError } from './errors.js';
import { isNpmjs, isProxy } from './registry.js';
import { adminTokenStep } from './admin-token.js';
import { isCacheStep, retireCacheStep } from './cache-steps.js';

/** A step that uses `name` (`actions/setup-node`), at any ref. */
export const isAction = (step: YAMLMap, name: string): boolean => (textOf(step, 'uses') ?? '').toLowerCase().startsWith(`${name}@`);

/** setup-node's registry-url, a `${{ env.X }}` value read from the step, job and workflow `env:`. */
function registryUrlOf(doc: Document, job: JobView, step: YAMLMap): string | undefined {
  const url = textOf(mapOf(step, 'with'), 'registry-url');
  if (url === undefined) return undefined;
  const root = isMap(doc.contents) ? doc.contents : undefined;
  return envExpressionValue(url, [mapOf(step, 'env'), mapOf(job.node, 'env'), mapOf(root, 'env')]) ?? url;
}

function setupNode(doc: Document, job: JobView, step: YAMLMap, notes: string[], switchRegistry: boolean, elsewhere: boolean, left?: string[]): void {
  const withMap = mapOf(step, 'with');
  if (!withMap) {
    // A bare setup-node, moved to v5+ by its pin, would start caching: it gets the `with:` that stops it.
    const major = usesMajor(step);
    if (major === undefined || major >= 5) {
      step.items.push(doc.createPair('with', { 'package-manager-cache': false }));
      notes.push(`job "${job.id}": setup-node with package-manager-cache: false (no cache in a release job)`);
    }
    return;
  }
  const registry = registryUrlOf(doc, job, step);
  if (registry !== undefined && isProxy(registry)) {
    if (!switchRegistry) {
      throw new MigrateError(
        `job "${job.id}" publishes through ${registry}, a proxy in front of npmjs.com (Wombat Dressing Room or the like) that holds a token of its own: trusted publishing only works against registry.npmjs.org. Re-run with --switch-registry to publish to registry.npmjs.org directly (the proxy's release checks no longer apply).`,
      );
    }
    removeKey(withMap, 'registry-url');
    notes.push(`job "${job.id}": publishes to registry.npmjs.org instead of the proxy ${registry} (--switch-registry)`);
  }
  const admin = registry !== undefined && isNpmjs(registry) ? adminTokenStep(job) : undefined;
  if (admin !== undefined) {
    left?.push(`job "${job.id}": kept registry-url on setup-node: step "${admin}" hands NODE_AUTH_TOKEN to an npm command that is no publish (npm deprecate, dist-tag or the like), which trusted publishing does not cover, and npm reads that token through the .npmrc line registry-url writes.`);
  } else if (registry !== undefined && isNpmjs(registry)) {
    removeKey(withMap, 'registry-url');
    // It writes `_authToken=${NODE_AUTH_TOKEN}` (and up to v6 a placeholder token), so npm
    // skips or fails the OIDC exchange with ENEEDAUTH/E404 (actions/setup-node#1551,
    // npm/documentation#1960). registry.npmjs.org needs no registry-url.
    notes.push(`job "${job.id}": removed registry-url from setup-node (it writes a placeholder token)`);
  }
  // always-auth for another registry (this one's, or an earlier setup-node's left in .npmrc) stays.
  if (!elsewhere && removeKey(withMap, 'always-auth')) notes.push(`job "${job.id}": removed always-auth from setup-node`);
  const major = usesMajor(step);
  if ((major === undefined || major >= 5) && textOf(withMap, 'package-manager-cache') !== 'false') {
    setScalar(doc, withMap, 'package-manager-cache', false);
    notes.push(`job "${job.id}": setup-node with package-manager-cache: false (no cache in a release job)`);
  }
}

/** Drops `cache:` inputs and cache steps (see cache-steps.ts), which a poisoned cache could use to run code with publish rights. */
export function noCache(doc: Document, job: JobView, notes: string[], switchRegistry: boolean, left?: string[]): void {
  let registry = 'https://registry.npmjs.org';
  for (const step of [...job.steps]) {
    // A step that ran only on a hit of a removed cache went with it.
    if (!job.steps.includes(step)) continue;
    if (isCacheStep(step)) {
      retireCacheStep(job, step, notes, left);
      continue;
    }
    const withMap = mapOf(step, 'with');
    const cache = textOf(withMap, 'cache');
    if (cache !== undefined && cache !== '' && cache !== 'false') {
      removeFrom(step, 'with', 'cache');
      notes.push(`job "${job.id}": removed cache: ${cache} from ${(textOf(step, 'uses') ?? 'a step').replace(/@.*$/, '')}`);
    }
    if (isAction(step, 'actions/setup-node')) {
      const url = registryUrlOf(doc, job, step);
      if (url !== undefined) registry = url;
      setupNode(doc, job, step, notes, switchRegistry, !isNpmjs(registry) && !isProxy(registry), left);
    }
    if (isAction(step, 'actions/setup-go') && (usesMajor(step) ?? 4) >= 4 && textOf(mapOf(step, 'with'), 'cache') !== 'false') {
      const goWith = mapOf(step, 'with');
      if (goWith) setScalar(doc, goWith, 'cache', false);
      else step.items.push(doc.createPair('with', { cache: false }));
      notes.push(`job "${job.id}": setup-go with cache: false (no cache in a release job)`);
    }
    if (isAction(step, 'oven-sh/setup-bun') && textOf(mapOf(step, 'with'), 'no-cache') !== 'true') {
      const bunWith = mapOf(step, 'with');
      if (bunWith) setScalar(doc, bunWith, 'no-cache', true);
      else step.items.push(doc.createPair('with', { 'no-cache': true }));
      notes.push(`job "${job.id}": setup-bun with no-cache: true`);
    }
  }
}
