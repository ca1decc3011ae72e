// The folders a publishing step publishes from, as far as they can be read offline: its working
// directory (the step's, else `defaults.run` of the job, then of the workflow), the `cd`s before the publish,
// or the folder `npm publish` / `pnpm publish` names (also inside `$(...)`). A `${{ matrix.X }}`
// in the working directory stands for each value the job's matrix gives X; a `$x` in the folder
// named stands for each literal word of the `for x in …` loop around it. A repository with no
// package to publish at its top (a Rust or Go project that ships npm packages from `npm/<name>/`,
// a JavaScript edition in a subfolder) publishes the packages those folders hold.
import { join, posix } from 'node:path';
import type { Detected, PackageInfo, WorkflowFile } from '../core/model.js';
import { CLI_PKG_DEPLOY, CLI_PKG_FOLDER, commandPublishes, type PublishContext } from '../audit/publish-rule.js';
import { repoRoot } from '../core/paths.js';
import { parseWorkflow, mapAt, text, type Job, type Step, type Workflow } from '../audit/workflow-model.js';
import { readPackage } from './package-json.js';
import { isPublishable } from './package-set.js';
import { expandGlobs } from './workspaces.js';
import { pnpmPathFilterGlobs } from './pnpm-path-filter.js';
import { ngPackagrSource } from './ng-packagr.js';
import { scriptPublishFolder } from './script-publish-folder.js';
import { lernaExecScopes, scopedPackages } from './lerna-exec-scope.js';
import { shellWords } from '../text/shell.js';
import { expandMatrix } from '../audit/matrix-values.js';

export { shellWords } from '../text/shell.js';

/** `npm publish` (and Yarn 1's) options that take a value (the next word when not given with `=`). */
const PUBLISH_VALUED = new Set(['--access', '--tag', '--otp', '--registry', '--workspace', '-w', '--userconfig', '--new-version', '--message']);

