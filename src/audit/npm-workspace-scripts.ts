// `npm run <script> --workspace=<name or folder>` (also `-w <x>`, `--workspaces`, `--ws`): npm runs
// the script of each named workspace's package.json, not the root's. The publish rule reads those
// scripts the way it reads the root's, so a `publish:next` script kept in every workspace package
// is seen publishing with or without a token beside it.
import { shellWords } from '../text/shell.js';
import { shellCode } from './script-files.js';

/** One npm workspace of the repository: its name, folder from the top, and package.json scripts. */
export interface WorkspaceScripts {
  name?: string;
  dir: string;
  scripts: Readonly<Record<string, string>>;
}

/** npm's `run-script` command and its aliases. */
const RUN = new Set(['run', 'run-script', 'rum', 'urn']);

const folder = (dir: string): string => dir.replace(/^\.\//, '').replace(/\/+$/, '');

/** What one npm command line selects: the script it runs and the workspaces it names (`all` for every one). */
function npmRun(words: readonly string[]): { script: string; named: string[]; all: boolean } | undefined {
  const at = words.indexOf('npm');
  if (at < 0) return undefined;
  const positional: string[] = [];
  const named: string[] = [];
  let all = false;
  for (let i = at + 1; i < words.length; i++) {
    const word = words[i]!;
    // Words after `--` go to the script, not to npm.
    if (word === '--') break;
    if (word === '-w' || word === '--workspace') named.push(words[++i] ?? '');
    else if (word.startsWith('--workspace=') || word.startsWith('-w=')) named.push(word.slice(word.indexOf('=') + 1));
    else if (word === '--workspaces' || word === '--ws' || word === '--workspaces=true' || word === '--ws=true') all = true;
    else if (!word.startsWith('-')) positional.push(word);
  }
  const [command, script] = positional;
  return command !== undefined && RUN.has(command) && script !== undefined && (all || named.length > 0) ? { script, named, all } : undefined;
}

/** The workspace scripts (name and text) a line of shell runs through npm's workspace options. */
export function npmWorkspaceScriptsRun(line: string, workspaces: readonly WorkspaceScripts[]): Array<{ name: string; text: string }> {
  const found: Array<{ name: string; text: string }> = [];
  for (const command of shellCode(line).split(/&&|\|\||;|\|/)) {
    const run = npmRun(shellWords(command));
    if (!run) continue;
    // A workspace is named by its package name, its folder, or a folder above it.
    const picked = workspaces.filter(
      (ws) => run.all || run.named.some((n) => ws.name === n || folder(ws.dir) === folder(n) || folder(ws.dir).startsWith(`${folder(n)}/`)),
    );
    for (const ws of picked) {
      const text = ws.scripts[run.script];
      if (typeof text === 'string') found.push({ name: run.script, text });
    }
  }
  return found;
}
