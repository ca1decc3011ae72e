// A step that only records whether the npm token is set, as a step output
// (`if [ "$NODE_AUTH_TOKEN" == "" ]; then echo "present=NO" >> $GITHUB_OUTPUT; else echo
// "present=YES" >> ...; fi`), read by the publish step's condition
// (`if: steps.check.outputs.present == 'YES'`): once the token is retired the output always says
// "absent" and the publish never runs. The test goes from the conditions, a step that runs only
// without the token goes, and so does the checking step. Only when every use of the step's output
// is such a condition in its job: a condition that also reads it elsewhere stops the migration.
import { isSeq, visit, type Document, type YAMLMap } from 'yaml';
import { isTokenEnv } from '../audit/token-forms.js';
import { onlyPrints } from '../audit/shell-quotes.js';
import { secretName } from '../detect/workflows.js';
import type { JobView } from './jobs.js';
import { MigrateError } from './errors.js';
import { mapOf, nodeOf, removeKey, textOf, removeItem } from './nodes.js';

/** `if [ "$X" == "" ]; then`, `if [ -z "$X" ]; then` and the like: group 1 or 4 names X, group 2 is the comparison, group 3 the flag. */
const TEST = /^if\s+(?:\[\[?|test)\s+(?:"?\$\{?([A-Za-z_]\w*)\}?"?\s*(==?|!=)\s*(?:""|'')|(-[zn])\s+"?\$\{?([A-Za-z_]\w*)\}?"?)\s*(?:\]\]?)?\s*;\s*then$/;
/** `echo "NAME=VALUE" >> $GITHUB_OUTPUT`. */
const OUTPUT = /^echo\s+(["']?)([\w-]+)=([^"'\s]*)\1\s*>>\s*"?\$\{?GITHUB_OUTPUT\}?"?$/;

interface Presence {
  step: YAMLMap;
  id: string;
  output: string;
  present: string;
  absent: string;
  variable: string;
}

/** The output a script writes, and its value with and without the variable set; undefined for any other script. */
export function readPresenceScript(run: string): Omit<Presence, 'step' | 'id'> | undefined {
  // What a branch only prints (`echo "the token is missing; skipping"`) changes nothing the steps read.
  const lines = run
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#') && !onlyPrints(line));
  if (lines.length !== 5 || lines[2] !== 'else' || lines[4] !== 'fi') return undefined;
  const test = TEST.exec(lines[0]!);
  const [first, second] = [OUTPUT.exec(lines[1]!), OUTPUT.exec(lines[3]!)];
  if (!test || !first || !second || first[2] !== second[2] || first[3] === second[3]) return undefined;
  const variable = (test[1] ?? test[4])!;
  const thenIsEmpty = test[2] !== undefined ? test[2] !== '!=' : test[3] === '-z';
  const [absent, present] = thenIsEmpty ? [first[3]!, second[3]!] : [second[3]!, first[3]!];
  return { output: first[2]!, present, absent, variable };
}

/** One pair of outer parentheses, when they enclose the whole text. */
export function unwrap(text: string): string {
  let t = text.trim();
  while (t.startsWith('(') && t.endsWith(')')) {
    let depth = 0;
    const closesEarly = [...t].some((c, i) => ((depth += c === '(' ? 1 : c === ')' ? -1 : 0), depth === 0 && i < t.length - 1));
    if (closesEarly) break;
    t = t.slice(1, -1).trim();
  }
  return t;
}

/** What a step's condition asks of the output: the other conjuncts, and whether it needs the token set or unset. */
function readCondition(condition: string, p: Presence): { rest: string[]; needs: 'present' | 'absent' } | undefined {
  const body = unwrap(condition.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1'));
  if (/\|\|/.test(body)) return undefined;
  const test = new RegExp(String.raw`^steps\.${p.id.replace(/[-]/g, '\\-')}\.outputs\.${p.output.replace(/[-]/g, '\\-')}\s*(==|!=)\s*(?:'([^']*)'|"([^"]*)")$`);
  const rest: string[] = [];
  let needs: 'present' | 'absent' | undefined;
  for (const part of body.split('&&').map(unwrap)) {
    const m = test.exec(part);
    if (!m) {
      rest.push(part);
      continue;
    }
    const value = m[2] ?? m[3];
    if (value !== p.present && value !== p.absent) return undefined;
    needs = (m[1] === '==') === (value === p.present) ? 'present' : 'absent';
  }
  return needs ? { rest, needs } : undefined;
}

/** How often the job's text names `steps.<id>.`. */
export function references(job: JobView, id: string): number {
  let count = 0;
  const pattern = new RegExp(String.raw`\bsteps\.${id.replace(/[-]/g, '\\-')}\.`, 'g');
  visit(job.node, { Scalar: (_, node) => void (typeof node.value === 'string' && (count += node.value.match(pattern)?.length ?? 0)) });
  return count;
}

/** Retires the token-presence outputs of the job; returns the secrets the checking steps were handed. */
export function retireTokenPresenceOutputs(doc: Document, job: JobView, notes: string[]): string[] {
  const secrets: string[] = [];
  const seq = nodeOf(job.node, 'steps');
  const workflowEnv = mapOf(doc.contents as YAMLMap, 'env');
  for (const step of [...job.steps]) {
    const id = textOf(step, 'id');
    const run = textOf(step, 'run');
    const read = id === undefined || run === undefined ? undefined : readPresenceScript(run);
    if (!read || id === undefined) continue;
    const value = textOf(mapOf(step, 'env'), read.variable) ?? textOf(mapOf(job.node, 'env'), read.variable) ?? textOf(workflowEnv, read.variable) ?? '';
    if (!isTokenEnv(read.variable, value)) continue;
    const presence: Presence = { step, id, ...read };
    const readers = job.steps.flatMap((s) => {
      const condition = textOf(s, 'if');
      const r = s === step || condition === undefined ? undefined : readCondition(condition, presence);
      return r ? [{ step: s, ...r }] : [];
    });
    if (readers.length === 0) continue;
    if (references(job, id) !== readers.length) {
      throw new MigrateError(
        `job "${job.id}": the step "${textOf(step, 'name') ?? id}" records whether ${read.variable} is set in steps.${id}.outputs.${read.output}, which a step waits on and the job also reads elsewhere: without the token it always says "${read.absent}". Remove that check, then migrate again.`,
      );
    }
    for (const reader of readers) {
      const name = textOf(reader.step, 'name') ?? textOf(reader.step, 'uses') ?? 'a step';
      if (reader.needs === 'absent') {
        if (isSeq(seq)) removeItem(seq, reader.step);
        job.steps.splice(job.steps.indexOf(reader.step), 1);
        notes.push(`job "${job.id}": removed "${name}", which ran only without the npm token (now every time)`);
        continue;
      }
      if (reader.rest.length === 0) removeKey(reader.step, 'if');
      else {
        const rest = reader.rest.join(' && ');
        (nodeOf(reader.step, 'if') as { value: unknown }).value = rest.startsWith('!') ? `\${{ ${rest} }}` : rest;
      }
      notes.push(`job "${job.id}": "${name}" no longer waits for steps.${id}.outputs.${read.output} to say the npm token is set (it publishes with OIDC)`);
    }
    const secret = secretName(value);
    if (secret) secrets.push(secret);
    removeItem(seq, step);
    job.steps.splice(job.steps.indexOf(step), 1);
    notes.push(`job "${job.id}": removed "${textOf(step, 'name') ?? id}", which only recorded whether ${read.variable} was set`);
  }
  return secrets;
}
