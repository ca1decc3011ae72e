// Packages a workflow builds in CI: the build writes their package.json, the repository has none
// where the publish runs. Named only where the build's rule can be read offline and faithfully:
// `wasm-pack build` names the npm package after the crate's Cargo.toml `[package] name`, with
// `@<scope>/` when given --scope (its output folder does not change the name); a later
// `sed "s|<that name>|<literal>|" …package.json` renames it; a package.json a step writes from JSON
// text names itself (written-manifest.ts). Anything else leaves it unknown.
import { posix } from 'node:path';
import type { BuiltPackage, Detected, Finding, WorkflowFile } from '../core/model.js';
import { parseWorkflow, mapAt, text, type Job, type Step, type Workflow } from '../audit/workflow-model.js';
import type { PublishContext } from '../audit/publish-rule.js';
import { checkPackageName } from '../text/package-name.js';
import { writtenManifest } from './written-manifest.js';
import { cdBeforePublish, cleanFolder, publishFolderPackages, publishFolders, shellWords, versionlessUnpublished, workingDirectory } from './publish-folders.js';
import { loopFolder, templateName } from './template-package.js';

type Lookup = (name: string) => string | undefined;

/** A literal `env:` value for a step: the step's, the job's, then the workflow's. */
function envLookup(workflow: Workflow, job: Job, step: Step): Lookup {
  return (name) => {
    const found = [step.env, mapAt(job.node, 'env'), mapAt(workflow.root, 'env')].map((env) => text(env, name)).find((v) => v !== undefined);
    return found === undefined || /\$\{\{|\$/.test(found) ? undefined : found;
  };
}

/** `text` with `${{ env.X }}`, `${X}` and `$X` replaced by literal env values; undefined when one is not known. */
function substitute(input: string, lookup: Lookup): string | undefined {
  let unknown = false;
  const out = input
    .replace(/\$\{\{\s*env\.(\w+)\s*\}\}|\$\{(\w+)\}|\$(\w+)/g, (_, a: string | undefined, b: string | undefined, c: string | undefined) => {
      const found = lookup((a ?? b ?? c)!);
      if (found === undefined) unknown = true;
      return found ?? '';
    });
  return unknown || out.includes('${{') ? undefined : out;
}

/** Options of `wasm-pack build` that take a value (wasm-pack's build command). */
const VALUED = new Set(['--scope', '-s', '--out-dir', '-d', '--out-name', '--target', '-t', '--mode', '-m', '--profile']);

interface WasmBuild {
  path?: string;
  scope?: string;
}

/** The `wasm-pack build` commands of a run script (continuation lines joined). */
function wasmBuilds(run: string): WasmBuild[] {
  const out: WasmBuild[] = [];
  // An expression is one word (GitHub expands it before the shell runs).
  const script = run.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expr: string) => `\${{${expr.replace(/\s+/g, '')}}}`);
  for (const line of script.replace(/\\\n/g, ' ').split(/\n|&&|;/)) {
    const all = shellWords(line);
    const at = all.findIndex((w, i) => w === 'wasm-pack' && all[i + 1] === 'build');
    if (at < 0) continue;
    const build: WasmBuild = {};
    const args = all.slice(at + 2);
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === '--') break;
      const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
      if (VALUED.has(flag)) {
        const given = inline ?? args[++i];
        if (flag === '--scope' || flag === '-s') build.scope = given;
      } else if (!arg.startsWith('-') && build.path === undefined) {
        build.path = arg;
      }
    }
    out.push(build);
  }
  return out;
}

