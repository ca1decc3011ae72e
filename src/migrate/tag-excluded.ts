// Push tags that name packages (`widget-*@*`, `cli-v*`) with a negated pattern for one of them
// (`!widget-api-client@*`, or the same in `tags-ignore`): that package is released by another
// workflow, so it is not one this workflow needs a trusted publisher for.
import { posix } from 'node:path';
import type { PackageInfo } from '../core/model.js';
import { filterMatches, tagStarts } from '../plan/release-tag.js';
import { pushTagFilters } from './tag-filters.js';

/** The tags a package's release would push: `<name>@<version>` and `<name>-v<version>`, by its name, its name without the scope, or its folder. */
function releaseTags(p: PackageInfo): string[] {
  const version = p.version ?? '1.0.0';
  const ids = [p.name, p.name?.replace(/^@[^/]+\//, ''), p.dir ? posix.basename(p.dir) : undefined].filter((id): id is string => !!id);
  return [...new Set(ids)].flatMap((id) => [`${id}@${version}`, `${id}-v${version}`]);
}

/**
 * The packages a workflow's push tag filters leave out by name: a negated pattern (or a
 * `tags-ignore` one) matches one of its release tags, which then does not start the workflow.
 * None when the filters would leave out every package (they do not name packages then).
 */
export function tagExcludedPackages(packages: readonly PackageInfo[], content: string): PackageInfo[] {
  const filters = pushTagFilters(content);
  if (!filters) return [];
  const negated = [...filters.tags.filter((t) => t.startsWith('!')).map((t) => t.slice(1)), ...filters.ignore];
  if (negated.length === 0) return [];
  const out = packages.filter((p) => {
    const tags = releaseTags(p);
    return tags.some((tag) => negated.some((pattern) => filterMatches(pattern, tag)) && !tagStarts(tag, filters));
  });
  return out.length < packages.length ? out : [];
}
