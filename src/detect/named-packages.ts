// The packages a repository publishes, when its publishing workflows say which by name:
// `yarn workspace <name> npm publish`, `npm publish --workspace <name>` (or `-w`, a name or a
// folder), `npm publish [<folder>]` in the step's literal working directory (the top when none; a
// bare `npm publish` at the top: the top package; `yarn npm publish`, `yarn publish` and `pnpm publish`
// the same), `pnpm --filter <name> publish`, and `yarn workspace <name> pack … && npm publish <tarball>`
// (or `yarn pack … && npm publish <tarball>` in a folder) as the migration writes it. Only when every publish names its package this way, literally, is
// the set narrowed to those packages; else it is the repository's publishable packages.
import { posix } from 'node:path';
import type { Detected, PackageInfo, WorkflowFile } from '../core/model.js';
import { commandPublishes, type PublishContext } from '../audit/publish-rule.js';
import { parseWorkflow } from '../audit/workflow-model.js';
import { besideHeldPackages, cleanFolder, publishArgument, publishFolderPackages, shellWords, versionlessUnpublished, workingDirectory } from './publish-folders.js';

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
    if (sub === 'workspace') return name !== undefined && npm === 'npm' && publish === 'publish' ? [name] : undefined;
    // `yarn npm publish` (Yarn 2+) and `yarn publish` (Yarn 1) publish the folder they run in.
    const at = sub === 'npm' && name === 'publish' ? 1 : sub === 'publish' ? 0 : -1;
    return at < 0 ? undefined : folderNamed(words, rest.slice(at), base);
  }
  if (tool === 'pnpm') {
    if (!rest.includes('publish')) return undefined;
    const filters = flagValues(rest, ['--filter', '-F']);
    if (filters.length > 0) return filters;
    // `pnpm publish` without a filter publishes the folder it runs in, unless it is told to go through the workspaces.
    if (rest.some((w) => w === '-r' || w === '--recursive')) return undefined;
    return folderNamed(words, rest, base);
  }
  if (tool === 'npm') {
    if (rest.includes('--workspaces') || rest.some((w) => w.startsWith('--workspaces='))) return undefined;
    const named = flagValues(rest, ['--workspace', '-w']);
    if (named.length > 0) return named;
    // The tarball `yarn workspace <name> pack --out <file>` (or `yarn pack` in a folder) wrote earlier in the step.
    const tarball = rest.slice(rest.indexOf('publish') + 1).find((w) => !w.startsWith('-'));
    if (packed !== undefined && tarball?.endsWith('.tgz')) return [packed];
    return folderNamed(words, rest, base);
  }
  return undefined;
}

/**
 * The folder a publish without a package name names: `npm publish packages/x`, or the step's
 * working directory it runs in (a literal one: a name with an expression names none). `rest`: the
 * words after the tool, starting at `publish`.
 */
function folderNamed(words: readonly string[], rest: readonly string[], base: string | undefined): string[] | undefined {
  if (base === undefined || base.includes('${{')) return undefined;
  const given = publishArgument(words.join(' '));
  if (given?.endsWith('.tgz')) return undefined;
  const folder = cleanFolder(posix.join(base, given ?? '.'));
  if (folder === '..' || folder.startsWith('../')) return undefined;
  // A bare publish at the top publishes the top package only: the tools go into workspaces only when told to.
  if (folder === '') return rest[0] === 'publish' ? [TOP] : undefined;
  return [folder];
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
    // `yarn pack` packs the folder it runs in (a literal one).
    else if (words[0] === 'yarn' && words[1] === 'pack') packed = at === undefined || at.includes('${{') ? undefined : cleanFolder(at) || TOP;
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

/** A top package.json with no "version" above workspaces that publish: the workspace root, which nothing publishes. */
export const versionlessWorkspaceRoot = (d: Pick<Detected, 'pkg' | 'workspacePackages'>): boolean =>
  d.pkg !== undefined && d.pkg.version === undefined && d.workspacePackages.some((p) => p.name && !p.private);

/** True when a publishing step of the workflows names the top package (a bare `npm publish` at the top). */
function publishesTop(workflows: readonly WorkflowFile[], context: PublishContext): boolean {
  return workflows.some((w) => {
    const parsed = parseWorkflow(w.content, w.path, context);
    return parsed.ok && parsed.workflow.jobs.some((job) => job.steps.some((s) => s.publishes && s.run !== undefined && (runNames(s.run, workingDirectory(parsed.workflow, job, s) ?? '') ?? []).includes(TOP)));
  });
}

/** A workspace root changesets releases around: `changeset publish` publishes the workspaces, not the root, unless a step publishes the top. */
const changesetsRoot = (d: Detected): boolean =>
  d.isMonorepo && d.release?.flow === 'changesets' && d.workspacePackages.some((p) => p.name && !p.private) && !publishesTop(d.workflows, d.publishContext ?? {});

/**
 * The repository's packages to publish: the package here and the workspaces' (named, not private),
 * and the other packages its publishing workflows publish from folders it holds, narrowed to those
 * the workflows name when every publish names its package and each one named is such a package;
 * with no package here and no workspaces, the packages published from folders it holds.
 */
export function repositoryPackages(d: Detected): PackageInfo[] {
  const own = d.pkg && !d.pkg.private && d.pkg.name && !versionlessWorkspaceRoot(d) && !versionlessUnpublished(d) && !changesetsRoot(d) ? [d.pkg] : [];
  const held = [...own, ...d.workspacePackages.filter((p) => p.name && !p.private)];
  if (held.length === 0) return publishFolderPackages(d);
  const beside = besideHeldPackages(d, held);
  // A GitLab or CircleCI publish is not read here: its packages are not narrowed.
  const named = d.ciFiles.some((f) => f.publishes) ? undefined : namedInPublishes(d.workflows, d.publishContext ?? {});
  if (named === undefined) return [...held, ...beside];
  const matches = (name: string) => [...held, ...beside].filter((p) => (name === TOP ? p.dir === '' : p.name === name || (p.dir !== undefined && p.dir !== '' && cleanFolder(p.dir) === cleanFolder(name))));
  if (named.some((name) => matches(name).length === 0)) return [...held, ...beside];
  return [...held, ...beside].filter((p) => named.some((name) => matches(name).includes(p)));
}
