// Event filters GitHub does not know (`branch:` for `branches:`) are ignored, silently: the
// trigger does not do what it says. actionlint reports them as syntax errors. workflow_dispatch,
// create and delete take no filter at all: a `branches:` under them is ignored the same way.
import { isMap, isScalar, type Pair, type YAMLMap } from 'yaml';

/** The filters GitHub reads under a webhook event. */
const FILTERS = ['branches', 'branches-ignore', 'paths', 'paths-ignore', 'tags', 'tags-ignore', 'types', 'workflows'];
/** The keys GitHub reads under each event that is checked. */
const READS: Record<string, string[]> = {
  push: FILTERS,
  pull_request: FILTERS,
  pull_request_target: FILTERS,
  workflow_run: ['branches', 'branches-ignore', 'types', 'workflows'],
  workflow_dispatch: ['inputs'],
  create: [],
  delete: [],
};
/**
 * The filters a misspelt key is surely meant to be, per event: its ref and path filters, and
 * workflow_run's `types` (with no types, every activity of the workflows listed starts it, so
 * the filter can only narrow it to what it says).
 */
const REF_AND_PATH: Record<string, string[]> = {
  push: ['branches', 'branches-ignore', 'tags', 'tags-ignore', 'paths', 'paths-ignore'],
  pull_request: ['branches', 'branches-ignore', 'paths', 'paths-ignore'],
  pull_request_target: ['branches', 'branches-ignore', 'paths', 'paths-ignore'],
  workflow_run: ['branches', 'branches-ignore', 'types'],
  workflow_dispatch: [],
  create: [],
  delete: [],
};
/** Every filter each event has. */
const HAS: Record<string, string[]> = {
  push: REF_AND_PATH.push!,
  pull_request: [...REF_AND_PATH.pull_request!, 'types'],
  pull_request_target: [...REF_AND_PATH.pull_request_target!, 'types'],
  workflow_run: READS.workflow_run!,
  workflow_dispatch: READS.workflow_dispatch!,
  create: [],
  delete: [],
};
/** Events that take no filter, and what then runs the workflow whatever a filter under them says. */
export const TAKES_NONE: Record<string, string> = {
  workflow_dispatch: 'a run started by hand on any branch',
  create: 'creating any branch or tag',
  delete: 'deleting any branch or tag',
};
/** The filters GitHub reads under `event`, for a message. */
export const filtersOf = (event: string): string[] => HAS[event] ?? FILTERS;
/** The activity types GitHub knows for an event whose misspelt `types` is renamed. */
export const ACTIVITY_TYPES: Record<string, string[]> = { workflow_run: ['completed', 'requested', 'in_progress'] };

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
  /** The event takes no filter (workflow_dispatch, create, delete) and the key is a filter of other events: GitHub ignores it. */
  takesNone?: true;
  /** The event's own mapping and the key's pair in it. */
  filters: YAMLMap;
  pair: Pair;
}

/** `branch`, `branch-ignore`, `branches_ignore`: the filter of `event` the key misspells, if any. */
function misspelling(event: string, key: string): string | undefined {
  const written = key.replace(/_/g, '-');
  return REF_AND_PATH[event]!.find((filter) => filter !== key && (filter === written || filter.replace(/^(branch|tag|path|type)e?s/, '$1') === written));
}

/** Every filter GitHub ignores under `on:` of the workflow `root`. */
export function ignoredFilters(root: YAMLMap): IgnoredFilter[] {
  const on = root.get('on', true);
  if (!isMap(on)) return [];
  const out: IgnoredFilter[] = [];
  for (const event of on.items) {
    if (!isScalar(event.key) || !Object.hasOwn(READS, String(event.key.value)) || !isMap(event.value)) continue;
    const name = String(event.key.value);
    const filters = event.value;
    for (const filter of filters.items) {
      if (!isScalar(filter.key) || READS[name]!.includes(String(filter.key.value))) continue;
      const key = String(filter.key.value);
      const misspelt = misspelling(name, key);
      const meant = misspelt ?? HAS[name]!.find((f) => f === `${key}s` || f === `${key}es`);
      out.push({
        event: name,
        key,
        offset: filter.key.range?.[0] ?? 0,
        ...(meant ? { meant } : {}),
        ...(misspelt && !filters.has(misspelt) ? { misspelt } : {}),
        ...(Object.hasOwn(TAKES_NONE, name) && FILTERS.includes(key) ? { takesNone: true as const } : {}),
        filters,
        pair: filter,
      });
    }
  }
  return out;
}
