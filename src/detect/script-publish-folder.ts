// The folder a repository shell script publishes from, when a step runs it (`bash
// scripts/release/publish-npm.sh <tag>`): the `cd`s before its publish, read like a `run:`
// script's. A variable the script sets to its own folder or the repository's top
// (`ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"`, `$(git rev-parse --show-toplevel)`)
// is resolved; any other variable in a `cd` leaves the folder unknown.
import { dirname, posix } from 'node:path';
import { commandPublishes, type PublishContext } from '../audit/publish-rule.js';
import { scriptFilesRun, scriptText, shellCode } from '../audit/script-files.js';

/** `X="$(cd "$(dirname "${BASH_SOURCE[0]}")/<rel>" && pwd)"` (or `$0`): group 1 the name, group 2 the relative part. */
const SELF_DIR = /^(?:export\s+|readonly\s+|local\s+)?([A-Za-z_]\w*)=["']?\$\(\s*cd\s+["']?\$\(\s*dirname\s+["']?\$\{?(?:BASH_SOURCE(?:\[0\])?|0)\}?["']?\s*\)(\/[^"'\s)]*)?["']?\s*(?:&&|;)\s*pwd(?:\s+-[PL])?\s*\)["']?$/;
/** `X="$(git rev-parse --show-toplevel)"`: the repository's top. */
const TOP_DIR = /^(?:export\s+|readonly\s+|local\s+)?([A-Za-z_]\w*)=["']?\$\(\s*git\s+rev-parse\s+--show-toplevel\s*\)["']?$/;

/** The script's variables that hold a folder of the repository, as paths from its top ('' for the top). */
function folderVariables(text: string, path: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const line of text.split('\n').map(shellCode)) {
    const self = SELF_DIR.exec(line);
    if (self) vars.set(self[1]!, posix.normalize(posix.join(dirname(path), self[2] ?? '')));
    const top = TOP_DIR.exec(line);
    if (top) vars.set(top[1]!, '.');
  }
  return vars;
}

/**
 * Where the shell script a `run:` line runs `cd`s before its publish, as a folder from the
 * repository's top; undefined when the run publishes on its own lines, runs no such script, or
 * the script's folder cannot be read. `base`: the step's working directory from the top.
 */
export function scriptPublishFolder(run: string, base: string, readFile: PublishContext['readFile'], cdBeforePublish: (run: string) => string | undefined): string | undefined {
  const lines = run.split('\n');
  if (lines.some(commandPublishes)) return undefined;
  for (const path of lines.flatMap((line) => scriptFilesRun(line, base))) {
    const text = scriptText(path, readFile);
    if (text === undefined || !text.split('\n').some(commandPublishes)) continue;
    const vars = folderVariables(text, path);
    // A folder variable becomes a path from the top, marked by a leading slash.
    const resolved = text.replace(/\$\{?([A-Za-z_]\w*)\}?/g, (whole, name: string) => (vars.has(name) ? `/${vars.get(name)!}` : whole));
    const cd = cdBeforePublish(resolved);
    if (cd === undefined) return undefined;
    const folder = cd.startsWith('/') ? posix.normalize(cd).slice(1) : posix.join(base, cd);
    return folder.includes('$') ? undefined : folder;
  }
  return undefined;
}