/** `[package] name` and `version` of a Cargo.toml, when they are literal strings. */
export function cargoPackage(toml: string): { name?: string; version?: string } {
  const section = /^\[package\][ \t]*\r?\n([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(toml)?.[1] ?? '';
  const field = (key: string) => new RegExp(`^\\s*${key}\\s*=\\s*"([^"]+)"`, 'm').exec(section)?.[1];
  return { name: field('name'), version: field('version') };
}

/** The Cargo.toml wasm-pack reads: the path given, else the nearest one up from the working directory. */
function crateDir(dir: string, path: string | undefined, readFile: (path: string) => string | undefined): string | undefined {
  if (path !== undefined) return cleanFolder(posix.join(dir, path));
  for (let at = dir; ; at = posix.dirname(at) === '.' ? '' : posix.dirname(at)) {
    if (readFile(at ? `${at}/Cargo.toml` : 'Cargo.toml') !== undefined) return at;
    if (at === '') return undefined;
  }
}

/** Commands that can write a package.json a step names. */
const WRITERS = ['sed', 'jq', 'tee', 'cp', 'mv', 'node', 'json', 'npx', 'npm\\s+pkg\\s+set'];

/**
 * What the workflow's steps do to the generated package.json's name: a `sed` that replaces `name`
 * renames it (to undefined when the new value is not a literal), an edit that may touch the name
 * some other way makes it unknown (`writer`: the step that wrote it, skipped).
 */
function renamed(workflow: Workflow, name: string | undefined, writer?: Step): string | undefined {
  let current = name;
  for (const job of workflow.jobs) {
    for (const step of job.steps) {
      if (current === undefined) return undefined;
      if (!step.run || !/package\.json/.test(step.run) || step === writer) continue;
      const lookup = envLookup(workflow, job, step);
      for (const line of step.run.split('\n').filter((l) => /package\.json/.test(l))) {
        const sed = /\bsed\s+(?:-[A-Za-z]+\s+)*(["'])s(.)(.*?)\2(.*?)\2[gI]*\1/.exec(line);
        const now = current;
        if (now === undefined) return undefined;
        if (sed) {
          const unquote = (s: string) => s.replace(/\\"/g, '"').replace(/^"|"$/g, '');
          const from = substitute(unquote(sed[3]!), lookup);
          if (from === undefined) return undefined;
          if (from === now) {
            const to = substitute(unquote(sed[4]!), lookup);
            current = to !== undefined && checkPackageName(to).errors.length === 0 ? to : undefined;
          } else if (from.includes(now) || /"name"/.test(from)) {
            return undefined;
          }
          continue;
        }
        const writes = />\s*["']?[^\s>]*package\.json/.test(line) || WRITERS.some((name) => new RegExp(`(?:^|[;&|(]|\\b(?:do|then)\\s)\\s*${name}\\b`).test(line));
        const spares = /\bnpm\s+pkg\s+set\b/.test(line) ? !/\bname=/.test(line) : /\bjq\b/.test(line) && !/\bcp\b|\bmv\b|>/.test(line) ? !/\.name\b/.test(line) : false;
        if (writes && !spares) return undefined;
      }
    }
  }
  return current;
}

/** `<folder>/*` for a step whose loop publishes from every folder of `<folder>`; none otherwise. */
function loopDirs(workflow: Workflow, job: Job, step: Step): string[] {
  const base = workingDirectory(workflow, job, step) ?? '';
  const folder = step.run === undefined || base.includes('$') ? undefined : loopFolder(step.run, cdBeforePublish(step.run));
  return folder === undefined ? [] : [`${cleanFolder(posix.join(base, folder))}/*`];
}

/**
 * The packages a publishing workflow builds in CI: each `wasm-pack build` (named by its rule, or
 * unknown), and a publish from a directory whose package.json is not in the repository (unknown).
 * Empty when the workflow publishes what the repository holds.
 */
export function builtPackages(w: WorkflowFile, readFile: (path: string) => string | undefined, context: PublishContext = {}): BuiltPackage[] {
  const parsed = parseWorkflow(w.content, w.path, context);
  if (!parsed.ok || !parsed.workflow.publishes) return [];
  const workflow = parsed.workflow;
  const found: BuiltPackage[] = [];
  for (const job of workflow.jobs) {
    for (const step of job.steps) {
      for (const build of step.run ? wasmBuilds(step.run) : []) {
        const lookup = envLookup(workflow, job, step);
        const dir = substitute(workingDirectory(workflow, job, step) ?? '', lookup);
        const scope = build.scope === undefined ? undefined : substitute(build.scope, lookup);
        const path = build.path === undefined ? undefined : substitute(build.path, lookup);
        const crate = dir === undefined || (build.path !== undefined && path === undefined) ? undefined : crateDir(cleanFolder(dir), path, readFile);
        const cargo = crate === undefined ? {} : cargoPackage(readFile(crate ? `${crate}/Cargo.toml` : 'Cargo.toml') ?? '');
        const npmName = cargo.name === undefined || (build.scope !== undefined && !scope) ? undefined : scope ? `@${scope.replace(/^@/, '')}/${cargo.name}` : cargo.name;
        const name = renamed(workflow, npmName);
        found.push({ ...(name ? { name } : {}), ...(name && cargo.version ? { version: cargo.version } : {}), file: w.path });
      }
    }
  }
  if (found.length === 0) {
    const missing = (dir: string) => readFile(dir ? `${dir}/package.json` : 'package.json') === undefined;
    // A loop over the folders of a build folder publishes one package per folder: `<folder>/*`.
    const stepDirs = (job: Job, step: Step) => publishFolders(workflow, job, step) ?? loopDirs(workflow, job, step);
    // A script that copies a template of the repository to the package.json: the template's name.
    const runs = workflow.jobs.flatMap((job) => job.steps.flatMap((step) => (step.run ? [step.run] : [])));
    const dirs: string[] = [];
    for (const job of workflow.jobs) {
      for (const step of job.steps.filter((s) => s.publishes)) {
        for (const dir of stepDirs(job, step).filter(missing)) {
          // A package.json the job writes from JSON text that names it, or copies from a template.
          const written = writtenManifest(workflow, job, dir, step);
          const name = (written && renamed(workflow, written.name, written.step)) ?? (dir !== '' ? templateName(dir, runs, readFile) : undefined);
          if (name) found.push({ name, file: w.path });
          else dirs.push(dir);
        }
      }
    }
    if (dirs.length > 0) found.push({ file: w.path, ...(dirs.some((dir) => dir !== '') ? { dirs: [...new Set(dirs.filter((dir) => dir !== ''))] } : {}) });
  }
  // One entry per name; the unknown ones as one.
  const seen = new Set<string>();
  return found.filter((p) => {
    const key = p.name ?? '';
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * With no publishable package.json where the user pointed (none, or a private one, and no workspace packages): the packages the
 * repository's publishing workflows build in CI. Read on demand (it parses the workflows), by the
 * commands that already do: doctor and migrate.
 */
export function ciBuiltPackages(d: Detected): BuiltPackage[] {
  // A private (or nameless) top package.json is the build's, not what is published.
  if ((d.pkg && d.pkg.name && !d.pkg.private && !versionlessUnpublished(d)) || d.workspacePackages.length > 0 || publishFolderPackages(d).length > 0) return [];
  const context = d.publishContext ?? {};
  return d.workflows.flatMap((w) => builtPackages(w, context.readFile ?? (() => undefined), context));
}

/**
 * The top package.json's own errors (private, or none at all): they do not apply where the
 * publishing workflow publishes from folders or a package its CI build writes.
 */
export const topPackageError = (f: Finding): boolean => (f.id === 'private-package' && f.file === 'package.json') || f.id === 'no-package-json';

/** A note instead of "no package.json": the publishing workflow builds its package in CI. */
export function builtPackageFinding(built: readonly BuiltPackage[]): Finding {
  const named = built.filter((p) => p.name).map((p) => p.name!);
  const some = named.length > 0 ? `${named.join(', ')}; ` : '';
  const what = named.length > 0 && named.length === built.length ? named.join(', ') : `${some}${some ? 'the other names are' : 'its name is'} set there, not in this repository`;
  return {
    id: 'ci-built-package',
    level: 'info',
    message: `${[...new Set(built.map((p) => p.file))].join(', ')} publishes a package its build writes in CI, not one this repository holds (${what}).`,
    fix: "Add the trusted publisher on that package's npmjs.com settings page: create-trusted-publish --migrate prints the values.",
  };
}
