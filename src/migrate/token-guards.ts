// A publish script that stops when the token is empty (`if [ -z "$NODE_AUTH_TOKEN" ]; then
// echo ...; exit 1; fi`, with or without `else echo ...`, a lone `test -n "$NODE_AUTH_TOKEN"`, or `if [ -n "${{ secrets.NPM_TOKEN }}" ];
// then echo ...; else echo ...; exit 1; fi`) would stop every trusted publish once the token is gone, and one that unsets an
// empty token (`then unset NODE_AUTH_TOKEN; fi`) stops under `set -u` once the variable is gone:
// that block goes from the step's `run:`, the rest of the script stays.
import { isScalar } from 'yaml';
import type { JobView } from './jobs.js';
import { mapOf, nodeOf, textOf, removeItem } from './nodes.js';
import { isNpmSecret, isTokenEnv, TOKEN_ENV_NAMES } from '../audit/token-forms.js';
import { secretName } from '../detect/workflows.js';

/**
 * `if [ -z "$X" ]; then` or `if [ -n "${{ secrets.X }}" ]; then` (or `[[ ... ]]`, `test`), alone
 * on its line: group 1 the test (z: empty, n: set), group 2 a variable, group 3 a secret.
 */
const TOKEN_TEST = /^\s*if\s+(?:\[\[?|test)\s+-([zn])\s+"?(?:\$\{?([A-Za-z_]\w*)(?::?-[^}"\s]*(?=\}))?\}?|\$\{\{\s*secrets\.([A-Za-z_][\w-]*)\s*\}\})"?\s*(?:\]\]?)?\s*;\s*then\s*(?:#.*)?$/;
/**
 * A guard that is one command: `[ -z "$X" ] && echo ... && exit 1` (`|| exit 0` or `|| true` may
 * follow, so the step passes when the token is set), or `[ -n "$X" ] || exit 1` (`|| { echo ...;
 * exit 1; }`). Group 1 the test, group 2 a variable, group 3 a secret.
 */
const ONE_LINE_GUARD = new RegExp(
  String.raw`^\s*(?:\[\[?|test)\s+-([zn])\s+"?(?:\$\{?([A-Za-z_]\w*)(?::?-[^}"\s]*(?=\}))?\}?|\$\{\{\s*secrets\.([A-Za-z_][\w-]*)\s*\}\})"?\s*(?:\]\]?)?\s*` +
    String.raw`(?:&&\s*(?:(?:echo|printf)\b(?:[^;&|]|\|(?!\|))*&&\s*)?exit\s+[1-9]\d*\s*(?:\|\|\s*(?:exit\s+0|true|:)\s*)?` +
    String.raw`|\|\|\s*(?:\{\s*(?:(?:echo|printf)\b[^;&|]*;\s*)?exit\s+[1-9]\d*\s*;?\s*\}|exit\s+[1-9]\d*)\s*)(?:#.*)?$`,
);
/**
 * A set test alone on its line (`test -n "$X"`, `[ -n "$X" ]`): GitHub runs `run:` scripts with
 * `-e`, so an empty token stops the step there. Group 1 a variable, group 2 a secret.
 */
const BARE_SET_TEST = /^\s*(?:\[\[?|test)\s+-n\s+"?(?:\$\{?([A-Za-z_]\w*)(?::?-[^}"\s]*(?=\}))?\}?|\$\{\{\s*secrets\.([A-Za-z_][\w-]*)\s*\}\})"?\s*(?:\]\]?)?\s*(?:#.*)?$/;
/** What a guard does besides the test: say why, and stop (or unset the empty variable). */
const GUARD_BODY = /^\s*(?:(?:echo|printf)\b.*|exit(?:\s+\d+)?|unset\s+[A-Za-z_]\w*)\s*$/;
const SAYS = /^\s*(?:echo|printf)\b.*$/;
/** Stops: `exit 1`, or a say that stops on the same line (`echo "..." && exit 1`, `echo ...; exit 1`). */
const STOPS = /^\s*(?:(?:echo|printf)\b[^;&|]*(?:&&|;)\s*)?exit\s+[1-9]/;

