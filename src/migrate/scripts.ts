// Publish steps that run a script of the repository (`bash scripts/release.sh`): lines that write
// an _authToken to .npmrc or check the token with `npm whoami` go from shell scripts too, as they
// do from `run:` blocks (an empty token in .npmrc, or a failing whoami under `set -e`, would stop
// the trusted publish). Other languages are not edited: the migration stops and says where.
import { isMap, isScalar, isSeq, type Document, type YAMLMap } from 'yaml';
import { scriptsRun } from '../audit/publish-rule.js';
import { isYarnBerry } from '../audit/version-scripts.js';
import { scriptFilesRunBy, scriptText, type ScriptFile } from '../audit/script-files.js';
import { MigrateError } from './errors.js';
import { oversizeFile, parseYamlFile } from '../core/yaml-text.js';
import { mergeEdits, printOptions } from './format.js';
import { mapOf, nodeOf, removeFrom, textOf, removeItem } from './nodes.js';
import { dropInputs, dropTokenPlumbing, readsInput } from './local-action-token.js';
import { dropTokenOnlyActionSteps } from './nested-token-actions.js';
import { CHECKS_TOKEN, TOKEN_WRITE, withoutTokenLines } from './token-lines.js';

type ReadFile = (path: string, maxBytes?: number) => string | undefined;

/** A step's working directory, from the top: its own, or its job's or the workflow's `defaults.run` ('' when none). */
export function stepDirectory(doc: Document, jobNode: YAMLMap, step: YAMLMap): string {
  const defaults = (node: unknown) => textOf(mapOf(mapOf(node as YAMLMap, 'defaults'), 'run'), 'working-directory');
  return textOf(step, 'working-directory') ?? defaults(jobNode) ?? (isMap(doc.contents) ? defaults(doc.contents) : undefined) ?? '';
}


