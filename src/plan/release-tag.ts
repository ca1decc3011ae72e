// The tag a first release pushes must start the workflow: a migrated workflow keeps its own
// `on.push.tags` filter (`cli-v*`, `[0-9]+.[0-9]+.[0-9]+`), which v<version> need not match.
// No YAML parser here: the checklist is on the start-up path (migrate/tag-filters.ts reads them).
export interface TagFilters {
  tags: string[];
  ignore: string[];
}

/**
 * GitHub's filter patterns: `*` any run of characters but `/`, `**` any run, `?` zero or one of the
 * character before, `+` one or more of it, `[0-9]` one of a set or range.
 */
export function filterMatches(pattern: string, value: string): boolean {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      const double = pattern[i + 1] === '*';
      re += double ? '.*' : '[^/]*';
      if (double) i++;
    } else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) return false;
      re += pattern.slice(i, end + 1).replace(/\\/g, '\\\\');
      i = end;
    } else if (c === '?' || c === '+') {
      re += re === '' ? `\\${c}` : c;
    } else {
      re += c.replace(/[.^${}()|\]\\]/g, '\\$&');
    }
  }
  try {
    return new RegExp(`^${re}$`).test(value);
  } catch {
    return false;
  }
}

/** True when pushing the tag starts a workflow with these filters (a later `!` pattern excludes). */
export function tagStarts(tag: string, filters: TagFilters): boolean {
  let starts = filters.tags.length === 0;
  for (const pattern of filters.tags) {
    if (pattern.startsWith('!')) {
      if (filterMatches(pattern.slice(1), tag)) starts = false;
    } else if (filterMatches(pattern, tag)) starts = true;
  }
  return starts && !filters.ignore.some((pattern) => filterMatches(pattern, tag));
}

/**
 * The tag to push for a version: the usual one when the filters take it, else v<version>,
 * <version>, or a pattern's literal prefix before either (`cli-v*` → cli-v1.2.0). Undefined when
 * none of those starts the workflow.
 */
export function releaseTag(usual: string, version: string, filters: TagFilters): string | undefined {
  const prefixes = filters.tags.filter((p) => !p.startsWith('!')).map((p) => /^[^*?+[]*/.exec(p)![0]);
  const candidates = [usual, `v${version}`, version, ...prefixes.flatMap((p) => [`${p}${version}`, `${p}v${version}`])];
  return candidates.find((tag) => tagStarts(tag, filters));
}
