// A local JavaScript action (`uses: ./.github/actions/x` whose action.yml says `runs: using: node20`,
// `main: start.js`): what its code hands on and what it runs. A release may be split across two
// such actions: one exports the publish command into GITHUB_ENV (`core.exportVariable('CMD',
// \`npm run release:${kind}\`)`), a later one runs a variable or an input as a command
// (`execSync(process.env.CMD)`, or a shell script of the action running `bash -c $INPUT_COMMAND`).
// Only the main file (or, for a bundle over the size cap, the source next to it), the files it
// imports one level, and the shell scripts of the action it names are read, each under the cap.
// Plain text in, no YAML parser: detect reads it before the first prompt.
import { posix } from 'node:path';
import { clean, runsValue } from './docker-action.js';
import { programCommands, programTexts } from './program-publish.js';
import { commandPublishes } from './publish-commands.js';
import { scriptText } from './script-files.js';
import { writesAuthToken } from './token-forms.js';

type ReadFile = (path: string, maxBytes?: number) => string | undefined;

export interface JsAction {
  /** The action's own code publishes (`execSync('npm publish')`). */
  publishes: boolean;
  /** The env variables whose value it runs as a command; an input is `INPUT_<NAME>`. */
  runs: string[];
  /** What it writes to GITHUB_ENV; a `${…}` of a template literal is `*`. */
  exports: Record<string, string>;
  /** Where its code writes an npm `_authToken` (an .npmrc line), if it does: file and 1-based line. */
  writesToken?: { path: string; line: number };
}

/** The text of a string literal: '…', "…" or `…` (an interpolation becomes `*`). */
const literal = (quoted: string): string => quoted.slice(1, -1).replace(/\$\{[^}]*\}/g, '*');
const STRING = String.raw`'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|\x60(?:[^\x60\\]|\\.)*\x60`;
const EXPORT = new RegExp(String.raw`\bexportVariable\(\s*(['"\x60])([A-Za-z_]\w*)\1\s*,\s*(${STRING})`, 'g');
const APPEND_ENV = new RegExp(String.raw`\bappendFileSync\(\s*process\.env(?:\.GITHUB_ENV|\[['"]GITHUB_ENV['"]\])\s*,\s*(${STRING})`, 'g');
/** A value that is a variable: `process.env.X`, `process.env['X']`, `core.getInput('x')`. */
const SOURCE = String.raw`process\.env(?:\.([A-Za-z_]\w*)|\[\s*['"]([A-Za-z_]\w*)['"]\s*\])|(?:[\w$]+\.)?getInput\(\s*['"]([\w -]+)['"]`;
const RUN_CALL = /\b(?:exec|execSync|spawn|spawnSync|execa|execaCommand|execaCommandSync|\$)\s*\(\s*([A-Za-z_$][\w$.]*(?:\[[^\]]*\])?(?:\([^)]*\))?)/g;

