// A publishing job on a runner GitHub reports as self-hosted cannot publish with trusted
// publishing, whatever the workflow says: the migration is refused, naming the runner, rather than
// written and left to fail at the registry.
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { selfHostedRunner } from '../audit/self-hosted-runners.js';
import { MigrateError } from './errors.js';
import type { JobView } from './jobs.js';

function labels(node: unknown): string[] {
  if (isScalar(node)) return [String(node.value)];
  if (isSeq(node)) return node.items.filter(isScalar).map((item) => String(item.value));
  if (isMap(node)) return labels(node.get('labels', true) as Node | undefined);
  return [];
}

export function checkSelfHostedRunner(job: JobView, listed: readonly string[] = []): void {
  for (const label of labels(job.node.get('runs-on', true))) {
    const who = selfHostedRunner(label, listed);
    if (who === undefined) continue;
    const what = who === 'self-hosted' ? 'a self-hosted runner' : who === 'listed' ? `the runner label ${label}, which .github/actionlint.yaml lists as self-hosted` : `a ${who} runner (${label}), which GitHub reports as self-hosted`;
    throw new MigrateError(
      `job "${job.id}" publishes on ${what}: npm accepts trusted publishing, and the provenance it adds, only from cloud-hosted runners (E422 "runner environment: self-hosted").\n` +
        'Publish from a GitHub-hosted runner such as `ubuntu-latest` (build elsewhere if you must, and pass the tarball as an artifact), then migrate again.',
    );
  }
}
