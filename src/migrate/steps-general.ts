// Rules for every job of a migrated workflow: pinned actions [unpinned-uses], no
// persisted credentials [artipacked] and no expression pasted into a script [template-injection].
import { isScalar, type Document, type Scalar, type YAMLMap } from 'yaml';
import { choosePin, repinForOidc } from './pins.js';
import { insertAfter, mapOf, nodeOf, setScalar, textOf } from './nodes.js';
import type { JobView } from './jobs.js';
import { secretName } from '../detect/workflows.js';
import { isTokenEnv } from '../audit/token-forms.js';
import { onlyInstalls } from '../audit/publish-rule.js';
import { floatingGlobalInstalls, withoutQuotedArguments } from '../audit/rules-actions.js';
import { quotedSpans, runsString } from '../audit/shell-quotes.js';
import { stepDirectory, whatRuns } from './scripts.js';

const SHA_REF = /@[0-9a-f]{40}$/;

/** Actions that commit and then run `git push` with whatever credentials the checkout left in .git/config. */
export const PUSHING_ACTION = /^stefanzweifel\/git-auto-commit-action@/i;

/**
 * Commands that push with the checkout's credentials: `git push`, `lerna version`, `lerna publish` when it versions first,
 * release-it, and Ship.js's `shipjs trigger` (which pushes the release tag it makes).
 */
