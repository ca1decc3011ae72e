// A publish inside a JavaScript or TypeScript file of the repository that a publishing step runs
// (`tsx scripts/release/publish.ts`, `node scripts/publish.mjs`, directly or through a package.json
// script): release scripts spell it `execSync('npm publish …')`, `spawnSync('npm', ['publish', …])`,
// zx's $`npm publish`, a command string handed to execSync later (`pnpm nx release publish …`), or a
// helper called with 'npm' and an argument list built as ['publish', …] elsewhere in the file. Only
// the files a step runs are read, and the files they import by a relative path (one level), each
// under the size cap of the other script files.
import { posix } from 'node:path';
import { shellWords } from '../text/shell.js';
import { commandPublishes, scriptsRun } from './publish-commands.js';
import type { PublishContext } from './publish-rule.js';
import { scriptText, shellCode } from './script-files.js';
import { workspaceBinsRun } from './workspace-bins.js';

type ReadFile = NonNullable<PublishContext['readFile']>;

/** Programs that run a script file of JavaScript or TypeScript. */
const PROGRAM = /^(?:node|tsx|ts-node|ts-node-esm|babel-node|esno|esr|jiti|bun|vite-node|zx)$/;
/** Their options that take the next word as a value. */
const VALUED = new Set(['-P', '--project', '-r', '--require', '--import', '--loader', '--experimental-loader', '-C', '--conditions', '--env-file', '-O', '--compiler-options', '--tsconfig']);
/** Options after which the program runs code given on the line, not a file. */
const INLINE = new Set(['-e', '--eval', '-p', '--print']);
/** Extensions a program finds a script by when the command leaves it out (`ts-node scripts/tasks/publish`). */
const EXTENSIONS = ['', '.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'];
/** A file name a program runs: JavaScript or TypeScript, or no extension at all. */
const PROGRAM_PATH = /(?:\.[cm]?[jt]sx?|\/[^./]+)$|^[^./]+$/;

