// `npm exec --no release-cli -- …` or `npx --no release-cli …` runs the `bin` of a package npm
// linked into node_modules/.bin: for an npm workspace of the repository, a file the repository
// holds (its package.json `bin`, a path from the package's folder). The publish rule reads that
// file as it reads a program a step runs with node (program-publish.ts).
import { posix } from 'node:path';
import { shellWords } from '../text/shell.js';
import type { PublishContext } from './publish-rule.js';
import { shellCode } from './script-files.js';

/** npm exec's and npx's options that take the next word as a value (`--package x`, `-p x`). */
const VALUED = new Set(['--package', '-p', '--call', '-c', '--workspace', '-w', '--prefix', '--cache', '--userconfig']);

/**
 * The bin name a command runs through `npm exec` (`npm x`) or `npx`, or undefined: with `--package`
 * (`-p`) or `--call` (`-c`) the command comes from elsewhere, and a `name@version` spec is a
 * package fetched from the registry, not the repository's.
 */
function binNameRun(words: readonly string[]): string | undefined {
  let at: number;
  if (words[0] === 'npx') at = 1;
  else if (words[0] === 'npm' && (words[1] === 'exec' || words[1] === 'x')) at = 2;
  else return undefined;
  for (let i = at; i < words.length; i++) {
    const word = words[i]!;
    if (word === '--') return words[i + 1];
    if (/^(?:--package|-p|--call|-c)(?:=|$)/.test(word)) return undefined;
    if (VALUED.has(word)) i++;
    else if (!word.startsWith('-')) return /^[\w.~-]+$/.test(word) ? word : undefined;
  }
  return undefined;
}

/** The bins a package.json declares: `"bin": "./cli.js"` (named after the package, without its scope) or `"bin": { "name": "./cli.js" }`. */
function declaredBins(text: string): Record<string, string> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return {};
  }
  if (data === null || typeof data !== 'object') return {};
  const { name, bin } = data as { name?: unknown; bin?: unknown };
  if (typeof bin === 'string') return typeof name === 'string' ? { [name.replace(/^@[^/]+\//, '')]: bin } : {};
  if (bin === null || typeof bin !== 'object') return {};
  return Object.fromEntries(Object.entries(bin as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** A bin's path from the repository's top; undefined when it climbs out or is absolute. */
function binPath(dir: string, path: string): string | undefined {
  if (path.startsWith('/')) return undefined;
  const joined = posix.normalize(posix.join(dir || '.', path));
  return joined === '..' || joined.startsWith('../') ? undefined : joined;
}

/** The files of the repository's npm workspaces whose bins a line runs through `npm exec` or `npx`, as paths from the top. */
export function workspaceBinsRun(line: string, context: PublishContext): string[] {
  const { readFile, workspaces } = context;
  if (!readFile || !workspaces || workspaces.length === 0) return [];
  const names = shellCode(line)
    .split(/&&|\|\||;|\|/)
    .map((part) => {
      const words = shellWords(part.trim());
      // `VAR=x npx …`: the assignments before the command are not its words.
      while (words.length > 0 && /^[A-Za-z_]\w*=/.test(words[0]!)) words.shift();
      return binNameRun(words);
    })
    .filter((n): n is string => n !== undefined);
  if (names.length === 0) return [];
  const found: string[] = [];
  for (const ws of workspaces) {
    const text = readFile(posix.join(ws.dir, 'package.json'));
    if (text === undefined) continue;
    const bins = declaredBins(text);
    for (const name of names) {
      const path = Object.hasOwn(bins, name) ? binPath(ws.dir, bins[name]!) : undefined;
      if (path !== undefined && !found.includes(path)) found.push(path);
    }
  }
  return found;
}