/** A match blanked, its line breaks kept. */
const blank = (text: string): string => text.replace(/[^\n]/g, ' ');
const inputEnv = (name: string): string => `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
const sourceName = (a?: string, b?: string, c?: string): string => a ?? b ?? inputEnv(c!);

/** The env variables a program runs as a command: directly in a run call, or through a name assigned one. */
function jsRuns(text: string): string[] {
  const names = new Map<string, string>();
  for (const m of text.matchAll(new RegExp(String.raw`\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:${SOURCE})`, 'g'))) names.set(m[1]!, sourceName(m[2], m[3], m[4]));
  const found: string[] = [];
  for (const m of text.matchAll(RUN_CALL)) {
    const arg = m[1]!;
    const direct = new RegExp(`^(?:${SOURCE})`).exec(arg);
    const name = direct ? sourceName(direct[1], direct[2], direct[3]) : names.get(arg);
    if (name !== undefined) found.push(name);
  }
  return found;
}

/** The variables a shell script runs as a command (`$CMD`, `bash -c $CMD`, `eval "$CMD"`), through one `A=${B}` alias. */
function shellRuns(text: string): string[] {
  const alias = new Map([...text.matchAll(/^\s*(?:export\s+)?([A-Za-z_]\w*)="?\$\{?([A-Za-z_]\w*)\}?"?\s*$/gm)].map((m) => [m[1]!, m[2]!]));
  return [...text.matchAll(/^\s*(?:eval\s+|(?:ba|z)?sh\s+-c\s+)?"?\$\{?([A-Za-z_]\w*)\}?"?(?:\s|;|$)/gm)].map((m) => alias.get(m[1]!) ?? m[1]!);
}

/** A bundle's source: `out/index.js` built from `index.js` (or `src/index.ts`) next to it. */
function sources(main: string): string[] {
  const m = /^(.*?)(?:\/(?:out|dist|lib|build))\/([\w.-]+?)\.[cm]?js$/.exec(main);
  return m ? ['js', 'ts'].flatMap((ext) => [`${m[1]}/${m[2]}.${ext}`, `${m[1]}/src/${m[2]}.${ext}`]) : [];
}

/** What the local JavaScript action at `dir` (its action file's text) runs and exports; undefined for any other action. */
export function jsAction(dir: string, actionText: string, readFile: ReadFile | undefined): JsAction | undefined {
  if (!readFile || !/^node\d+$/i.test(runsValue(actionText, 'using') ?? '')) return undefined;
  const main = runsValue(actionText, 'main');
  const path = main === undefined ? undefined : clean(`${dir}/${main}`);
  if (path === undefined) return undefined;
  const files = [path, ...sources(path)].map((p) => programTexts(p, readFile)).find((f) => f.length > 0) ?? [];
  const scripts = [...new Set(files.flatMap((f) => [...f.text.matchAll(/['"`]([\w./-]+\.sh)['"`]/g)].map((m) => clean(`${posix.dirname(f.path)}/${m[1]}`))))]
    .flatMap((p) => (p === undefined ? [] : [scriptText(p, readFile)]))
    .filter((t): t is string => t !== undefined);
  const exports: Record<string, string> = {};
  for (const { text } of files) {
    for (const m of text.matchAll(EXPORT)) exports[m[2]!] = literal(m[3]!);
    for (const m of text.matchAll(APPEND_ENV)) {
      const line = /^([A-Za-z_]\w*)=(.*?)(?:\\n)*$/.exec(literal(m[1]!));
      if (line) exports[line[1]!] = line[2]!;
    }
  }
  const writer = files.flatMap((f) => { const i = f.text.split('\n').findIndex(writesAuthToken); return i < 0 ? [] : [{ path: f.path, line: i + 1 }]; })[0];
  return {
    ...(writer ? { writesToken: writer } : {}),
    // A command it only exports is run, if at all, by a later step: not the action's own publish.
    publishes: files.some((f) => programCommands(f.text.replace(EXPORT, blank).replace(APPEND_ENV, blank)).publish.length > 0) || scripts.some((t) => t.split('\n').some(commandPublishes)),
    runs: [...new Set([...files.flatMap((f) => jsRuns(f.text)), ...scripts.flatMap(shellRuns)])],
    exports,
  };
}

/** `echo "X=value" >> $GITHUB_ENV`: what a run line writes to GITHUB_ENV. */
export function runEnvWrites(run: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const m of run.matchAll(/\becho\s+(['"]?)([A-Za-z_]\w*)=(.*?)\1\s*>>\s*"?\$\{?GITHUB_ENV\}?"?/g)) found[m[2]!] = m[3]!;
  return found;
}

/** A variable's value with `$X`, `${X}` and `${{ env.X }}` (whole words) taken from `env`, one level. */
export function expandEnv(value: string, env: Readonly<Record<string, string>>): string {
  return value.replace(/\$\{\{\s*env\.([A-Za-z_]\w*)\s*\}\}|\$\{([A-Za-z_]\w*)\}|\$([A-Za-z_]\w*)/g, (all, a, b, c) => env[(a ?? b ?? c) as string] ?? all);
}

/** A command whose script name holds a `*` (`npm run release:*`): one command per package.json script it matches. */
export function scriptCandidates(command: string, scripts: Readonly<Record<string, string>> = {}): string[] {
  const m = /^(.*?\b(?:npm|pnpm|yarn|bun)\s+(?:run\s+)?)([\w:.-]*\*[\w:.*-]*)(.*)$/.exec(command);
  if (!m) return [command];
  const re = new RegExp(`^${m[2]!.replace(/[.]/g, '\\.').replace(/\*/g, '.*')}$`);
  return Object.keys(scripts).filter((name) => re.test(name)).map((name) => `${m[1]}${name}${m[3]}`);
}

/** What a step writes to GITHUB_ENV: its run lines' `echo X=… >> $GITHUB_ENV`, or the exports of the local JavaScript action it uses. */
export function stepEnvWrites(step: { uses?: string; run?: string }, actions: Readonly<Record<string, JsAction>> = {}): Record<string, string> {
  if (step.run !== undefined) return runEnvWrites(step.run);
  return actions[actionKey(step.uses ?? '')]?.exports ?? {};
}

/** `./path` of a local action as the context keys it (no trailing slash, no action.yml). */
export const actionKey = (uses: string): string => uses.replace(/^['"]|['"]$/g, '').replace(/\/+$/, '').replace(/\/action\.ya?ml$/, '');