/** A step's `run:` text, followed by the top package.json scripts it runs (one level, as the publish rule follows them). */
export function withPackageScripts(run: string, readFile: ((path: string) => string | undefined) | undefined): string {
  let scripts: Record<string, string> = {};
  try {
    const pkg = JSON.parse(readFile?.('package.json') ?? '{}') as { scripts?: unknown };
    if (pkg.scripts && typeof pkg.scripts === 'object') scripts = Object.fromEntries(Object.entries(pkg.scripts).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return run;
  }
  const yarnBerry = readFile ? isYarnBerry(readFile) : false;
  const named = run.split('\n').flatMap((line) => scriptsRun(line, scripts, yarnBerry)).map((name) => scripts[name]!);
  return [run, ...named].join('\n');
}

/**
 * The repository scripts a step runs, found as the publish rule finds them: from its `run:` lines
 * (in `dir`, its working directory), and from the top package.json scripts those lines name.
 */
export function stepScriptFiles(run: string, readFile: ReadFile | undefined, dir = ''): ScriptFile[] {
  const own = run.split('\n');
  const named = withPackageScripts(run, readFile).split('\n').slice(own.length);
  const files = [...own.flatMap((line) => scriptFilesRunBy(line, dir)), ...named.flatMap((line) => scriptFilesRunBy(line))];
  return files.filter((file, i) => files.findIndex((f) => f.path === file.path) === i);
}

/** The text of what a step runs: its `run:`, the package.json scripts it names, and the script files those run. */
export function whatRuns(run: string, readFile: ReadFile | undefined, dir = ''): string {
  const text = withPackageScripts(run, readFile);
  if (!readFile) return text;
  return [text, ...stepScriptFiles(run, readFile, dir).map((file) => scriptText(file.path, readFile) ?? '')].join('\n');
}

/** `npm whoami` on a line of a shell script that is not a comment. */
const checksTokenInCode = (text: string) => text.split('\n').some((line) => !/^\s*#/.test(line) && CHECKS_TOKEN.test(line));

/** The 1-based line of a script that runs `npm whoami`, comments (`#`, `//`) aside; undefined when none. */
function whoamiLine(text: string): number | undefined {
  const at = text.split('\n').findIndex((line) => !/^\s*(?:#|\/\/)/.test(line) && CHECKS_TOKEN.test(line));
  return at < 0 ? undefined : at + 1;
}

const whoamiLeft = (where: string, path: string, text: string) => {
  const line = whoamiLine(text);
  return new MigrateError(
    `${where} runs ${path}, which checks the npm token with npm whoami${line === undefined ? '' : ` (${path}:${line})`}; it fails once the token is gone, and trusted publishing has no login to check: ` +
      'remove that check from the script (or the step that runs it, when checking the token is all it does), then migrate again.',
  );
};

/**
 * The first line of a shell script that writes the token together with other commands (`&&`, `||`,
 * `;` or `|` outside quotes): removing it would drop those too. Its line number, or undefined.
 */
function joinedTokenLine(text: string): number | undefined {
  const at = text.split('\n').findIndex((line) => {
    if (/^\s*#/.test(line) || !TOKEN_WRITE.test(line)) return false;
    const code = line.replace(/'[^']*'|"(?:[^"\\]|\\.)*"/g, "''").replace(/\s#.*$/, '');
    return /&&|\|\||[;|]/.test(code);
  });
  return at < 0 ? undefined : at + 1;
}

/**
 * Edits of the repository scripts a publish step runs, by path. Throws MigrateError for a
 * non-shell script that writes a token (it cannot be edited line by line safely), and for a shell
 * script line that writes it together with other commands.
 */
export function scriptEdits(step: string, where: string, readFile: ReadFile | undefined, dir = ''): Map<string, { before: string; after: string }> {
  const edits = new Map<string, { before: string; after: string }>();
  if (!readFile) return edits;
  for (const { path, shell } of stepScriptFiles(step, readFile, dir)) {
    const text = scriptText(path, readFile);
    if (text === undefined) continue;
    if (shell) {
      const joined = joinedTokenLine(text);
      if (joined !== undefined) {
        throw new MigrateError(`${where} runs ${path}, and ${path}:${joined} writes the npm _authToken together with other commands, which this migration does not take apart: remove the _authToken write from that line by hand (npm then uses the OIDC token), then migrate again.`);
      }
      const after = withoutTokenLines(text);
      // A whoami that is not a line of its own (`if ! WHO=$(npm whoami)`) is not removed line by line: it would still fail.
      if (checksTokenInCode(after ?? text)) throw whoamiLeft(where, path, after ?? text);
      if (after !== undefined) edits.set(path, { before: text, after });
    } else if (TOKEN_WRITE.test(text)) {
      throw new MigrateError(`${where} runs ${path}, which writes an npm _authToken itself: remove that from the script (npm then uses the OIDC token), then migrate again.`);
    } else if (CHECKS_TOKEN.test(text)) {
      throw whoamiLeft(where, path, text);
    }
  }
  return edits;
}

/**
 * A local composite action a publish step uses (`./.github/actions/release`): its steps that write
 * an _authToken or check the token go (a line, or the whole step), and so does what carried the
 * token the caller no longer hands it (`dropped`: those input names; local-action-token.ts).
 * `earlier`: the text an earlier edit left. Undefined when nothing changes; `kept`: dropped inputs
 * the action still reads elsewhere.
 */
export function localActionEdit(
  uses: string,
  readFile: ((path: string) => string | undefined) | undefined,
  dropped: readonly string[] = [],
  earlier?: (path: string) => string | undefined,
): { path: string; before: string; after: string; notes: string[]; kept: string[] } | undefined {
  if (!readFile || !uses.startsWith('./')) return undefined;
  const dir = uses.slice(2).replace(/\/+$/, '');
  const path = [`${dir}/action.yml`, `${dir}/action.yaml`].find((p) => readFile(p) !== undefined);
  if (!path) return undefined;
  const before = readFile(path)!;
  const start = earlier?.(path) ?? before;
  const tooLarge = oversizeFile(start);
  if (tooLarge) throw new MigrateError(`${path} (the local action ${uses} the publish step runs) is not edited: ${tooLarge}.`);
  const doc = parseYamlFile(start);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  const root = doc.contents as YAMLMap;
  const options = printOptions(doc, start);
  const untouched = doc.toString(options);
  const steps = nodeOf(mapOf(root, 'runs'), 'steps');
  if (!isSeq(steps)) return undefined;
  const notes: string[] = [];
  let wrote = false;
  for (const step of [...steps.items]) {
    const run = isMap(step) ? nodeOf(step, 'run') : undefined;
    if (!isScalar(run) || typeof run.value !== 'string') continue;
    const kept = withoutTokenLines(run.value);
    if (kept === undefined) continue;
    wrote = true;
    if (kept.trim() === '') removeItem(steps, step);
    else run.value = kept;
  }
  if (wrote) notes.push(`${path} no longer writes or checks the npm token`);
  dropTokenOnlyActionSteps(steps, dropped, readFile, path, notes);
  dropTokenPlumbing(root, dropped, path, notes);
  // The declaration goes once nothing in the action reads the input.
  const printed = doc.toString(options);
  const kept = dropped.filter((name) => readsInput(printed, name));
  dropInputs(root, dropped.filter((name) => !kept.includes(name)), path, notes);
  const after = mergeEdits(start, untouched, doc.toString(options));
  return after === start && kept.length === 0 ? undefined : { path, before, after, notes, kept };
}

/**
 * The text of a local composite action without `registry-url` on its setup-node steps whose
 * registry `drop` accepts, or undefined when nothing changes. Everything else stays as written.
 */
export function withoutRegistryUrl(before: string, drop: (registry: string) => boolean): string | undefined {
  if (oversizeFile(before)) return undefined;
  const doc = parseYamlFile(before);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  const options = printOptions(doc, before);
  const untouched = doc.toString(options);
  const steps = nodeOf(mapOf(doc.contents as YAMLMap, 'runs'), 'steps');
  if (!isSeq(steps)) return undefined;
  for (const step of steps.items) {
    if (!isMap(step) || !/^actions\/setup-node@/i.test(String((nodeOf(step, 'uses') as { value?: unknown } | undefined)?.value ?? ''))) continue;
    const url = nodeOf(mapOf(step, 'with'), 'registry-url');
    if (isScalar(url) && url.value !== null && drop(String(url.value))) removeFrom(step, 'with', 'registry-url');
  }
  const after = mergeEdits(before, untouched, doc.toString(options));
  return after === before ? undefined : after;
}
