// A command kept in a bash array and run through it: `args=(publish --workspace "$dir" --access public)`
// then `npm "${args[@]}"`. The publish rule reads such a line with the array's words written out,
// as assigned in the same script. Only the first assignment (`name=(…)`, `local name=(…)`,
// `declare -a name=(…)`) on one line is read: appends (`args+=(--dry-run)`) are usually conditional,
// so a dry run added in one branch does not hide the publish of the other.

/** `name=( … )` on one line, after `local`, `declare -a` or `readonly -a` when there: group 1 the name, group 2 the words. */
const ASSIGN = /^\s*(?:(?:local|declare|typeset|readonly)(?:\s+-[aA-Za-z]+)*\s+)?([A-Za-z_]\w*)=\((.*)\)\s*(?:#.*)?$/;

/** A package manager run with an array's words: `npm "${args[@]}"`, `pnpm ${cmd[*]}`; group 1 what comes before, group 2 the name. */
const RUN_ARRAY = /(\b(?:npm|pnpm|yarn)\s+(?:[^\s"'$]+\s+)*)"?\$\{([A-Za-z_]\w*)\[[@*]\]\}"?/g;

/** The script with each `npm "${x[@]}"` (also pnpm, yarn) written out from x's first assignment in it; the same text when there is none. */
export function expandBashArrays(script: string): string {
  if (!script.includes('[@]}') && !script.includes('[*]}')) return script;
  const arrays = new Map<string, string>();
  for (const line of script.split('\n')) {
    const m = ASSIGN.exec(line);
    if (m && !arrays.has(m[1]!)) arrays.set(m[1]!, m[2]!.trim());
  }
  if (arrays.size === 0) return script;
  return script
    .split('\n')
    .map((line) => line.replace(RUN_ARRAY, (whole, before: string, name: string) => (arrays.has(name) ? `${before}${arrays.get(name)!}` : whole)))
    .join('\n');
}