/** `a/./b/../c` from the repository's top; undefined when it climbs out or is absolute. */
function fromTop(dir: string, path: string): string | undefined {
  if (path.startsWith('/') || /[$`~*?]/.test(path)) return undefined;
  const joined = posix.normalize(posix.join(dir || '.', path));
  return joined === '..' || joined.startsWith('../') ? undefined : joined;
}

/** The repository file `path` (from the top) names, trying the extensions a program tries. */
function existing(path: string, readFile: ReadFile): string | undefined {
  const candidates = [...EXTENSIONS.map((ext) => path + ext), path.replace(/\.(c|m)?js$/, '.$1ts')];
  return candidates.find((p) => scriptText(p, readFile) !== undefined);
}

/** A file name or command word that says it releases: `publish.mjs`, `release-cli.ts`, `cli.ts release`. */
const RELEASE_WORD = /publish|release|deploy|ship/i;

/**
 * True when a program is run for something other than its publish: a dry run, or a command word of a
 * file that is not itself a release script (`bun cli.ts check`, `tsx tools/cli.ts build`), so that the
 * lint and build steps of a repository's own multi-command CLI are not taken for its release.
 */
function otherCommand(file: string, args: readonly string[]): boolean {
  if (args.includes('--dry-run')) return true;
  if (RELEASE_WORD.test(posix.basename(file))) return false;
  const command = args.find((a) => !a.startsWith('-'));
  return command !== undefined && /^[a-z][\w:-]*$/.test(command) && !RELEASE_WORD.test(command);
}

/**
 * The JavaScript or TypeScript files of the repository a command line hands to a program
 * (`tsx scripts/x.ts`, `npx tsx x.ts`, `pnpm exec tsx x.ts`, `bun run x.ts`, `node --import tsx x.ts`),
 * as paths from the top; `dir` is where the line runs. Doctor, migrate and detect find them with it.
 */
export function programFilesRun(line: string, readFile: ReadFile | undefined, dir = ''): string[] {
  if (!readFile) return [];
  const found: string[] = [];
  let at: string | undefined = dir;
  for (const part of shellCode(line).replace(/\$\{\{.*?\}\}/g, '$EXPRESSION').split(/&&|\|\||;|\|/)) {
    const words = shellWords(part.trim());
    while (words.length > 0 && (/^[A-Za-z_]\w*=/.test(words[0]!) || /^(?:npx|bunx|pnpx|--yes|-y|exec|dlx)$/.test(words[0]!) || (/^(?:pnpm|yarn)$/.test(words[0]!) && PROGRAM.test(words[1] === 'exec' || words[1] === 'dlx' ? (words[2] ?? '') : (words[1] ?? ''))))) words.shift();
    if (words[0] === 'cd') {
      at = words[1] === undefined || at === undefined ? undefined : fromTop(at, words[1]);
      continue;
    }
    if (at === undefined || !PROGRAM.test(words[0] ?? '')) continue;
    let file: string | undefined;
    let rest: string[] = [];
    for (let i = 1; i < words.length; i++) {
      const word = words[i]!;
      if (INLINE.has(word)) break;
      if (VALUED.has(word)) i++;
      else if (words[0] === 'bun' && word === 'run' && i === 1) continue;
      else if (!word.startsWith('-')) {
        file = word;
        rest = words.slice(i + 1);
        break;
      }
    }
    if (file === undefined || !PROGRAM_PATH.test(file) || otherCommand(file, rest)) continue;
    const path = fromTop(at, file);
    const real = path === undefined ? undefined : existing(path, readFile);
    if (real !== undefined && !found.includes(real)) found.push(real);
  }
  return found;
}

/** The text of a program without its comments (`// …` after a space or at a line's start, and block comments kept as empty lines). */
const withoutComments = (text: string): string =>
  text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/(^|\s)\/\/.*$/gm, '$1');

/** Quoted strings of one line: '…', "…", `…` (an interpolation read as one word). */
const literals = (line: string): string[] => [...line.matchAll(/'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g)].map((m) => (m[1] ?? m[2] ?? m[3]!).replace(/\$\{[^}]*\}/g, 'X'));

/** A line that only prints or throws: a command named there is text. */
const PRINTS = /\bconsole\.\w+\s*\(|\bnew\s+\w*Error\s*\(|\bthrow\b/;
/** A command string whose first word is a program that can publish. */
const COMMAND_START = /^\s*(?:npm|pnpm|yarn|bun|npx|bunx|lerna|changeset|nx|semantic-release|release-it|auto|napi|beachball|rush|shipjs)\s/;
/** A call whose first argument is a package manager (group 2), then its argument list or a name holding it (group 3). */
const PM_CALL = /\(\s*(['"`])(npm|pnpm|yarn|bun)\1\s*,\s*(\[[^\]]*\]|[A-Za-z_$][\w$.]*)/g;
/**
 * An argument list that publishes: `['publish', …]` (Yarn 2+: `['npm', 'publish', …]`; `yarn` with
 * `['lerna', 'publish', …]`), not a dry run; options may come first (pnpm's `['--filter', name,
 * 'publish', …]`, `['-r', 'publish']`).
 */
const PUBLISH_ARGS = /\[\s*(?:(['"`])(?:--filter|-F)\1\s*,\s*[^,\]]+,\s*|(['"`])-[^'"`\s]*\2\s*,\s*)*(['"`])(?:(?:npm|lerna)\3\s*,\s*\3)?publish\3[^\]]*\]/g;

/** An argument list written over several lines, put on its first line (the lines after it kept, empty, so line numbers hold). */
const oneLineLists = (code: string): string => code.replace(/\[[^[\]]*\n[^[\]]*\]/g, (list) => list.replace(/\s*\n\s*/g, ' ') + '\n'.repeat(list.split('\n').length - 1));

/** A program's text with each argument list as the words it gives (`['lerna', 'publish', x]` -> `lerna publish`), comments left out. */
const listsAsWords = (text: string): string => withoutComments(text).replace(/\[[^[\]]*\]/g, (list) => ` ${literals(list.replace(/\s*\n\s*/g, ' ')).join(' ')} `);
/** npm commands that change a package's registry settings without publishing it. */
const ADMIN_WORDS = 'unpublish|deprecate|undeprecate|owner|access|dist-tags?';
// `npm access list packages`, `npm dist-tag ls`: they read, they change nothing.
const ADMIN_ARGS = new RegExp(`\\[\\s*(['"\`])(?:${ADMIN_WORDS})\\1(?!\\s*,\\s*['"\`](?:list|ls|get)\\b)`);
const ADMIN_COMMAND = new RegExp(`^\\s*npm\\s+(?:${ADMIN_WORDS})\\b(?!\\s+(?:list|ls|get)\\b)`);

const dryRunList = (list: string) => /['"`]--dry-run['"`]/.test(list);

/** What a program's text runs: the 1-based lines that publish, and those that run `npm unpublish`, `npm deprecate` or the like. */
export function programCommands(text: string): { publish: number[]; admin: number[] } {
  const lines = oneLineLists(withoutComments(text)).split('\n');
  const code = lines.join('\n');
  const calls = [...code.matchAll(PM_CALL)];
  // A package manager called with a list held in a name: the file's own publish lists count.
  const listByName = calls.some((m) => !m[3]!.startsWith('['));
  const publish: number[] = [];
  const admin: number[] = [];
  lines.forEach((line, index) => {
    const strings = PRINTS.test(line) ? [] : literals(line);
    // A command string may chain a folder change before the command: `cd ${dir} && npm publish`.
    const commands = strings.flatMap((s) => s.split(/&&|;|\|\|/)).filter((s) => COMMAND_START.test(s));
    const lists = [...line.matchAll(PUBLISH_ARGS)].map((m) => m[0]).filter((l) => !dryRunList(l));
    const called = [...line.matchAll(PM_CALL)];
    if (commands.some(commandPublishes) || called.some((m) => m[3]!.startsWith('[') && [...m[3]!.matchAll(PUBLISH_ARGS)].length > 0 && !dryRunList(m[3]!)) || (listByName && lists.length > 0)) publish.push(index + 1);
    if (commands.some((s) => ADMIN_COMMAND.test(s)) || called.some((m) => m[2] === 'npm' && ADMIN_ARGS.test(m[3]!)) || (listByName && ADMIN_ARGS.test(line))) admin.push(index + 1);
  });
  return { publish, admin };
}

/** `from './x'`, `require('./x')`, `import('./x')`: the relative module names a program imports. */
const IMPORT = /\bfrom\s+(['"])(\.{1,2}\/[^'"]+)\1|\b(?:require|import)\s*\(\s*(['"])(\.{1,2}\/[^'"]+)\3\s*\)/g;
/** At most this many imported files are read per program. */
const IMPORTS_MAX = 8;

/** A program file of the repository, and the files it imports by a relative path (one level), with their text. */
export function programTexts(path: string, readFile: ReadFile): { path: string; text: string }[] {
  const text = scriptText(path, readFile);
  if (text === undefined) return [];
  const imported = [...text.matchAll(IMPORT)]
    .map((m) => fromTop(posix.dirname(path), m[2] ?? m[4]!))
    .flatMap((p) => (p === undefined ? [] : [existing(p, readFile)]))
    .filter((p): p is string => p !== undefined && p !== path);
  const files = [...new Set(imported)].slice(0, IMPORTS_MAX);
  return [{ path, text }, ...files.flatMap((p) => { const t = scriptText(p, readFile); return t === undefined ? [] : [{ path: p, text: t }]; })];
}

/** The program files a line runs, directly, as a workspace bin (`npm exec --no <bin>`), or through the top package.json scripts it names (from the top). */
export function programFilesOf(line: string, context: PublishContext, dir = ''): string[] {
  const readFile = context.readFile;
  if (!readFile) return [];
  const viaScripts = scriptsRun(line, context.scripts, context.yarnBerry).flatMap((name) => context.scripts![name]!.split(/&&|;|\|\|/).flatMap((s) => programFilesRun(s, readFile)));
  return [...new Set([...programFilesRun(line, readFile, dir), ...workspaceBinsRun(line, context), ...viaScripts])];
}

/** Does a line run a program file of the repository (or one it imports) that publishes to npm? */
export function runsProgramPublish(line: string, context: PublishContext, dir = ''): boolean {
  const readFile = context.readFile;
  if (!readFile) return false;
  return programFilesOf(line, context, dir).some((path) => programTexts(path, readFile).some((f) => programCommands(f.text).publish.length > 0));
}

/** Does a line run a program file of the repository (or one it imports) whose commands or argument lists match `tool` (`lerna publish`)? */
export function programRunsTool(line: string, tool: RegExp, context: PublishContext, dir = ''): boolean {
  const readFile = context.readFile;
  return readFile !== undefined && programFilesOf(line, context, dir).some((path) => programTexts(path, readFile).some((f) => tool.test(listsAsWords(f.text))));
}

/** Where a line's program files run `npm unpublish`, `npm deprecate` or the like: file and 1-based line of the first. */
export function programAdminLine(line: string, context: PublishContext, dir = ''): { path: string; line: number } | undefined {
  const readFile = context.readFile;
  if (!readFile) return undefined;
  for (const path of programFilesOf(line, context, dir)) {
    for (const file of programTexts(path, readFile)) {
      const first = programCommands(file.text).admin[0];
      if (first !== undefined) return { path: file.path, line: first };
    }
  }
  return undefined;
}

/** A reader that does not see JavaScript or TypeScript files: the publish rule without program files. */
export const withoutPrograms = (readFile: ReadFile): ReadFile => (path, maxBytes) => (/\.[cm]?[jt]sx?$/.test(path) ? undefined : readFile(path, maxBytes));
