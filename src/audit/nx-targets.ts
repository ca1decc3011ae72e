// Nx runs a project's target by name: `nx run <project>:<target>[:<configuration>]` (often as
// `npx nx run …`). A release step that runs one hands npm whatever the target's commands run, so
// the publish rule reads the target from the project's project.json (`nx:run-commands` with
// `command` or `commands`, `nx:run-script` with `script`) or, for a target Nx infers, the script
// of that name in the project's package.json. One level, like moon tasks and make targets.
// Without a listing of the repository, the project is looked for in the folders its workspaces
// globs name (`packages/*`) and in Nx's usual apps/, libs/, packages/ and tools/.
// `nx run-many -t <target>` runs the target of every project (or of those `-p` names): with a
// listing of the repository, each folder of those places that holds a project is read.

type ReadFile = (path: string, maxBytes?: number) => string | undefined;

/** A project.json or package.json is a few kilobytes; a larger one is not read. */
const PROJECT_FILE_MAX_BYTES = 256 * 1024;

/** The usual Nx project folders, beside the workspaces globs. */
const NX_FOLDERS = ['apps', 'libs', 'packages', 'tools'];

/** `nx run <project>:<target>` on a line: `[project, target]` pairs. */
export function nxTargets(line: string): Array<[string, string]> {
  const targets: Array<[string, string]> = [];
  for (const part of line.replace(/(^|\s)#.*$/, '').split(/&&|\|\||;|\|/)) {
    const words = part.trim().split(/\s+/).map((w) => w.replace(/^(['"])(.*)\1$/, '$2'));
    const at = words.findIndex((w, i) => w === 'nx' && words[i + 1] === 'run');
    const m = at < 0 ? null : /^(@?[\w.~-]+(?:\/[\w.~-]+)?):([\w.-]+)(?::[\w.-]+)?$/.exec(words[at + 2] ?? '');
    if (m) targets.push([m[1]!, m[2]!]);
  }
  return targets;
}

function readJson(path: string, readFile: ReadFile): Record<string, unknown> | undefined {
  const text = readFile(path, PROJECT_FILE_MAX_BYTES);
  if (text === undefined || text.length > PROJECT_FILE_MAX_BYTES) return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The folders a project named `project` may live in: `<glob parent>/<name>` for each `x/*` workspaces glob and Nx folder. */
function candidateDirs(project: string, readFile: ReadFile): string[] {
  const workspaces = readJson('package.json', readFile)?.workspaces;
  const globs = Array.isArray(workspaces) ? workspaces : Array.isArray((workspaces as { packages?: unknown } | undefined)?.packages) ? (workspaces as { packages: unknown[] }).packages : [];
  const parents = globs.flatMap((g) => (typeof g === 'string' && /^[\w.-]+(?:\/[\w.-]+)*\/\*$/.test(g) ? [g.slice(0, -2)] : []));
  const base = project.split('/').pop()!;
  return [...new Set([...parents, ...NX_FOLDERS].map((parent) => `${parent}/${base}`))];
}

const strings = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : Array.isArray(value)
      ? value.flatMap((v) => (typeof v === 'string' ? [v] : typeof (v as { command?: unknown })?.command === 'string' ? [(v as { command: string }).command] : []))
      : [];

/** The shell text of the target of a project folder, or undefined when the folder does not hold that project. */
function targetText(dir: string, project: string, target: string, readFile: ReadFile): string | undefined {
  const config = readJson(`${dir}/project.json`, readFile);
  const pkg = readJson(`${dir}/package.json`, readFile);
  const name = typeof config?.name === 'string' ? config.name : typeof pkg?.name === 'string' ? pkg.name : undefined;
  if (name !== project) return undefined;
  const scripts = (pkg?.scripts ?? {}) as Record<string, unknown>;
  const script = (key: unknown) => (typeof key === 'string' && typeof scripts[key] === 'string' ? (scripts[key] as string) : undefined);
  const defined = (config?.targets as Record<string, unknown> | undefined)?.[target] as { executor?: unknown; options?: Record<string, unknown>; command?: unknown } | undefined;
  if (defined === undefined) return script(target);
  if (defined.executor === 'nx:run-script') return script(defined.options?.script);
  const commands = [...strings(defined.command), ...strings(defined.options?.command), ...strings(defined.options?.commands)];
  return commands.length > 0 ? commands.join('\n') : undefined;
}

/** `nx run-many` on a line: the targets (`-t a,b`, `--targets=a`, `--target a`) and the projects `-p`/`--projects` name (undefined: every one). */
export function nxRunMany(line: string): Array<{ targets: string[]; projects?: string[] }> {
  const found: Array<{ targets: string[]; projects?: string[] }> = [];
  for (const part of line.replace(/(^|\s)#.*$/, '').split(/&&|\|\||;|\|/)) {
    const words = part.trim().split(/\s+/).map((w) => w.replace(/^(['"])(.*)\1$/, '$2'));
    const at = words.findIndex((w, i) => w === 'nx' && words[i + 1] === 'run-many');
    if (at < 0) continue;
    const lists: Record<'targets' | 'projects', string[]> = { targets: [], projects: [] };
    let into: 'targets' | 'projects' | undefined;
    for (const word of words.slice(at + 2)) {
      const option = /^(-t|--targets?|-p|--projects?)(?:=(.*))?$/.exec(word);
      if (option) {
        into = /^-t|^--target/.test(option[1]!) ? 'targets' : 'projects';
        if (option[2] !== undefined) {
          lists[into].push(...option[2].split(',').filter(Boolean));
          into = undefined;
        }
      } else if (word.startsWith('-')) into = undefined;
      else if (into) lists[into].push(...word.split(',').filter(Boolean));
    }
    if (lists.targets.length > 0) found.push({ targets: lists.targets, ...(lists.projects.length > 0 ? { projects: lists.projects } : {}) });
  }
  return found;
}

/** How many project folders a run-many reads at most. */
const MAX_PROJECT_FOLDERS = 200;

/** The `x/*` globs of the top package.json's workspaces and of pnpm-workspace.yaml (a line scan of its `- 'x/*'` items). */
function workspaceParents(readFile: ReadFile): string[] {
  const workspaces = readJson('package.json', readFile)?.workspaces;
  const globs: unknown[] = Array.isArray(workspaces) ? [...workspaces] : Array.isArray((workspaces as { packages?: unknown } | undefined)?.packages) ? [...(workspaces as { packages: unknown[] }).packages] : [];
  const pnpm = readFile('pnpm-workspace.yaml', PROJECT_FILE_MAX_BYTES) ?? '';
  for (const m of pnpm.matchAll(/^\s*-\s*['"]?([^'"#\s]+)['"]?\s*(?:#.*)?$/gm)) globs.push(m[1]);
  return globs.flatMap((g) => (typeof g === 'string' && /^[\w.-]+(?:\/[\w.-]+)*\/\*$/.test(g.replace(/^\.\//, '')) && !g.split('/').includes('..') ? [g.replace(/^\.\//, '').slice(0, -2)] : []));
}

/** The name of the Nx project a folder holds (project.json's, else package.json's), if any. */
function projectName(dir: string, readFile: ReadFile): string | undefined {
  const config = readJson(`${dir}/project.json`, readFile);
  if (typeof config?.name === 'string') return config.name;
  const pkg = readJson(`${dir}/package.json`, readFile);
  return typeof pkg?.name === 'string' ? pkg.name : undefined;
}

/** The shell text of the targets `nx run-many` runs, read from each project folder the listing finds. */
function runManyTexts(line: string, readFile: ReadFile, listDirs: (glob: string) => string[]): string[] {
  const runs = nxRunMany(line);
  if (runs.length === 0) return [];
  const parents = [...new Set([...workspaceParents(readFile), ...NX_FOLDERS])];
  const dirs = [...new Set(parents.flatMap((parent) => listDirs(`${parent}/*`)))].slice(0, MAX_PROJECT_FOLDERS);
  const texts: string[] = [];
  for (const dir of dirs) {
    const name = projectName(dir, readFile);
    if (name === undefined) continue;
    for (const { targets, projects } of runs) {
      if (projects && !projects.includes(name)) continue;
      for (const target of targets) {
        const text = targetText(dir, name, target, readFile);
        if (text !== undefined) texts.push(text);
      }
    }
  }
  return texts;
}

/**
 * The shell text of every Nx target a line runs (`nx run <project>:<target>`, and with `listDirs`,
 * which lists the folders a `x/*` glob matches, `nx run-many -t <target>`) that the repository
 * defines where it can be found.
 */
export function nxTargetsRun(line: string, readFile: ReadFile, listDirs?: (glob: string) => string[]): string[] {
  const texts: string[] = listDirs ? runManyTexts(line, readFile, listDirs) : [];
  for (const [project, target] of nxTargets(line)) {
    for (const dir of candidateDirs(project, readFile)) {
      const text = targetText(dir, project, target, readFile);
      if (text !== undefined) {
        texts.push(text);
        break;
      }
    }
  }
  return texts;
}
