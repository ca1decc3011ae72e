// make runs a Makefile's targets by name: `make publish`, `make -C pkg release`. A release step
// that runs one hands npm whatever the target's recipe runs, so the publish rule reads the
// recipe lines of the named targets from the Makefile of the step's directory (one level: the
// targets a recipe depends on or calls are not followed). A line scanner, like the rest of the
// publish rule.

type ReadFile = (path: string, maxBytes?: number) => string | undefined;

/** A Makefile of a JS package is a few dozen lines; a larger one is not read. */
const MAKEFILE_MAX_BYTES = 64 * 1024;

/** The file names GNU make looks for, in its order. */
const MAKEFILES = ['GNUmakefile', 'makefile', 'Makefile'];

/** `make <target>... [VAR=value]` on a line: the directory (`-C dir`, '' for none) and the targets. */
export function makeTargets(line: string): { dir: string; targets: string[] } | undefined {
  for (const part of line.replace(/(^|\s)#.*$/, '').split(/&&|\|\||;|\|/)) {
    const words = part.trim().split(/\s+/).map((w) => w.replace(/^(['"])(.*)\1$/, '$2'));
    if (words[0] !== 'make') continue;
    let dir = '';
    const targets: string[] = [];
    for (let i = 1; i < words.length; i++) {
      const word = words[i]!;
      if (word === '-C') dir = words[++i] ?? '';
      else if (word.startsWith('-') || word.includes('=')) continue;
      else if (/^[\w.-]+$/.test(word)) targets.push(word);
    }
    if (targets.length > 0) return { dir: dir.replace(/^\.\/?/, '').replace(/\/$/, ''), targets };
  }
  return undefined;
}

/** One physical recipe line of a Makefile: its 1-based number and its text as written (tab and all). */
export interface RecipeLine {
  line: number;
  raw: string;
}

/** The recipe lines of the targets a line runs, with the Makefile they are in (undefined when none is read). */
export function makeRecipeLines(line: string, readFile: ReadFile, dir = ''): { path: string; lines: RecipeLine[] } | undefined {
  const run = makeTargets(line);
  if (!run) return undefined;
  const base = [dir, run.dir].filter(Boolean).join('/');
  const found = MAKEFILES.map((name) => (base ? `${base}/${name}` : name))
    .map((path) => ({ path, text: readFile(path, MAKEFILE_MAX_BYTES) }))
    .find((f) => f.text !== undefined);
  if (!found || found.text!.length > MAKEFILE_MAX_BYTES || found.text!.includes('\0')) return undefined;
  const lines = found.text!.split(/\r?\n/);
  const recipe: RecipeLine[] = [];
  for (const target of run.targets) {
    for (let i = 0; i < lines.length; i++) {
      // `target:` or `a target: prerequisites`, not `VAR := value`.
      const rule = /^([^\s:#=][^:#=]*):(?!=)/.exec(lines[i]!);
      if (!rule || !rule[1]!.trim().split(/\s+/).includes(target)) continue;
      for (let j = i + 1; j < lines.length && (lines[j]!.startsWith('\t') || lines[j]!.trim() === ''); j++) {
        if (lines[j]!.trim() !== '') recipe.push({ line: j + 1, raw: lines[j]! });
      }
    }
  }
  return { path: found.path, lines: recipe };
}

/** A recipe line's command: without its indentation and its `@`, `-` and `+` prefixes. */
export const recipeCommand = (raw: string): string => raw.trim().replace(/^[@+-]+/, '');

/** The recipe lines of each target a line runs (`@`, `-` and `+` prefixes dropped), from the Makefile of `dir`. */
export function makeRecipesRun(line: string, readFile: ReadFile, dir = ''): string[] {
  return (makeRecipeLines(line, readFile, dir)?.lines ?? []).map((l) => recipeCommand(l.raw)).filter((text) => text !== '' && !text.startsWith('#'));
}
