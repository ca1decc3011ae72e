// Event filters GitHub does not know (`branch:` for `branches:`) are ignored, silently: the
// trigger does not do what it says. actionlint reports them as syntax errors.
import { isMap, isScalar, type Pair, type YAMLMap } from 'yaml';

/** The filters GitHub reads under a webhook event. */
const FILTERS = ['branches', 'branches-ignore', 'paths', 'paths-ignore', 'tags', 'tags-ignore', 'types', 'workflows'];
/** The events whose filters are checked. */
const EVENTS = ['push', 'pull_request', 'pull_request_target'];
/** The ref and path filters each event has: the ones a misspelt key is surely meant to be. */
const REF_AND_PATH: Record<string, string[]> = {
  push: ['branches', 'branches-ignore', 'tags', 'tags-ignore', 'paths', 'paths-ignore'],
  pull_request: ['branches', 'branches-ignore', 'paths', 'paths-ignore'],
  pull_request_target: ['branches', 'branches-ignore', 'paths', 'paths-ignore'],
};
/** Every filter each event has. */
const HAS: Record<string, string[]> = { push: REF_AND_PATH.push!, pull_request: [...REF_AND_PATH.pull_request!, 'types'], pull_request_target: [...REF_AND_PATH.pull_request_target!, 'types'] };

export interface IgnoredFilter {
  event: string;
  key: string;
  /** Offset of the key in the text. */
  offset: number;
  /** The filter it was likely meant to be (`branch` → `branches`). */
  meant?: string;
  /**
   * The ref or path filter of this event it is a plain misspelling of (`branch`, `branch_ignore`,
   * `path-ignore`), when the event does not also hold that filter: renaming the key is the fix.
   */
  misspelt?: string;
  /** The event's own mapping and the key's pair in it. */
  filters: YAMLMap;
  pair: Pair;
}

/** `branch`, `branch-ignore`, `branches_ignore`: the filter of `event` the key misspells, if any. */
function misspelling(event: string, key: string): string | undefined {
  const written = key.replace(/_/g, '-');
  return REF_AND_PATH[event]!.find((filter) => filter !== key && (filter === written || filter.replace(/^(branch|tag|path)e?s/, '$1') === written));
}

/** Every filter GitHub ignores under `on:` of the workflow `root`. */
export function ignoredFilters(root: YAMLMap): IgnoredFilter[] {
  const on = root.get('on', true);
  if (!isMap(on)) return [];
  const out: IgnoredFilter[] = [];
  for (const event of on.items) {
    if (!isScalar(event.key) || !EVENTS.includes(String(event.key.value)) || !isMap(event.value)) continue;
    const name = String(event.key.value);
    const filters = event.value;
    for (const filter of filters.items) {
      if (!isScalar(filter.key) || FILTERS.includes(String(filter.key.value))) continue;
      const key = String(filter.key.value);
      const misspelt = misspelling(name, key);
      const meant = misspelt ?? HAS[name]!.find((f) => f === `${key}s` || f === `${key}es`);
      out.push({
        event: name,
        key,
        offset: filter.key.range?.[0] ?? 0,
        ...(meant ? { meant } : {}),
        ...(misspelt && !filters.has(misspelt) ? { misspelt } : {}),
        filters,
        pair: filter,
      });
    }
  }
  return out;
}
