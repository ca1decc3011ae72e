// Package.json scripts that run other scripts: `"release": "run-s build npm:release docs"` (npm-run-all's
// run-s, run-p and npm-run-all, whose names may be globs such as `npm:*`), or `"ship": "npm run build &&
// npm run publish:npm"`. The publish rule reads the first script a step runs; this follows the scripts
// it runs in turn, a few levels deep and a bounded number of them, so a publish two scripts down is
// still seen once the token that used to mark the step is gone. Also a shell loop over workspace folders
// (`for dir in packages/*/; do (cd "$dir" && pnpm run release); done`): the script of each folder's
// package.json that the loop runs.
import { shellWords } from '../text/shell.js';
import { shellCode } from './script-files.js';

type ReadFile = (path: string, maxBytes?: number) => string | undefined;
type Scripts = Readonly<Record<string, string>>;

/** A script reached from a run line: its name and its shell text. */
export interface ReachedScript {
  name: string;
  text: string;
}

/** How many scripts deep a chain is followed, and how many scripts one line may reach at most. */
const MAX_DEPTH = 4;
const MAX_SCRIPTS = 64;
/** How many folders a loop's glob may name, and how large a folder's package.json may be. */
const MAX_FOLDERS = 200;
const PACKAGE_MAX_BYTES = 256 * 1024;

const PACKAGE_MANAGERS = new Set(['npm', 'pnpm', 'yarn', 'bun']);
/** Package-manager options that take no value and may stand between the manager and the script name. */
const FLAG = /^(?:--if-present|--silent|-s|--workspace-root|-w|--recursive|-r|--parallel|--stream|--aggregate-output)$/;
const RUNNERS = new Set(['run-s', 'run-p', 'npm-run-all', 'npm-run-all2']);
/** npm-run-all options that take a value (the next word), and are not script names. */
const RUNNER_VALUE_OPTIONS = new Set(['--max-parallel', '--npm-path']);

/** An npm-run-all name pattern: `*` matches within one `:` segment, `**` across them. */
function runnerPattern(pattern: string): RegExp {
  const source = pattern.replace(/[.+^${}()|[\]\\?]/g, '\\$&').replace(/\*\*|\*/g, (star) => (star === '**' ? '.+' : '[^:]+'));
  return new RegExp(`^${source}$`);
}

/** The script names one command (as words) runs: `npm run x`, `pnpm x`, `yarn run x`, `run-s a b:*`. */
function namesRun(words: readonly string[], scripts: Scripts): string[] {
  const first = words.findIndex((w) => PACKAGE_MANAGERS.has(w) || RUNNERS.has(w));
  if (first < 0) return [];
  const tool = words[first]!;
  if (RUNNERS.has(tool)) {
    const names: string[] = [];
    for (let i = first + 1; i < words.length; i++) {
      const word = words[i]!;
      if (word === '--') break;
      if (RUNNER_VALUE_OPTIONS.has(word)) i++;
      else if (!word.startsWith('-')) {
        // A quoted name may carry its arguments (`"test:* -- --bail"`).
        const name = word.replace(/\s.*$/, '');
        if (/[*]/.test(name)) names.push(...Object.keys(scripts).filter((key) => runnerPattern(name).test(key)));
        else if (Object.hasOwn(scripts, name)) names.push(name);
      }
    }
    return names;
  }
  let i = first + 1;
  while (i < words.length && FLAG.test(words[i]!)) i++;
  const explicit = words[i] === 'run' || words[i] === 'run-script';
  if (explicit) {
    i++;
    while (i < words.length && FLAG.test(words[i]!)) i++;
  }
  const name = words[i];
  // `npm version` is the package manager's own command; only `npm run version` runs the script.
  if (name === undefined || (!explicit && tool === 'npm')) return [];
  return Object.hasOwn(scripts, name) ? [name] : [];
}

