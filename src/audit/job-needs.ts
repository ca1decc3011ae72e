// The jobs a job waits for through `needs:`, directly or through the jobs those wait for, and
// the names under `needs:` the file has no job for.
import { isScalar, isSeq, type Node, type YAMLMap } from 'yaml';

/** The job ids a `needs:` value lists (one name, or a list of names). */
export function listedNeeds(node: Node | null | undefined): string[] {
  if (isScalar(node) && typeof node.value === 'string') return [node.value];
  if (isSeq(node)) return node.items.flatMap((item) => (isScalar(item) && typeof item.value === 'string' ? [item.value] : []));
  return [];
}

/** Every job the `start` jobs wait for, however far back, not counting the `start` jobs themselves. */
export function upstreamJobs(start: readonly string[], needsOf: (id: string) => string[]): string[] {
  const seen = new Set<string>();
  const queue = start.flatMap(needsOf);
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (seen.has(id) || start.includes(id)) continue;
    seen.add(id);
    queue.push(...needsOf(id));
  }
  return [...seen];
}

export interface MissingNeed {
  job: string;
  /** The job id `needs:` names that the file does not have. */
  need: string;
  /** Offset of that name in the text. */
  offset: number;
}

/**
 * Every `needs:` name that is no job of the file: GitHub rejects the whole file for one, so the
 * workflow never ran. `jobs` are the file's jobs, id and mapping.
 */
export function missingNeeds(jobs: readonly { id: string; node: YAMLMap }[]): MissingNeed[] {
  const ids = new Set(jobs.map((job) => job.id));
  return jobs.flatMap((job) => {
    const needs = job.node.get('needs', true) as Node | undefined;
    const names = isScalar(needs) ? [needs] : isSeq(needs) ? needs.items.filter(isScalar) : [];
    return names
      .filter((name) => typeof name.value === 'string' && !ids.has(name.value))
      .map((name) => ({ job: job.id, need: String(name.value), offset: name.range?.[0] ?? job.node.range?.[0] ?? 0 }));
  });
}
