// `lerna exec 'npm publish --access public' --scope=@acme/widget`: npm's own publish, run in the
// workspace packages lerna's filter selects (so lerna's version does not matter). A literal
// `--scope` names the package; a glob or a variable leaves it unknown.
import { join, posix } from 'node:path';
import type { PackageInfo } from '../core/model.js';
import { commandPublishes } from '../audit/publish-rule.js';
import { shellWords } from '../text/shell.js';
import { readPackage } from './package-json.js';
import { isPublishable, lernaGlobs } from './package-set.js';
import { expandGlobs } from './workspaces.js';

/** The literal `--scope` names of the `lerna exec` commands of a script that run a publish. */
export function lernaExecScopes(run: string): string[] {
  const names: string[] = [];
  for (const line of run.replace(/\\\n/g, ' ').split(/\n|&&|;/)) {
    const words = shellWords(line);
    const at = words.findIndex((w, i) => w === 'lerna' && words[i + 1] === 'exec');
    if (at < 0) continue;
    // The command: one quoted word (`'npm publish'`), or the words after `--`.
    const dash = words.indexOf('--', at);
    const options = words.slice(at + 2, dash < 0 ? undefined : dash);
    const commands = [...options.filter((w) => !w.startsWith('-')), ...(dash < 0 ? [] : [words.slice(dash + 1).join(' ')])];
    if (!commands.some((c) => commandPublishes(c))) continue;
    options.forEach((w, i, rest) => {
      const scope = w.startsWith('--scope=') ? w.slice(8) : w === '--scope' ? rest[i + 1] : undefined;
      if (scope !== undefined && /^(?:@[\w.-]+\/)?[\w.-]+$/.test(scope)) names.push(scope);
    });
  }
  return names;
}

/** The publishable workspace packages (lerna.json's, else package.json's) of the folder `dir` named `names`. */
export function scopedPackages(top: string, dir: string, names: readonly string[]): PackageInfo[] {
  const root = join(top, dir);
  const read = readPackage(root, dir);
  const globs = lernaGlobs(root) ?? (read.status === 'ok' ? read.pkg.workspaces : undefined) ?? [];
  return expandGlobs(root, globs).flatMap((rel) => {
    const pkg = readPackage(join(root, rel), posix.join(dir, rel));
    return pkg.status === 'ok' && isPublishable(pkg.pkg) && names.includes(pkg.pkg.name!) ? [pkg.pkg] : [];
  });
}