/** The commands of a line of shell, as words. */
const commands = (text: string): string[][] =>
  text
    .split('\n')
    .flatMap((line) => shellCode(line).split(/&&|\|\||;|\||\(|\)/))
    .map((part) => shellWords(part.trim()))
    .filter((words) => words.length > 0);

/**
 * Every script a line reaches through the scripts it runs and the scripts those run, breadth first,
 * MAX_DEPTH levels and MAX_SCRIPTS scripts at most, each once.
 */
export function chainedScripts(line: string, scripts: Scripts = {}): ReachedScript[] {
  const reached: ReachedScript[] = [];
  const seen = new Set<string>();
  let level = [line];
  for (let depth = 0; depth < MAX_DEPTH && level.length > 0; depth++) {
    const next: string[] = [];
    for (const text of level) {
      for (const name of commands(text).flatMap((words) => namesRun(words, scripts))) {
        if (seen.has(name) || reached.length >= MAX_SCRIPTS) continue;
        seen.add(name);
        reached.push({ name, text: scripts[name]! });
        next.push(scripts[name]!);
      }
    }
    level = next;
  }
  return reached;
}

/** A folder's package.json scripts (strings only), or {} when unreadable, too large or not JSON. */
export function folderScripts(dir: string, readFile: ReadFile): Scripts {
  const text = readFile(`${dir}/package.json`, PACKAGE_MAX_BYTES);
  if (text === undefined) return {};
  try {
    const raw = (JSON.parse(text) as { scripts?: unknown })?.scripts;
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return {};
    return Object.fromEntries(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}

/** A loop list word that names folders of the repository: `packages/*`, `packages/*\/`, `./libs/*` (no `..`, no `**`, not absolute). */
const folderGlob = (word: string): string | undefined => {
  const glob = word.replace(/^\.\//, '').replace(/\/+$/, '');
  return /^[\w.@-]+(?:\/[\w.@*?-]+)*$/.test(glob) && glob.includes('*') && !glob.includes('**') && !glob.split('/').includes('..') ? glob : undefined;
};

/**
 * The scripts a shell loop over workspace folders runs in each folder: `for d in packages/*\/; do`
 * with `cd "$d" && pnpm run release` (or `npm --prefix "$d" run x`, `pnpm -C "$d" x`) in its body,
 * read from each matched folder's package.json and followed like a root script.
 */
export function folderLoopScripts(run: string, readFile: ReadFile | undefined, listDirs: ((glob: string) => string[]) | undefined): ReachedScript[] {
  if (!readFile || !listDirs) return [];
  const reached: ReachedScript[] = [];
  const text = run.split('\n').map(shellCode).join('\n');
  for (const loop of text.matchAll(/\bfor\s+([A-Za-z_]\w*)\s+in\s+([^;\n]+?)\s*(?:;|\n)\s*do\b([\s\S]*?)\bdone\b/g)) {
    const [, variable, list, body] = loop as unknown as [string, string, string, string];
    const globs = shellWords(list).flatMap((w) => folderGlob(w) ?? []);
    if (globs.length === 0) continue;
    const ref = `"?\\$(?:${variable}|\\{${variable}\\})/?"?`;
    const inFolder = new RegExp(`\\bcd\\s+${ref}\\s*(?:&&|;|\\n)\\s*([^\\n]*)|\\b(npm|pnpm|yarn)\\s+(?:--prefix|-C|--dir|--cwd)[=\\s]+${ref}\\s+([^\\n]*)`, 'g');
    const runs = [...body.matchAll(inFolder)].map((m) => (m[1] !== undefined ? m[1] : `${m[2]} ${m[3]}`));
    if (runs.length === 0) continue;
    const dirs = [...new Set(globs.flatMap((glob) => listDirs(glob)))].slice(0, MAX_FOLDERS);
    for (const dir of dirs) {
      const scripts = folderScripts(dir, readFile);
      for (const line of runs) reached.push(...chainedScripts(line, scripts));
      if (reached.length >= MAX_SCRIPTS) return reached.slice(0, MAX_SCRIPTS);
    }
  }
  return reached;
}