export const PUSHES = /\bgit\s+push\b|\bgit['"]\s*,\s*\[\s*['"]push\b|\blerna\s+version\b|\blerna\s+publish\b(?![^\n]*(?:from-(?:package|git)|--canary))|\brelease-it\b(?![^\n]*--no-git\.push\b)|\bshipjs\s+trigger\b(?![^\n]*(?:--dry-run|\s-D)\b)/;

/** The major version a `uses:` names, from `@v4` or a `# v4.1.0` comment after a SHA. */
export function usesMajor(step: YAMLMap): number | undefined {
  const node = nodeOf(step, 'uses');
  if (!isScalar(node)) return undefined;
  const ref = /@v(\d+)(?:\.|$)/.exec(String(node.value));
  if (ref) return Number(ref[1]);
  const comment = /^\s*v?(\d+)\b/.exec(node.comment ?? '');
  return comment ? Number(comment[1]) : undefined;
}

/**
 * Pins the actions templates/actions.json knows, with the tag as a comment for Dependabot,
 * within the rules of choosePin; a reference it must keep is named in `left`.
 */
export function pinActions(jobs: readonly JobView[], left: string[] = []): string[] {
  const notes: string[] = [];
  for (const job of jobs) {
    for (const step of job.steps) {
      const node = nodeOf(step, 'uses') as Scalar | undefined;
      const uses = textOf(step, 'uses');
      if (!node || uses === undefined || !uses.includes('@')) continue;
      if (SHA_REF.test(uses)) {
        const newer = repinForOidc(uses, node.comment ?? undefined);
        if (!newer) continue;
        node.value = `${uses.slice(0, uses.indexOf('@'))}@${newer.sha}`;
        node.comment = ` ${newer.version}`;
        notes.push(`job "${job.id}": ${newer.uses} pinned to ${newer.version} (releases before ${newer.oidcSince} cannot publish with trusted publishing)`);
        continue;
      }
      // pnpm/action-setup v4 stops ("Multiple versions of pnpm specified") when `version:` is given
      // beside package.json's packageManager, which v2 and v3 accepted: such a step keeps its major.
      const pnpmVersion = /^pnpm\/action-setup@/i.test(uses) && nodeOf(mapOf(step, 'with'), 'version') !== undefined;
      const choice = choosePin(uses, undefined, { sameMajor: pnpmVersion });
      if (!choice) continue;
      if ('keep' in choice) {
        left.push(`job "${job.id}": ${choice.keep}.`);
        continue;
      }
      const { pin } = choice;
      const from = uses.slice(uses.indexOf('@') + 1);
      node.value = `${uses.slice(0, uses.indexOf('@'))}@${pin.sha}`;
      node.comment = ` ${pin.version}`;
      const fromMajor = /^v?(\d+)/.exec(from)?.[1];
      const toMajor = /^v?(\d+)/.exec(pin.version)![1];
      const upgrade = fromMajor !== undefined && fromMajor !== toMajor ? ` (a major upgrade from ${from}: see its release notes)` : '';
      notes.push(`job "${job.id}": ${pin.uses}@${from} pinned to ${pin.version}${upgrade}`);
    }
  }
  return notes;
}

/**
 * `persist-credentials: false` on every checkout, except one that writes `persist-credentials: true`,
 * and in jobs that push (`git push`, a committing action) with the checkout's credentials: those
 * would break, so they are left for the user to decide.
 */
export function noPersistedCredentials(doc: Document, jobs: readonly JobView[], left: string[] = [], readFile?: (path: string) => string | undefined): string[] {
  const notes: string[] = [];
  for (const job of jobs) {
    // What the step runs, one level down too: a release script may push (`run('git', ['push'])`).
    const pushes = job.steps.some((step) => PUSHES.test(whatRuns(textOf(step, 'run') ?? '', readFile, stepDirectory(doc, job.node, step))) || PUSHING_ACTION.test(textOf(step, 'uses') ?? ''));
    for (const step of job.steps) {
      if (!/^actions\/checkout@/i.test(textOf(step, 'uses') ?? '')) continue;
      const withMap = mapOf(step, 'with');
      if (textOf(withMap, 'persist-credentials') === 'false') continue;
      // Written out as true: the workflow wants them (a release tool may push with them), so they stay.
      if (textOf(withMap, 'persist-credentials') === 'true') {
        const kept = `job "${job.id}": actions/checkout keeps persist-credentials: true as written: a later step may push with those credentials (a release tool that commits the version bump), so migrate does not turn it off. Push with a token of its own in that step instead, if you want the checkout without them.`;
        if (!left.includes(kept)) left.push(kept);
        continue;
      }
      if (pushes) {
        left.push(`job "${job.id}": actions/checkout keeps its credentials: the job pushes with them (git push, lerna version/publish, release-it or shipjs trigger, which push the version commit or tags, or an action that commits and pushes such as git-auto-commit-action), so persist-credentials: false would break the release. Push with a token of its own in that step instead, if you want the checkout without them.`);
        continue;
      }
      if (withMap) setScalar(doc, withMap, 'persist-credentials', false);
      else insertAfter(doc, step, 'with', { 'persist-credentials': false }, ['uses']);
      notes.push(`job "${job.id}": checkout with persist-credentials: false`);
    }
  }
  return notes;
}

/**
 * Global installs of a tool other than npm at a dist-tag (`corepack@latest`): no file says which
 * release the project wants, so they are named with that reason (npm itself is pinned to a range
 * where Node is set up).
 */
export function floatingToolsLeft(jobs: readonly JobView[], left: string[]): void {
  for (const job of jobs) {
    for (const step of job.steps) {
      for (const line of withoutQuotedArguments(textOf(step, 'run') ?? '').split('\n')) {
        for (const spec of floatingGlobalInstalls(line).filter((s) => !/^npm(?:@|$)/.test(s))) {
          left.push(`job "${job.id}": the global install of ${spec} kept: nothing in the repository names the release the project wants, so pin the version yourself.`);
        }
      }
    }
  }
}

/** A token an install step of a publish job keeps (private dependencies): named, never removed. */
export function installTokensLeft(jobs: readonly JobView[], left: string[]): void {
  for (const job of jobs.filter((j) => j.publishes)) {
    for (const step of job.steps.filter((s) => !job.publishing.has(s) && onlyInstalls(textOf(s, 'run') ?? ''))) {
      for (const item of mapOf(step, 'env')?.items ?? []) {
        const [name, value] = [String(isScalar(item.key) ? item.key.value : ''), String(isScalar(item.value) ? item.value.value : '')];
        if (secretName(value) === 'GITHUB_TOKEN' || !isTokenEnv(name, value)) continue;
        left.push(`job "${job.id}": ${name} kept on the install step "${textOf(step, 'name') ?? (textOf(step, 'run') ?? '').split('\n')[0]}" (private dependencies): make it a read-only token, not the publish token.`);
      }
    }
  }
}

/** Contexts an outsider can set, as the template-injection rule reads them, when written as a plain property path. */
const UNTRUSTED_PATH = /^(?:github\.event(?:\.[\w-]+)+|inputs\.[\w-]+|github\.head_ref)$/;

/** `inputs.tag` -> INPUTS_TAG, `github.event.release.tag_name` -> RELEASE_TAG_NAME, `github.head_ref` -> HEAD_REF. */
function envNameFor(path: string): string {
  const parts = path.split('.');
  const tail = parts[0] === 'inputs' ? parts : parts.slice(-2);
  const name = tail.join('_').replace(/[^A-Za-z0-9]/g, '_').toUpperCase();
  return /^(?:GITHUB|RUNNER)_/.test(name) ? name.replace(/^(?:GITHUB|RUNNER)_/, '') : name;
}

/**
 * An expression that is more than a path (`a == 'custom' && b || a`, `format(…)`) and reads an
 * untrusted context: its value reaches the script as pasted, so it moves to env: whole. GitHub
 * evaluates it the same way there; the shell then reads the result as "$NAME".
 */
function compoundUntrusted(expression: string): boolean {
  return /\b(?:github\.event\b|inputs\.|github\.head_ref\b)/.test(expression);
}

/** A compound expression that may give no word or several (`x && ' --dry-run' || ''`): pasted bare (not as `v=`'s value), the shell split it. */
function givesWords(expression: string): boolean {
  return /(?:&&|\|\|)\s*'(?:|[^']*\s[^']*)'/.test(expression);
}

/** Names the shell, the runner or npm (npm_config_*, case-blind) read themselves: never taken for a moved value. */
const RESERVED_ENV = /^(?:PATH|HOME|SHELL|PWD|OLDPWD|USER|IFS|LANG|TERM|TMPDIR|CI|ENV|BASH_ENV|HOSTNAME|(?:GITHUB|RUNNER|ACTIONS|NPM|NODE|YARN|PNPM|BUN)_\w*)$/;

/**
 * The env: name for a compound expression: the long option it is the value of (`--dist-tag <expr>`
 * -> DIST_TAG), else the first untrusted path it reads (`inputs.tag == '' && … ` -> INPUTS_TAG).
 */
function compoundEnvName(prefix: string, expression: string): string {
  const option = /--([A-Za-z][\w-]*)(?:=|\s+)["']?$/.exec(prefix)?.[1];
  const fromOption = option?.replace(/-/g, '_').toUpperCase();
  if (fromOption && !RESERVED_ENV.test(fromOption)) return fromOption;
  const first = /\b(?:github\.event(?:\.[\w-]+)+|inputs\.[\w-]+|github\.head_ref)\b/.exec(expression)?.[0];
  return first ? envNameFor(first) : 'VALUE';
}

/** What comes before a command's first word on a line: nothing, or a separator (`;`, `&&`, `|`, `(`) or `then`/`do`/`else`. */
const COMMAND_POSITION = /(?:^|[;&|(]|\b(?:then|do|else))\s*$/;

/** The shell quoting in force at the end of `prefix` (a line of a bash script): none, single or double. */
function quotingAt(prefix: string): 'none' | 'single' | 'double' {
  let state: 'none' | 'single' | 'double' = 'none';
  for (let i = 0; i < prefix.length; i++) {
    const c = prefix[i];
    if (state !== 'single' && c === '\\') i++;
    else if (state === 'none' && c === "'") state = 'single';
    else if (state === 'single' && c === "'") state = 'none';
    else if (state === 'none' && c === '"') state = 'double';
    else if (state === 'double' && c === '"') state = 'none';
  }
  return state;
}

/** `line` with each match of `re` replaced where `edit` gives a replacement (which may reach past the match). */
function replaceAll(line: string, re: RegExp, edit: (match: RegExpMatchArray) => { from: number; to: number; text: string } | undefined): string {
  const edits = [...line.matchAll(re)].map(edit).filter((e) => e !== undefined);
  let out = line;
  for (const e of edits.reverse()) out = out.slice(0, e.from) + e.text + out.slice(e.to);
  return out;
}

/**
 * The single-quoted string on `line` around the expression at `from`..`to`, when the command it
 * is an argument of only reads it as text (`echo '${{ … }}' | grep`): `whole` when the
 * expression is all it holds. Undefined when the command may run it as code (`sh -c '…'`,
 * `node -e '…'`) or the string spans lines: such a value is left as written, and doctor names it.
 */
function singleQuotedWord(line: string, from: number, to: number): { open: number; close: number; whole: boolean } | undefined {
  const span = quotedSpans(line).find((s) => s.quote === "'" && s.open < from && s.close >= to);
  if (!span || runsString(span.command)) return undefined;
  return { open: span.open, close: span.close, whole: span.open + 1 === from && span.close === to };
}

/**
 * [template-injection]: `${{ inputs.x }}` (or a `github.event` value, `github.head_ref`) inside a
 * bash `run:` goes through the step's `env:` and is read as "$NAME": the same value, never parsed
 * as script. Inside single quotes the shell takes the pasted value literally, as it takes "$NAME"
 * (no splitting, no globbing, no expansion): the two differ only for a value holding a quote,
 * which is the injection; so `'${{ x }}'` becomes `"$NAME"`, and `'a ${{ x }} b'` becomes
 * `'a '"$NAME"' b'`. A compound expression that reads such a value (`a == 'x' && b || a`) moves
 * whole, as one variable; read bare (`${NAME}`) when it gives a flag or nothing, as the shell split
 * the pasted text. A single-quoted string a command may run as code, a value run as the
 * command itself and other shells are left as they are (the doctor names them).
 */
export function noTemplateInjection(doc: Document, jobs: readonly JobView[]): string[] {
  const notes: string[] = [];
  for (const job of jobs) {
    const shell = textOf(mapOf(mapOf(job.node, 'defaults'), 'run'), 'shell');
    for (const step of job.steps) {
      const node = nodeOf(step, 'run');
      if (!isScalar(node) || typeof node.value !== 'string' || !node.value.includes('${{')) continue;
      if (!/^(?:bash|sh)\b/.test(textOf(step, 'shell') ?? shell ?? 'bash')) continue;
      const env = mapOf(step, 'env');
      const taken = new Map<string, string>((env?.items ?? []).filter((i) => isScalar(i.key)).map((i) => [String((i.key as Scalar).value), isScalar(i.value) ? String(i.value.value ?? '') : '']));
      const added: Record<string, string> = {};
      const script = node.value
        .split('\n')
        .map((line) =>
          replaceAll(line, /\$\{\{(.*?)\}\}/g, (match) => {
            const path = match[1]!.trim();
            const offset = match.index!;
            const plain = /^[\w.-]+$/.test(path);
            if (plain ? !UNTRUSTED_PATH.test(path) : !compoundUntrusted(path)) return undefined;
            const quoting = quotingAt(line.slice(0, offset));
            const single = quoting === 'single' ? singleQuotedWord(line, offset, offset + match[0].length) : undefined;
            if (quoting === 'single' && !single) return undefined;
            // A value run as the command itself is code by intent: "$NAME" would run it as one word.
            if (quoting === 'none' && COMMAND_POSITION.test(line.slice(0, offset))) return undefined;
            let name = plain ? envNameFor(path) : compoundEnvName(line.slice(0, offset), path);
            const expression = `\${{ ${path} }}`;
            while (taken.has(name) && taken.get(name) !== expression) name = `${name}_`;
            if (!taken.has(name)) {
              taken.set(name, expression);
              added[name] = expression;
            }
            if (single) return single.whole ? { from: single.open, to: single.close + 1, text: `"\${${name}}"` } : { from: offset, to: offset + match[0].length, text: `'"\${${name}}"'` };
            const bare = quoting === 'double' || (!plain && givesWords(path) && !/(?:^|\s)[A-Za-z_]\w*=$/.test(line.slice(0, offset)));
            return { from: offset, to: offset + match[0].length, text: bare ? `\${${name}}` : `"\${${name}}"` };
          }),
        )
        .join('\n');
      if (Object.keys(added).length === 0) continue;
      node.value = script;
      if (env) for (const [name, expression] of Object.entries(added)) env.items.push(doc.createPair(name, expression));
      else insertAfter(doc, step, 'env', added, ['run', 'shell', 'working-directory']);
      notes.push(`job "${job.id}": ${Object.values(added).join(', ')} reaches the script through env: (${Object.keys(added).join(', ')}), not pasted into it`);
    }
  }
  return notes;
}
