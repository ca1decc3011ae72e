// The jobs a job waits for through `needs:`, directly or through the jobs those wait for.
import { isScalar, isSeq, type Node } from 'yaml';

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