/** The folder or tarball an `npm publish` line names, if any. */
export function publishArgument(run: string): string | undefined {
  for (const line of run.split('\n')) {
    // A command substitution starts a command: `out=$(npm publish ./npm/x 2>&1)`.
    const all = shellWords(line.replace(/\$\(|`/g, ' '));
    // npm, pnpm and Yarn 1 take the folder to publish as the first positional argument.
    const at = all.findIndex((w, i) => (w === 'npm' || w === 'pnpm' || w === 'yarn') && all[i + 1] === 'publish');
    if (at < 0) continue;
    const args = all.slice(at + 2);
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (/^[;&|)]/.test(arg)) break;
      // Redirections (`2>&1`, `>out.log`) are not arguments.
      if (/^\d*[<>]/.test(arg)) continue;
      if (arg.startsWith('-')) {
        if (PUBLISH_VALUED.has(arg)) i++;
        continue;
      }
      return arg.replace(/\)+$/, '');
    }
  }
  return undefined;
}

/**
 * The step's working directory: its own, else the job's `defaults.run`, then the workflow's. One
 * that names a package's package.json file (`packages/${{ matrix.package }}/package.json`) stands
 * for the package's folder.
 */
export const workingDirectory = (workflow: Workflow, job: Job, step: Step): string | undefined =>
  (text(step.node, 'working-directory') ?? text(mapAt(mapAt(job.node, 'defaults'), 'run'), 'working-directory') ?? text(mapAt(mapAt(workflow.root, 'defaults'), 'run'), 'working-directory'))?.replace(/(?:^|\/)package\.json\/?$/, '');

/** A folder relative to the repository's top, without `./` or a trailing slash ('' for the top). */
export const cleanFolder = (dir: string): string => posix.normalize(dir).replace(/^\.\/?$|^\.\//, '').replace(/\/$/, '');

/** The words of the `for <name> in …` loop of a script, when they are all literal. */
function loopWords(run: string, name: string): string[] | undefined {
  const loop = new RegExp(`\\bfor\\s+${name}\\s+in\\s+([^;\\n]*?)\\s*(?:;|\\n)\\s*do\\b`).exec(run);
  const words = loop ? shellWords(loop[1]!) : [];
  return words.length === 0 || words.some((w) => /[$*?[`]/.test(w)) ? undefined : words;
}

/** The value of the one assignment `name=value` of a script: plain words and variables only; undefined when none, several or another form. */
function assigned(run: string, name: string): string | undefined {
  const all = [...run.matchAll(new RegExp(`(?:^|[\\s;&|])${name}=("[^"\\n]*"|[^\\s;&|]*)`, 'g'))];
  // Single quotes expand nothing: `'packages/$pkg'` is no loop folder.
  const value = all.length === 1 && !all[0]![1]!.includes("'") ? shellWords(all[0]![1]!)[0] : undefined;
  return value !== undefined && /^(?:[\w.@/-]|\$\{?\w+\}?)+$/.test(value) ? value : undefined;
}

/**
 * `arg` with a `$x` / `${x}` loop variable replaced by each word of its loop, also through one variable
 * set from it (`dir="packages/$pkg"` … `cd "$dir"`); undefined when another variable is in it.
 */
function expandLoop(arg: string, run: string, through = true): string[] | undefined {
  const names = [...arg.matchAll(/\$\{?(\w+)\}?/g)].map((m) => m[1]!);
  if (names.length === 0) return [arg];
  if (new Set(names).size > 1) return undefined;
  const words = loopWords(run, names[0]!);
  if (words !== undefined) return words.map((w) => arg.replace(/\$\{?\w+\}?/g, w));
  const value = through ? assigned(run, names[0]!) : undefined;
  return value === undefined ? undefined : expandLoop(arg.replace(/\$\{?\w+\}?/g, () => value), run, false);
}

/** A path from the checkout's top: `${{ github.workspace }}/x` (as one word), `$GITHUB_WORKSPACE/x`. */
const CHECKOUT = /^(?:\$\{\{github\.workspace\}\}|\$\{?GITHUB_WORKSPACE\}?)(?=\/|$)/;

/**
 * Where the `cd` commands of a script lead before its first publishing command, from where the step
 * starts (`sed … && cd dist/x` on one line, `npm publish` on the next: dist/x); undefined when no
 * plain `cd <folder>` comes before it, or no command of the script publishes.
 */
export function cdBeforePublish(run: string): string | undefined {
  let dir: string | undefined;
  for (const command of run.split(/\n|&&|\|\||;/)) {
    const words = shellWords(command.replace(/(^|\s)#.*$/, ''));
    // A path from the top (a resolved script folder, marked by its leading slash) starts afresh.
    if (words[0] === 'cd' && words.length === 2) dir = words[1]!.startsWith('/') || CHECKOUT.test(words[1]!) ? words[1]! : posix.join(dir ?? '', words[1]!);
    else if (commandPublishes(command)) return dir;
  }
  return undefined;
}

/**
 * The folders (relative to the repository's top) a publishing step publishes from; undefined when
 * one of them cannot be read offline (an expression or variable this cannot resolve).
 */
export function publishFolders(workflow: Workflow, job: Job, step: Step, readFile?: PublishContext['readFile']): string[] | undefined {
  if (step.uses !== undefined && JS_DEVTOOLS.test(step.uses)) return actionFolders(step, job);
  const bases = expandMatrix(workingDirectory(workflow, job, step) ?? '', job.node);
  if (bases === undefined) return undefined;
  // A repository shell script that publishes (`bash scripts/release/publish-npm.sh`): where it cds first.
  const inScript = readFile && bases.length === 1 && step.run !== undefined ? scriptPublishFolder(step.run, cleanFolder(bases[0]!), readFile, cdBeforePublish) : undefined;
  if (inScript !== undefined) return inScript.startsWith('../') || inScript === '..' ? undefined : [cleanFolder(inScript)];
  // An expression is one word (GitHub expands it before the shell runs); one that gives a flag after a space or nothing starts its own.
  const run = (step.run ?? '')
    .replace(/\$\{\{[^}]*&&\s*'(?:\s[^']*)?'\s*\|\|\s*'(?:\s[^']*)?'\s*\}\}/g, ' $&').replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expr: string) => `\${{${expr.replace(/\s+/g, '')}}}`);
  const cd = cdBeforePublish(run) ?? /^\s*cd\s+([^\s;&|]+)\s*(?:&&|;|\n)/.exec(run)?.[1];
  const arg = cd === undefined ? (publishArgument(run) ?? (CLI_PKG_DEPLOY.test(run) ? CLI_PKG_FOLDER : undefined)) : undefined;
  const given = cd ?? (arg && !/\.tgz$/.test(arg) ? arg : undefined);
  const target = given?.replace(CHECKOUT, '.');
  const expanded = target === undefined ? [''] : expandMatrix(target, job.node)?.map((t) => expandLoop(t, run));
  if (expanded === undefined || expanded.some((t) => t === undefined)) return undefined;
  const targets = expanded.flat() as string[];
  const folders = given !== undefined && CHECKOUT.test(given) ? targets : bases.flatMap((base) => targets.map((t) => posix.join(base, t)));
  const clean = [...new Set(folders.map(cleanFolder))];
  // A folder outside the checkout is not one this repository holds.
  return clean.some((f) => f.includes('$') || f === '..' || f.startsWith('../') || f.startsWith('/') || f.startsWith('~')) ? undefined : clean;
}

const JS_DEVTOOLS = /^js-devtools\/npm-publish@/i;

/**
 * The folder JS-DevTools/npm-publish publishes from: its `package` input (a package.json, or from
 * v2 its folder), relative to the checkout; the top when it has none. A tarball: undefined.
 */
function actionFolders(step: Step, job: Job): string[] | undefined {
  const given = text(step.with, 'package');
  if (given === undefined) return [''];
  if (/\.tgz$/.test(given)) return undefined;
  const dirs = expandMatrix(given.replace(/(?:^|\/)package\.json$/, ''), job.node)?.map(cleanFolder);
  return dirs?.some((f) => f.includes('$') || f === '..' || f.startsWith('../') || f.startsWith('/')) ? undefined : dirs;
}

/** For each publishing step of `workflows`, the folders it publishes from (undefined: not readable offline). */
function* stepFolders(workflows: readonly WorkflowFile[], context: PublishContext): Generator<string[] | undefined> {
  for (const [dirs] of stepRuns(workflows, context)) yield dirs;
}

/** Each publishing step's folders, with its script. */
function* stepRuns(workflows: readonly WorkflowFile[], context: PublishContext): Generator<[string[] | undefined, string]> {
  for (const w of workflows) {
    const parsed = parseWorkflow(w.content, w.path, context);
    if (!parsed.ok || !parsed.workflow.publishes) continue;
    for (const job of parsed.workflow.jobs) {
      for (const step of job.steps.filter((s) => s.publishes)) yield [publishFolders(parsed.workflow, job, step, context.readFile), step.run ?? ''];
    }
  }
}

/**
 * Every publish of the repository's workflows reads from a folder other than `dir` (from the top):
 * each publishing step's folders are known and none is `dir`, no job hands the publish to a reusable
 * workflow of another repository, and there is at least one publish. A GitLab or CircleCI publish is not read here.
 */
export function noPublishFrom(d: Pick<Detected, 'workflows' | 'ciFiles' | 'publishContext'>, dir: string): boolean {
  if (d.ciFiles.some((f) => f.publishes)) return false;
  const context = d.publishContext ?? {};
  for (const w of d.workflows) {
    const parsed = parseWorkflow(w.content, w.path, context);
    if (!parsed.ok && w.publishes) return false;
    if (parsed.ok && parsed.workflow.jobs.some((job) => job.uses !== undefined && !job.uses.startsWith('./') && (job.publishes || job.passesToken))) return false;
  }
  const folders = [...stepFolders(d.workflows, context)];
  return folders.length > 0 && folders.every((dirs) => dirs !== undefined && !dirs.includes(cleanFolder(dir)));
}

/**
 * A package.json here with no "version", not a workspace root, that no publish reads: every publishing
 * step publishes another folder (a package the build writes, such as cli_pkg's build/npm, or one below).
 * It holds tools or test dependencies; it is no package to publish.
 */
export const versionlessUnpublished = (d: Detected): boolean =>
  d.pkg !== undefined && d.pkg.version === undefined && !d.isMonorepo && noPublishFrom(d, d.pkg.dir ?? '');

/**
 * The folders below the repository's top that its publishing workflows publish from, each holding
 * a package.json (the npm wrapper a Go or Rust project keeps in a folder of its own). Empty when a
 * publishing step's folder cannot be read from the workflow.
 */
export function workflowPublishFolders(workflows: readonly WorkflowFile[], context: PublishContext = {}): string[] {
  const readFile = context.readFile ?? (() => undefined);
  const found = new Set<string>();
  for (const dirs of stepFolders(workflows, context)) {
    if (dirs === undefined) return [];
    for (const dir of dirs) if (dir !== '' && readFile(`${dir}/package.json`) !== undefined) found.add(dir);
  }
  return [...found];
}

/** The publishable packages held in the folders (below the top) the publishing workflows publish from, by folder. */
function heldFolderPackages(d: Detected): Map<string, PackageInfo> {
  const top = repoRoot(d);
  const found = new Map<string, PackageInfo>();
  for (const [dirs, run] of stepRuns(d.workflows, d.publishContext ?? {})) {
    // `lerna exec 'npm publish' --scope=<name>`: the workspace package of that folder it names.
    const scopes = lernaExecScopes(run);
    for (const pkg of dirs && scopes.length > 0 ? dirs.flatMap((dir) => scopedPackages(top, dir, scopes)) : []) found.set(pkg.dir, pkg);
    for (const dir of dirs ?? []) {
      if (found.has(dir) || dir === '') continue;
      let read = readPackage(join(top, dir), dir);
      // An ng-packagr build folder: the library's own package.json is the one it publishes.
      const source = read.status === 'missing' ? ngPackagrSource(top, dir) : undefined;
      if (source !== undefined) read = readPackage(join(top, source), source);
      if (read.status === 'ok' && isPublishable(read.pkg)) found.set(dir, read.pkg);
    }
  }
  return found;
}

/**
 * With no publishable package.json where the user pointed and no workspace packages: the
 * publishable packages the repository's publishing workflows publish from folders it holds (the
 * folders a pnpm path filter selects included).
 */
export function publishFolderPackages(d: Detected): PackageInfo[] {
  if ((d.pkg && d.pkg.name && !d.pkg.private && !versionlessUnpublished(d)) || d.workspacePackages.length > 0) return [];
  const top = repoRoot(d);
  const found = heldFolderPackages(d);
  // `pnpm -r --filter=./packages/* publish` with no pnpm-workspace.yaml: the folders the filter matches.
  for (const dir of expandGlobs(top, pnpmPathFilterGlobs(d.workflows, d.publishContext ?? {}))) {
    if (found.has(dir)) continue;
    const read = readPackage(join(top, dir), dir);
    if (read.status === 'ok' && isPublishable(read.pkg)) found.set(dir, read.pkg);
  }
  return [...found.values()];
}

/**
 * Beside the package at the top or the workspaces' (`held`): other packages the publishing
 * workflows publish from folders the repository holds (an unscoped twin kept in `dist/`).
 */
export function besideHeldPackages(d: Detected, held: readonly PackageInfo[]): PackageInfo[] {
  const names = new Set(held.map((p) => p.name));
  return [...heldFolderPackages(d).values()].filter((p) => !names.has(p.name));
}
