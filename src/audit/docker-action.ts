// A local Docker container action (`uses: ./.github/actions/x` whose action.yml says
// `runs: using: docker` with an image built from a Dockerfile of the repository): the repository
// script it runs, named by `runs.entrypoint` / `runs.args` or by the Dockerfile's ENTRYPOINT / CMD
// (mapped back to the repository through its COPY / ADD lines). The publish rule reads that script
// as it reads a `run:` step. Plain text in, no YAML parser: detect reads it before the first prompt.
import { scriptText, SCRIPT_MAX_BYTES } from './script-files.js';

type ReadFile = ((path: string, maxBytes?: number) => string | undefined) | undefined;

/** The container runs with the repository checked out here, as its working directory. */
const WORKSPACE = '/github/workspace';

/** Programs that run the script named after them (`ENTRYPOINT ["bash", "/entrypoint.sh"]`). */
const SHELL = /^(?:\/(?:usr\/)?bin\/)?(?:ba|da|z)?sh$/;

/** One `key: value` of the action file's `runs:` block (a scalar, quotes dropped), or undefined. */
export function runsValue(text: string, key: string): string | undefined {
  const m = new RegExp(`^[ \\t]+${key}:[ \\t]*(['"]?)([^'"\\s#][^'"#\\n]*?)\\1[ \\t]*(?:#.*)?$`, 'm').exec(text);
  return m?.[2];
}

/** The items of `runs.args` as a block or flow sequence of plain scalars. */
function runsArgs(text: string): string[] {
  const flow = /^[ \t]+args:[ \t]*\[([^\]\n]*)\]/m.exec(text);
  if (flow) return flow[1]!.split(',').map(unquote).filter(Boolean);
  const block = /^([ \t]+)args:[ \t]*(?:#.*)?\n((?:\1[ \t]*-[^\n]*\n?)+)/m.exec(text);
  return block ? block[2]!.split('\n').map((l) => unquote(l.replace(/^\s*-\s*/, ''))).filter(Boolean) : [];
}

const unquote = (s: string): string => s.trim().replace(/^(['"])(.*)\1$/, '$2');

/** An instruction's words: the exec form (`["a", "b"]`) or the shell form (`a b`). */
function words(rest: string): string[] {
  const trimmed = rest.trim();
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      return Array.isArray(parsed) ? parsed.filter((w): w is string => typeof w === 'string') : [];
    } catch {
      return [];
    }
  }
  return trimmed.split(/\s+/).filter(Boolean);
}

/** The last ENTRYPOINT and CMD of a Dockerfile, and where its COPY / ADD lines put each file (container path → build-context path). */
function readDockerfile(text: string): { entrypoint: string[]; cmd: string[]; copies: Array<[string, string]> } {
  let entrypoint: string[] = [];
  let cmd: string[] = [];
  const copies: Array<[string, string]> = [];
  for (const raw of text.replace(/\\\r?\n/g, ' ').split(/\r?\n/)) {
    const m = /^\s*(ENTRYPOINT|CMD|COPY|ADD)\s+(.*)$/i.exec(raw);
    if (!m) continue;
    const op = m[1]!.toUpperCase();
    const args = words(m[2]!).filter((w) => !w.startsWith('--'));
    if (op === 'ENTRYPOINT') entrypoint = args;
    else if (op === 'CMD') cmd = args;
    else if (args.length >= 2) for (const src of args.slice(0, -1)) copies.push([args.at(-1)!, src]);
  }
  return { entrypoint, cmd, copies };
}

/** `a/./b/../c` from the top; undefined when it climbs out or holds a variable. */
export function clean(path: string): string | undefined {
  if (/[$`~*?]/.test(path)) return undefined;
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part !== '..') parts.push(part);
    else if (parts.pop() === undefined) return undefined;
  }
  return parts.length > 0 ? parts.join('/') : undefined;
}

/** The repository file behind a path in the container: copied from the build context (`dir`), or in the mounted workspace. */
function repoFile(path: string, dir: string, copies: ReadonlyArray<[string, string]>): string | undefined {
  for (const [dest, src] of copies) {
    const base = src.split('/').pop()!;
    if (dest === path || (dest.endsWith('/') && `${dest}${base}` === path)) return clean(`${dir}/${src}`);
  }
  if (path.startsWith(`${WORKSPACE}/`)) return clean(path.slice(WORKSPACE.length + 1));
  // A bare name is a program on the image's PATH; a relative path is in the workspace.
  if (!path.startsWith('/') && path.includes('/')) return clean(path);
  return undefined;
}

/** What a local Docker action's container runs: the command's words, and the repository script among them, if any. */
export interface DockerCommand {
  command: string[];
  /** The repository script it runs, from the repository's top. */
  script?: string;
}

/**
 * What the container of a local Docker action at `dir` (its action file's text) runs; undefined
 * when it is no such action, its image is not a Dockerfile of the repository, or nothing names a command.
 */
export function dockerActionCommand(dir: string, actionText: string, readFile: ReadFile): DockerCommand | undefined {
  if (runsValue(actionText, 'using')?.toLowerCase() !== 'docker') return undefined;
  const image = runsValue(actionText, 'image');
  if (!readFile || image === undefined || image.startsWith('docker://')) return undefined;
  const dockerfilePath = clean(`${dir}/${image}`);
  const dockerfile = dockerfilePath === undefined ? undefined : readFile(dockerfilePath, SCRIPT_MAX_BYTES);
  if (dockerfile === undefined) return undefined;
  const file = readDockerfile(dockerfile);
  const entry = runsValue(actionText, 'entrypoint');
  const args = runsArgs(actionText);
  // `runs.entrypoint` replaces the image's ENTRYPOINT; `runs.args` its CMD.
  const program = entry !== undefined ? [entry] : file.entrypoint;
  const rest = args.length > 0 ? args : entry !== undefined ? [] : file.cmd;
  const command = program.length > 0 ? [...program, ...rest] : rest;
  const first = command[0];
  if (first === undefined) return undefined;
  const named = SHELL.test(first) ? command.slice(1).find((w) => !w.startsWith('-')) : first;
  const script = named === undefined ? undefined : repoFile(named, dir, file.copies);
  return { command, ...(script !== undefined ? { script } : {}) };
}

/** The repository script a local Docker action's container runs, from the top, or undefined. */
export const dockerActionScript = (dir: string, actionText: string, readFile: ReadFile): string | undefined => dockerActionCommand(dir, actionText, readFile)?.script;

/**
 * The shell a local Docker action's container runs, as a `run:` step's text: its repository
 * script (bounded read), or else its command line (`ENTRYPOINT ["npm", "publish"]`); undefined when neither.
 */
export function dockerActionRun(dir: string, actionText: string, readFile: ReadFile): string | undefined {
  const found = dockerActionCommand(dir, actionText, readFile);
  if (!found) return undefined;
  if (found.script !== undefined) return scriptText(found.script, readFile);
  return SHELL.test(found.command[0]!) ? undefined : found.command.join(' ');
}
