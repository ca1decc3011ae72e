// The packages a repository publishes, when its publishing workflows say which by name:
// `yarn workspace <name> npm publish`, `npm publish --workspace <name>` (or `-w`, a name or a
// folder), `npm publish [<folder>]` in the step's literal working directory (the top when none; a
// bare `npm publish` at the top: the top package), `pnpm --filter <name> publish`, and
// `yarn workspace <name> pack … && npm publish <tarball>`
// as the migration writes it. Only when every publish names its package this way, literally, is
// the set narrowed to those packages; else it is the repository's publishable packages.
import { posix } from 'node:path';
import type { Detected, PackageInfo, WorkflowFile } from '../core/model.js';
import { commandPublishes, type PublishContext } from '../audit/publish-rule.js';
import { parseWorkflow } from '../audit/workflow-model.js';
import { besideHeldPackages, cleanFolder, publishArgument, publishFolderPackages, shellWords, workingDirectory } from './publish-folders.js';

/** What a bare `npm publish` at the repository's top names: the top package. */
const TOP = '.';

/** A package name or folder written out: no variable, expression, glob or pnpm selector (`x...`, `...^x`). */
const literal = (name: string): boolean => /^(?:@[\w.~-]+\/)?[\w.~-]+(?:\/[\w.~-]+)*$/.test(name) && !name.includes('..');

/** The value of `--flag X` / `--flag=X` / `-f X` at each place in `words`. */
function flagValues(words: readonly string[], flags: readonly string[]): string[] {
  const out: string[] = [];
  words.forEach((word, i) => {
    for (const flag of flags) {
      if (word === flag && words[i + 1] !== undefined) out.push(words[i + 1]!);
      else if (word.startsWith(`${flag}=`)) out.push(word.slice(flag.length + 1));
    }
  });
  return out;
}

/**
 * What one publishing command names: package names or folders, or undefined when it names none
 * (it publishes the folder it runs in, every workspace, or through a tool this does not read).
 * `packed` is the workspace the step last packed with `yarn workspace <name> pack`.
 */
function commandNames(words: readonly string[], packed: string | undefined, base: string | undefined): string[] | undefined {
  const at = words.findIndex((w) => w === 'npm' || w === 'pnpm' || w === 'yarn');
  const tool = words[at];
  const rest = words.slice(at + 1);
  if (tool === 'yarn') {
    const [sub, name, npm, publish] = rest;
    return sub === 'workspace' && name !== undefined && npm === 'npm' && publish === 'publish' ? [name] : undefined;
  }
  if (tool === 'pnpm') {
    if (!rest.includes('publish')) return undefined;
    const filters = flagValues(rest, ['--filter', '-F']);
    return filters.length > 0 ? filters : undefined;
  }
  if (tool === 'npm') {
    if (rest.includes('--workspaces') || rest.some((w) => w.startsWith('--workspaces='))) return undefined;
    const named = flagValues(rest, ['--workspace', '-w']);
    if (named.length > 0) return named;
    // The tarball `yarn workspace <name> pack --out <file>` wrote earlier in the step.
    const tarball = rest.slice(rest.indexOf('publish') + 1).find((w) => !w.startsWith('-'));
    if (packed !== undefined && tarball?.endsWith('.tgz')) return [packed];
    // The folder `npm publish packages/x` names, or the step's working directory it runs in (a literal one: a name with an expression names none).
    if (base === undefined || base.includes('${{')) return undefined;
    const given = publishArgument(words.join(' '));
    if (given?.endsWith('.tgz')) return undefined;
    const folder = cleanFolder(posix.join(base, given ?? '.'));
    if (folder === '..' || folder.startsWith('../')) return undefined;
    // A bare `npm publish` at the top publishes the top package only: npm goes into workspaces only when told to.
    if (folder === '') return rest[0] === 'publish' ? [TOP] : undefined;
    return [folder];
  }
  return undefined;
}

/** The names (or folders) the publishes of one `run:` script name; undefined when one names none. `base`: the folder the script runs in ('' for the top). */
function runNames(run: string, base: string | undefined): string[] | undefined {
  const out: string[] = [];
  let packed: string | undefined;
  let at = base;
  for (const command of run.split(/\n|&&|\|\||;/)) {
    const words = shellWords(command.replace(/(^|\s)#.*$/, ''));
    // After a change of directory, a folder or a bare publish no longer reads from where the step starts.
    if (/^(?:cd|pushd|popd)$/.test(words[0] ?? '')) at = undefined;
    const packing = /^yarn$/.test(words[0] ?? '') && words[1] === 'workspace' && words[3] === 'pack' ? words[2] : undefined;
    if (packing !== undefined) packed = packing;
    if (!commandPublishes(command)) continue;
    const names = commandNames(words, packed, at);
    if (names === undefined || names.some((n) => !literal(n))) return undefined;
    out.push(...names);
  }
  return out.length > 0 ? out : undefined;
}

/**
 * The package names (or workspace folders) the repository's publishing workflows publish, when
 * every publishing step names them literally in its own `run:`; undefined otherwise (a publish
 * through a script, an action, a reusable workflow of another repository, or with no name).
 */
export function namedInPublishes(workflows: readonly WorkflowFile[], context: PublishContext = {}): string[] | undefined {
  const out = new Set<string>();
  for (const w of workflows) {
    const parsed = parseWorkflow(w.content, w.path, context);
    if (!parsed.ok) {
      if (w.publishes) return undefined;
      continue;
    }
    if (!parsed.workflow.publishes) continue;
    for (const job of parsed.workflow.jobs) {
      // A reusable workflow of this repository is read as a workflow of its own; another's cannot be.
      if (job.uses !== undefined && (job.publishes || job.passesToken) && !job.uses.startsWith('./')) return undefined;
      for (const step of job.steps.filter((s) => s.publishes)) {
        const names = step.run === undefined ? undefined : runNames(step.run, workingDirectory(parsed.workflow, job, step) ?? '');
        if (names === undefined) return undefined;
        for (const name of names) out.add(name);
      }
    }
  }
  return out.size > 0 ? [...out] : undefined;
}

/**
 * The repository's packages to publish: the package here and the workspaces' (named, not private),
 * and the other packages its publishing workflows publish from folders it holds, narrowed to those
 * the workflows name when every publish names its package and each one named is such a package;
 * with no package here and no workspaces, the packages published from folders it holds.
 */
export function repositoryPackages(d: Detected): PackageInfo[] {
  const workspaces = d.workspacePackages.filter((p) => p.name && !p.private);
  // A top package without a version beside publishable workspaces is their root, not a package npm could publish.
  const own = d.pkg && !d.pkg.private && d.pkg.name && (d.pkg.version !== undefined || workspaces.length === 0) ? [d.pkg] : [];
  const held = [...own, ...workspaces];
  if (held.length === 0) return publishFolderPackages(d);
  const beside = besideHeldPackages(d, held);
  // A GitLab or CircleCI publish is not read here: its packages are not narrowed.
  const named = d.ciFiles.some((f) => f.publishes) ? undefined : namedInPublishes(d.workflows, d.publishContext ?? {});
  if (named === undefined) return [...held, ...beside];
  const matches = (name: string) => [...held, ...beside].filter((p) => (name === TOP ? p.dir === '' : p.name === name || (p.dir !== undefined && p.dir !== '' && cleanFolder(p.dir) === cleanFolder(name))));
  if (named.some((name) => matches(name).length === 0)) return [...held, ...beside];
  return [...held, ...beside].filter((p) => named.some((name) => matches(name).includes(p)));
}
