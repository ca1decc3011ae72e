// A build script that writes the package.json it publishes from out of a template the repository
// keeps (`cp "$W/package-core.json" "${GITHUB_WORKSPACE}/build/core/package.json"`): the template's
// name is the package's, unless a later line may change it there. And a loop that cds into each
// folder of a build folder to publish (`for s in \`ls .\`; do cd "./$s"; npm publish; …`): one
// package per folder, each needing its own trusted publisher.
import { posix } from 'node:path';
import type { PublishContext } from '../audit/publish-rule.js';
import { scriptFilesRun, scriptText, shellCode } from '../audit/script-files.js';
import { shellWords } from '../text/shell.js';
import { checkPackageName } from '../text/package-name.js';

type ReadFile = NonNullable<PublishContext['readFile']>;

/** A path from the checkout's top ('' for the top) once the script's literal variables are put in; undefined when one is not known. */
function fromTop(word: string, vars: ReadonlyMap<string, string>): string | undefined {
  const put = word.replace(/\$\{?([A-Za-z_]\w*)\}?/g, (whole, name: string) => (name === 'GITHUB_WORKSPACE' ? '.' : (vars.get(name) ?? whole)));
  if (/[$`*?~]/.test(put) || put.startsWith('/')) return undefined;
  const path = posix.normalize(put).replace(/^\.\//, '');
  return path === '..' || path.startsWith('../') ? undefined : path;
}

/** The `name` of the template a script the workflow runs copies to `<dir>/package.json`, read in the repository. */
export function templateName(dir: string, runs: readonly string[], readFile: ReadFile): string | undefined {
  const target = `${dir}/package.json`;
  for (const path of new Set(runs.flatMap((run) => run.split('\n').flatMap((line) => scriptFilesRun(line))))) {
    const text = scriptText(path, readFile);
    if (text === undefined) continue;
    const vars = new Map<string, string>();
    let name: string | undefined;
    let copied = false;
    let moved = false;
    for (const line of text.split('\n').map(shellCode)) {
      const words = shellWords(line);
      const set = /^([A-Za-z_]\w*)=(\S+)$/.exec(line);
      if (set && words.length === 1) {
        const raw = shellWords(set[2]!)[0] ?? '';
        const value = moved && !raw.startsWith('$') ? undefined : fromTop(raw, vars);
        if (value !== undefined) vars.set(set[1]!, value);
        else vars.delete(set[1]!);
        continue;
      }
      // A relative path after a `cd` is not one from the top: only paths from the checkout's top count then.
      if (words[0] === 'cd') moved = true;
      const paths = words.map((w) => (moved && !/^["']?\$\{?GITHUB_WORKSPACE\b/.test(w) && !/^\$/.test(w) ? undefined : fromTop(w, vars)));
      if (words[0] === 'cp' && words.length === 3 && paths[2] === target) {
        const template = paths[1] === undefined ? undefined : scriptText(paths[1], readFile);
        name = templateJsonName(template);
        copied = true;
        continue;
      }
      if (!copied || !paths.includes(target)) continue;
      // A sed on the written file keeps the name when what it replaces is not in it.
      const sed = words[0] === 'sed' ? /^s(.)(.*?)\1/.exec(words.find((w) => /^s(.).*\1.*\1[gI]*$/.test(w)) ?? '') : null;
      if (!sed || name === undefined || name.includes(sed[2]!)) name = undefined;
    }
    if (copied) return name;
  }
  return undefined;
}

function templateJsonName(text: string | undefined): string | undefined {
  try {
    const name = (JSON.parse(text ?? '') as { name?: unknown }).name;
    return typeof name === 'string' && checkPackageName(name).errors.length === 0 ? name : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The folder whose every subfolder a step's loop publishes from (`cd build/services; for s in \`ls .\`;
 * do cd "./$s"; npm publish; cd ..; done`), given where the `cd`s before its publish lead (`build/services/$s`).
 */
export function loopFolder(run: string, cdLeads: string | undefined): string | undefined {
  const m = cdLeads === undefined ? null : /^(.*)\/\$\{?(\w+)\}?$/.exec(cdLeads);
  if (!m || /\$/.test(m[1]!)) return undefined;
  const listing = new RegExp(`\\bfor\\s+${m[2]}\\s+in\\s+(?:\`ls(?:\\s+\\.)?\`|\\$\\(ls(?:\\s+\\.)?\\)|\\*/?)\\s*(?:;|\\n)\\s*do\\b`);
  return listing.test(run) ? m[1] : undefined;
}
