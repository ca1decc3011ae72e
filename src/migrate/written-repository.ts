// A package.json the publishing job writes from JSON text (detect/written-manifest.ts) gets
// "repository" there, as the repository's own package.json does: npm compares it with the
// repository in the OIDC token and rejects a trusted publish without it (E422).
import { isScalar } from 'yaml';
import type { RepoRef } from '../core/model.js';
import type { Workflow } from '../audit/workflow-model.js';
import { npmPublishSteps } from '../audit/registry.js';
import { publishFolders } from '../detect/publish-folders.js';
import { withRepository, writtenManifest } from '../detect/written-manifest.js';
import { expectedRepository } from '../detect/repository.js';
import type { JobView } from './jobs.js';
import { nodeOf } from './nodes.js';

/** Adds "repository" to each such package.json; the lines for the list of changes. */
export function writtenRepository(model: Workflow | undefined, jobs: readonly JobView[], repo: RepoRef | undefined, readFile: ((path: string) => string | undefined) | undefined): string[] {
  if (!model || !repo || !readFile) return [];
  const url = expectedRepository(repo, '').url;
  const changes: string[] = [];
  for (const job of model.jobs) {
    const view = jobs.find((j) => j.id === job.id && j.steps.length === job.steps.length);
    for (const step of view ? npmPublishSteps(model, job) : []) {
      for (const dir of publishFolders(model, job, step) ?? []) {
        const written = readFile(dir ? `${dir}/package.json` : 'package.json') === undefined ? writtenManifest(model, job, dir, step) : undefined;
        const node = written ? nodeOf(view!.steps[job.steps.indexOf(written.step)]!, 'run') : undefined;
        const after = isScalar(node) && typeof node.value === 'string' ? withRepository(node.value, url) : undefined;
        if (after === undefined || !isScalar(node)) continue;
        node.value = after;
        changes.push(`job "${job.id}": the package.json it writes for ${written!.name} sets "repository" to this repository (npm checks it: E422 otherwise)`);
      }
    }
  }
  return changes;
}
