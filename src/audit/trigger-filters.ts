// Event filters GitHub does not know (`branch:` for `branches:`) are ignored, silently: the
// trigger does not do what it says. actionlint reports them as syntax errors.
import { isMap, isScalar, type YAMLMap } from 'yaml';

/** The filters GitHub reads under a webhook event. */
const FILTERS = ['branches', 'branches-ignore', 'paths', 'paths-ignore', 'tags', 'tags-ignore', 'types', 'workflows'];
/** The events whose filters are checked. */
const EVENTS = ['push', 'pull_request', 'pull_request_target'];

export interface IgnoredFilter {
  event: string;
  key: string;
  /** Offset of the key in the text. */
  offset: number;
  /** The filter it was likely meant to be (`branch` → `branches`). */
  meant?: string;
}

/** Every filter GitHub ignores under `on:` of the workflow `root`. */
export function ignoredFilters(root: YAMLMap): IgnoredFilter[] {
  const on = root.get('on', true);
  if (!isMap(on)) return [];
  const out: IgnoredFilter[] = [];
  for (const event of on.items) {
    if (!isScalar(event.key) || !EVENTS.includes(String(event.key.value)) || !isMap(event.value)) continue;
    for (const filter of event.value.items) {
      if (!isScalar(filter.key) || FILTERS.includes(String(filter.key.value))) continue;
      const key = String(filter.key.value);
      const meant = FILTERS.find((f) => f === `${key}s` || f === `${key}es`);
      out.push({ event: String(event.key.value), key, offset: filter.key.range?.[0] ?? 0, ...(meant ? { meant } : {}) });
    }
  }
  return out;
}
