// The script files of the repository a `run:` line runs (`bash scripts/release.sh`,
// `node scripts/publish.mjs`), found the same way for doctor and migrate, and their text when it
// is small enough to read.
import type { PublishContext } from './publish-rule.js';

/** A line of shell without its comment, trimmed. */
export const shellCode = (line: string): string => line.replace(/(^|\s)#.*$/, '').trim();
const code = shellCode;

/** A shell script of the repository larger than this is not read (a release script is a few lines). */
export const SCRIPT_MAX_BYTES = 64 * 1024;

/** The workspace root in a path: `$GITHUB_WORKSPACE/` (`${{ github.workspace }}/` is read as it). */
const WORKSPACE = /^\$\{?GITHUB_WORKSPACE\}?\//;

/** `a/./b/../c` as `a/c` from the repository's top ('' is the top); undefined when it climbs out, is absolute or holds a variable. */
function repoPath(dir: string, path: string): string | undefined {
  const top = WORKSPACE.test(path);
  const rest = path.replace(WORKSPACE, '');
  if ((!top && rest.startsWith('/')) || /[$`~*?]/.test(rest) || (!top && /[$`]/.test(dir))) return undefined;
  const parts: string[] = [];
  for (const part of [...(top ? [] : dir.split('/')), ...rest.split('/')]) {
    if (part === '' || part === '.') continue;
    if (part !== '..') parts.push(part);
    else if (parts.pop() === undefined) return undefined;
  }
  return parts.join('/');
}

/** A script file of the repository a line runs; `shell` false for another language (`node scripts/publish.mjs`). */
export interface ScriptFile {
  path: string;
  shell: boolean;
}

/** Programs that run a script file of another language, and the file names they run. */
const PROGRAM = /^(?:node|tsx|ts-node|python3?|zx)$/;
const PROGRAM_FILE = /\.(?:[cm]?[jt]s|py)$/;

/**
 * The repository scripts a line runs, as paths from the top: `bash scripts/x.sh`,
 * `sh ./ci/publish.sh`, `source scripts/x.sh`, `. ./x.sh`, `./scripts/x.sh`, `bin/publish-npm`
 * (a direct path needs a slash: a bare name is looked up on PATH), and `node scripts/x.mjs` and
 * the like (not shell). A `cd dir` before it on the line moves where it is looked for; a path
 * holding a variable or an expression is skipped. Doctor and migrate both find scripts with it.
 */
export function scriptFilesRunBy(line: string, dir = ''): ScriptFile[] {
  const found: ScriptFile[] = [];
  let at: string | undefined = dir;
  // Any other expression is one word (`RELEASE_TAG=${{ inputs.tag }} scripts/release.sh`): its spaces split nothing.
  const text = code(line).replace(/\$\{\{\s*github\.workspace\s*\}\}/g, '$GITHUB_WORKSPACE').replace(/\$\{\{.*?\}\}/g, '$EXPRESSION');
  for (const part of text.split(/&&|\|\||;|\|/)) {
    const words = part.trim().split(/\s+/).filter(Boolean).map((w) => w.replace(/^(['"])(.*)\1$/, '$2'));
    while (words.length > 0 && /^[A-Za-z_]\w*=/.test(words[0]!)) words.shift();
    const [first, ...rest] = words;
    if (first === undefined) continue;
    if (first === 'cd') {
      at = rest[0] === undefined ? undefined : repoPath(at, rest[0]);
      if (at === undefined) return found; // `cd` home or somewhere unknown: nothing after it is in the repository
      continue;
    }
    let path: string | undefined;
    let shell = true;
    if (first === 'bash' || first === 'sh' || first === 'zsh') {
      const options = rest.findIndex((w) => !/^[-+][A-Za-z]+$/.test(w));
      if (rest.slice(0, options < 0 ? rest.length : options).some((w) => /^-[A-Za-z]*c/.test(w))) continue; // `bash -c '...'` runs a string
      path = options < 0 ? undefined : rest[options];
    } else if (first === 'source' || first === '.') path = rest[0];
    else if (PROGRAM.test(first)) {
      path = rest.find((w) => !w.startsWith('-'));
      shell = false;
      if (path !== undefined && !PROGRAM_FILE.test(path)) continue;
    } else if (first.includes('/')) path = first;
    const file = path === undefined ? undefined : repoPath(at, path);
    if (file) found.push({ path: file, shell });
  }
  return found;
}

/** The repository shell scripts a line runs (scriptFilesRunBy's shell ones), as paths from the top. */
export const scriptFilesRun = (line: string, dir = ''): string[] => scriptFilesRunBy(line, dir).flatMap((f) => (f.shell ? [f.path] : []));

/** The text of a repository script small enough to read, not binary; undefined otherwise. */
export function scriptText(path: string, readFile: PublishContext['readFile']): string | undefined {
  const text = readFile?.(path, SCRIPT_MAX_BYTES);
  return text === undefined || text.length > SCRIPT_MAX_BYTES || text.includes('\0') ? undefined : text;
}
