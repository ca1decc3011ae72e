// The push tag filters of a migrated workflow, read for the checklist's first release tag
// (plan/release-tag.ts matches them). Here, not there: the YAML parser stays off the start-up path.
import { parse } from 'yaml';
import type { TagFilters } from '../plan/release-tag.js';

/** `on.push.tags` and `tags-ignore` of a workflow, when it has either. */
export function pushTagFilters(content: string): TagFilters | undefined {
  let doc: unknown;
  try {
    doc = parse(content);
  } catch {
    return undefined;
  }
  const on = (doc as { on?: unknown } | null)?.on;
  const push = on !== null && typeof on === 'object' && !Array.isArray(on) ? (on as { push?: unknown }).push : undefined;
  if (push === null || typeof push !== 'object' || Array.isArray(push)) return undefined;
  const list = (value: unknown) => (value === undefined || value === null ? [] : [value].flat().map(String));
  const filters = { tags: list((push as Record<string, unknown>).tags), ignore: list((push as Record<string, unknown>)['tags-ignore']) };
  return filters.tags.length > 0 || filters.ignore.length > 0 ? filters : undefined;
}
