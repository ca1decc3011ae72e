// moon (moonrepo) runs a repository's tasks by target: `moon run :publish` (that task in every
// project), `moon run root:publish`, `moon run publish` (the project where it runs). A release
// step that runs one hands npm whatever the task's command or script runs, so the publish rule
// reads the task from the root project's moon.yml and the tasks every project inherits
// (.moon/tasks.yml). Project files elsewhere are not read: without a listing of the repository,
// `:publish` is judged by the tasks of those two files. A line scanner, like the rest of the
// publish rule: no YAML parser at start-up.

type ReadFile = (path: string, maxBytes?: number) => string | undefined;

/** A task definition file of moon is a few dozen lines; a larger one is not read. */
const MOON_FILE_MAX_BYTES = 64 * 1024;

/** `moon run <target>... [options]` on a line: the targets, as `[project, task]` (project '' for `:task` or a bare task). */
export function moonTargets(line: string): Array<[string, string]> {
  const targets: Array<[string, string]> = [];
  for (const part of line.replace(/(^|\s)#.*$/, '').split(/&&|\|\||;|\|/)) {
    const words = part.trim().split(/\s+/);
    const at = words.findIndex((w, i) => w === 'moon' && words[i + 1] === 'run');
    if (at < 0) continue;
    for (const word of words.slice(at + 2).map((w) => w.replace(/^(['"])(.*)\1$/, '$2'))) {
      // Targets come first; an option may take a value (`--log debug`), so reading stops there.
      if (word.startsWith('-')) break;
      const m = /^(?:([\w~^@./-]*):)?([\w.-]+)$/.exec(word);
      if (m) targets.push([m[1] ?? '', m[2]!]);
    }
  }
  return targets;
}

const unquote = (value: string) => value.trim().replace(/^(['"])(.*)\1$/, '$2');
const indentOf = (line: string) => line.length - line.trimStart().length;

/** A task property's value from its first line and the deeper lines after it: a scalar, a flow or block list, a block scalar. */
function valueOf(first: string, more: string[]): string {
  const value = first.replace(/\s+#.*$/, '').trim();
  if (/^[|>][-+]?$/.test(value)) return more.map((line) => line.trim()).join('\n');
  if (value.startsWith('[')) return value.replace(/^\[|\]$/g, '').split(',').map(unquote).join(' ');
  if (value === '') return more.map((line) => /^\s*-\s+(.*)$/.exec(line)?.[1]).filter((w): w is string => w !== undefined).map(unquote).join(' ');
  return unquote(value);
}

/**
 * The tasks of a moon YAML file (`tasks:` at the top, a name per task, its `command`, `args` or
 * `script`) as shell text, and the project's `id`; undefined when the file cannot be read.
 */
function moonFile(path: string, readFile: ReadFile): { id?: string; tasks: Map<string, string> } | undefined {
  const text = readFile(path, MOON_FILE_MAX_BYTES);
  if (text === undefined || text.length > MOON_FILE_MAX_BYTES || text.includes('\0')) return undefined;
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '' && !/^\s*#/.test(line));
  const tasks = new Map<string, string>();
  let id: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const idLine = /^id:\s*(.+)$/.exec(lines[i]!);
    if (idLine) id = unquote(idLine[1]!.replace(/\s+#.*$/, ''));
    if (!/^tasks:\s*$/.test(lines[i]!)) continue;
    let end = lines.findIndex((line, j) => j > i && indentOf(line) === 0);
    if (end < 0) end = lines.length;
    const body = lines.slice(i + 1, end);
    const taskIndent = body[0] === undefined ? 0 : indentOf(body[0]);
    for (let t = 0; t < body.length; t++) {
      const name = indentOf(body[t]!) === taskIndent ? /^\s*['"]?([\w.-]+)['"]?:\s*$/.exec(body[t]!)?.[1] : undefined;
      if (name === undefined) continue;
      let close = body.findIndex((line, j) => j > t && indentOf(line) <= taskIndent);
      if (close < 0) close = body.length;
      const props = body.slice(t + 1, close);
      const propIndent = props[0] === undefined ? 0 : indentOf(props[0]);
      const read = (key: string): string | undefined => {
        const at = props.findIndex((line) => indentOf(line) === propIndent && line.trimStart().startsWith(`${key}:`));
        if (at < 0) return undefined;
        let stop = props.findIndex((line, j) => j > at && indentOf(line) <= propIndent);
        if (stop < 0) stop = props.length;
        return valueOf(props[at]!.trimStart().slice(key.length + 1), props.slice(at + 1, stop));
      };
      const script = read('script');
      const command = [read('command'), read('args')].filter((w) => w !== undefined && w !== '').join(' ');
      const shell = script ?? command;
      if (shell !== '') tasks.set(name, shell);
    }
    i = end - 1;
  }
  return { ...(id !== undefined ? { id } : {}), tasks };
}

/** The shell text of every moon task a line runs that the root moon.yml or .moon/tasks.yml defines. */
export function moonTasksRun(line: string, readFile: ReadFile): string[] {
  const targets = moonTargets(line);
  if (targets.length === 0) return [];
  const root = moonFile('moon.yml', readFile);
  const inherited = moonFile('.moon/tasks.yml', readFile);
  const texts: string[] = [];
  for (const [project, task] of targets) {
    // The root project: every project (`:task`), the one where the step runs (a bare task, `~:`), or by its id.
    const inRoot = project === '' || project === '~' || project === 'root' || (root?.id !== undefined && project === root.id);
    for (const text of [inRoot ? root?.tasks.get(task) : undefined, inherited?.tasks.get(task)]) {
      if (text !== undefined) texts.push(text);
    }
  }
  return texts;
}