/** Does the block after a token test only guard? `-z`: say, then stop or unset (then `else` and say, or not); `-n`: say, `else`, say and stop. */
function onlyGuards(test: string, body: string[], variable: string | undefined): boolean {
  const isElse = (line: string) => /^\s*else\s*$/.test(line);
  if (body.length === 0 || !body.every((line) => GUARD_BODY.test(line) || isElse(line))) return false;
  const otherwise = body.findIndex(isElse);
  if (test === 'n') {
    // Set: it only says so; empty (`else`): it stops.
    const [set, empty] = [body.slice(0, otherwise), body.slice(otherwise + 1)];
    return otherwise >= 0 && !empty.some(isElse) && set.every((line) => SAYS.test(line)) && empty.some((line) => STOPS.test(line));
  }
  if (otherwise >= 0) {
    // Empty: it stops; set (`else`): it only says so.
    const [empty, set] = [body.slice(0, otherwise), body.slice(otherwise + 1)];
    return !set.some(isElse) && set.every((line) => SAYS.test(line)) && empty.some((line) => STOPS.test(line));
  }
  const stops = body.some((line) => STOPS.test(line));
  const unsets = variable !== undefined && body.every((line) => !/^\s*unset\b/.test(line) || line.trim() === `unset ${variable}`) && body.some((line) => line.trim() === `unset ${variable}`);
  return stops || unsets;
}

/**
 * The script without its token guards, the variables they tested, and the secrets they tested
 * directly (`"${{ secrets.NPM_TOKEN }}"`, `"${{ secrets.NODE_AUTH_TOKEN }}"`: an npm secret or one named as npm's token variable; a guard of the GITHUB_TOKEN stays).
 */
export function withoutTokenGuards(run: string, isToken: (name: string) => boolean): { script: string; tested: string[]; secrets: string[] } {
  const lines = run.split('\n');
  const kept: string[] = [];
  const tested: string[] = [];
  const secrets: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    // A command continued over lines (`\` at the end) is read as one.
    let last = i;
    while (last + 1 < lines.length && /\\\s*$/.test(lines[last]!)) last++;
    const command = lines.slice(i, last + 1).map((line, k) => (k < last - i ? line.replace(/\\\s*$/, ' ') : line)).join('');
    const one = ONE_LINE_GUARD.exec(command);
    const isTokenTested = (variable: string | undefined, secret: string | undefined) => (variable !== undefined && isToken(variable)) || (secret !== undefined && (isNpmSecret(secret) || (TOKEN_ENV_NAMES as readonly string[]).includes(secret.toUpperCase())));
    if (one && isTokenTested(one[2], one[3])) {
      if (one[2] !== undefined) tested.push(one[2]);
      else secrets.push(one[3]!);
      i = last;
      continue;
    }
    const bare = BARE_SET_TEST.exec(command);
    if (bare && isTokenTested(bare[1], bare[2])) {
      if (bare[1] !== undefined) tested.push(bare[1]);
      else secrets.push(bare[2]!);
      i = last;
      continue;
    }
    const m = TOKEN_TEST.exec(lines[i]!);
    const [variable, secret] = [m?.[2], m?.[3]];
    const token = isTokenTested(variable, secret);
    const end = token ? lines.findIndex((line, j) => j > i && /^\s*fi\s*$/.test(line)) : -1;
    if (end > i + 1 && onlyGuards(m![1]!, lines.slice(i + 1, end), variable)) {
      if (variable !== undefined) tested.push(variable);
      else secrets.push(secret!);
      i = end;
      continue;
    }
    kept.push(lines[i]!);
  }
  return { script: kept.join('\n'), tested, secrets };
}

/** Drops the token guards from the job's scripts (a step left with nothing to run goes); returns the secrets those tokens came from. */
export function noTokenGuards(job: JobView, notes: string[]): string[] {
  const secrets: string[] = [];
  const seq = nodeOf(job.node, 'steps');
  for (const step of [...job.steps]) {
    const node = nodeOf(step, 'run');
    if (!isScalar(node) || typeof node.value !== 'string') continue;
    const env = (name: string) => textOf(mapOf(step, 'env'), name) ?? textOf(mapOf(job.node, 'env'), name) ?? '';
    const { script, tested, secrets: direct } = withoutTokenGuards(node.value, (name) => isTokenEnv(name, env(name)));
    if (tested.length === 0 && direct.length === 0) continue;
    for (const name of tested) {
      const secret = secretName(env(name));
      if (secret) secrets.push(secret);
    }
    secrets.push(...direct);
    const names = [...tested, ...direct.map((name) => `secrets.${name}`)].join(', ');
    if (script.trim() === '') {
      removeItem(seq, step);
      job.steps.splice(job.steps.indexOf(step), 1);
      notes.push(`job "${job.id}": removed "${textOf(step, 'name') ?? 'a step'}", which only stopped the job when ${names} was empty (it always is without the token)`);
      continue;
    }
    node.value = script;
    notes.push(`job "${job.id}": removed the lines that stopped the publish when ${names} was empty (it always is without the token)`);
  }
  return secrets;
}
