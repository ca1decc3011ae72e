// Conditions that test the npm token is set (`if: env.NPM_TOKEN != ''`, a "skip publish when the
// token is absent" pattern): once the token is retired, a step guarded so never runs, and a step
// that runs only without it runs every time. In the publishing job the test goes from the
// condition (the publish runs with OIDC) and a step that runs only without the token goes.
import { isScalar, type YAMLMap } from 'yaml';
import { isTokenEnv } from '../audit/token-forms.js';
import type { JobView } from './jobs.js';
import { mapOf, nodeOf, removeKey, textOf, removeItem } from './nodes.js';

/** `env.X != ''` (set) or `env.X == ''` (unset), with or without `${{ }}`; group 2 names X. */
const TEST = /^\s*(?:\$\{\{\s*)?env\.([A-Za-z_]\w*)\s*(==|!=)\s*(?:''|"")\s*(?:\}\})?\s*$/;

/** The names of the env variables that carry an npm token in the job (its env and its steps' env). */
export function tokenVariables(job: JobView): Set<string> {
  const names = new Set<string>();
  for (const env of [mapOf(job.node, 'env'), ...job.steps.map((step) => mapOf(step, 'env'))]) {
    for (const item of env?.items ?? []) {
      if (isScalar(item.key) && isScalar(item.value) && isTokenEnv(String(item.key.value), String(item.value.value ?? ''))) names.add(String(item.key.value));
    }
  }
  return names;
}

/** What a condition says about the token: its conjuncts, and whether one tests the token set or unset. */
function readCondition(condition: string, tokens: ReadonlySet<string>): { rest: string[]; set: boolean; unset: boolean } | undefined {
  const body = condition.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1');
  // Only a plain conjunction is rewritten: `a && env.NPM_TOKEN != ''`.
  if (/\|\||[()]/.test(body.replace(/\w+\([^()]*\)/g, 'f'))) return undefined;
  const parts = body.split('&&').map((p) => p.trim());
  const rest: string[] = [];
  let set = false;
  let unset = false;
  for (const part of parts) {
    const m = TEST.exec(part);
    if (m && tokens.has(m[1]!)) {
      if (m[2] === '!=') set = true;
      else unset = true;
    } else {
      rest.push(part);
    }
  }
  return set || unset ? { rest, set, unset } : undefined;
}

/** Rewrites the job's token conditions, saying what it did in `notes`. */
export function retireTokenGuards(job: JobView, tokens: ReadonlySet<string>, notes: string[]): void {
  if (tokens.size === 0) return;
  const seq = nodeOf(job.node, 'steps');
  for (const step of [...job.steps]) {
    const condition = textOf(step, 'if');
    const read = condition === undefined ? undefined : readCondition(condition, tokens);
    if (!read) continue;
    const name = textOf(step, 'name') ?? textOf(step, 'uses') ?? 'a step';
    if (read.unset) {
      removeItem(seq, step);
      job.steps.splice(job.steps.indexOf(step), 1);
      notes.push(`job "${job.id}": removed "${name}", which ran only without the npm token (now every time)`);
      continue;
    }
    if (read.rest.length === 0) removeKey(step as YAMLMap, 'if');
    else (nodeOf(step, 'if') as { value: unknown }).value = read.rest.join(' && ');
    notes.push(`job "${job.id}": "${name}" no longer waits for the npm token to be set (it publishes with OIDC)`);
  }
}
