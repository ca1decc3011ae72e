// A publish script that stops when the token is empty (`if [ -z "$NODE_AUTH_TOKEN" ]; then
// echo ...; exit 1; fi`) would stop every trusted publish once the token is gone, and one that
// unsets an empty token (`then unset NODE_AUTH_TOKEN; fi`) stops under `set -u` once the variable
// is gone: that block goes from the step's `run:`, the rest of the script stays.
import { isScalar } from 'yaml';
import type { JobView } from './jobs.js';
import { mapOf, nodeOf, textOf } from './nodes.js';
import { isTokenEnv } from '../audit/publish-rule.js';
import { secretName } from '../detect/workflows.js';

/** `if [ -z "$X" ]; then` (or `[[ ... ]]`, `test -z`), alone on its line. */
const EMPTY_TEST = /^\s*if\s+(?:\[\[?|test)\s+-z\s+"?\$\{?([A-Za-z_]\w*)\}?"?\s*(?:\]\]?)?\s*;\s*then\s*(?:#.*)?$/;
/** What a guard does besides the test: say why, and stop (or unset the empty variable). */
const GUARD_BODY = /^\s*(?:(?:echo|printf)\b.*|exit(?:\s+\d+)?|unset\s+[A-Za-z_]\w*)\s*$/;

/** The script without its empty-token guards, and the variables they tested. */
export function withoutTokenGuards(run: string, isToken: (name: string) => boolean): { script: string; tested: string[] } {
  const lines = run.split('\n');
  const kept: string[] = [];
  const tested: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const name = EMPTY_TEST.exec(lines[i]!)?.[1];
    const end = name !== undefined && isToken(name) ? lines.findIndex((line, j) => j > i && /^\s*fi\s*$/.test(line)) : -1;
    const body = lines.slice(i + 1, end);
    const stops = body.some((line) => /^\s*exit\s+[1-9]/.test(line));
    const unsets = body.every((line) => !/^\s*unset\b/.test(line) || line.trim() === `unset ${name}`) && body.some((line) => line.trim() === `unset ${name}`);
    if (end > i + 1 && body.every((line) => GUARD_BODY.test(line)) && (stops || unsets)) {
      tested.push(name!);
      i = end;
      continue;
    }
    kept.push(lines[i]!);
  }
  return { script: kept.join('\n'), tested };
}

/** Drops the empty-token guards from the job's scripts; returns the secrets those tokens came from. */
export function noTokenGuards(job: JobView, notes: string[]): string[] {
  const secrets: string[] = [];
  for (const step of job.steps) {
    const node = nodeOf(step, 'run');
    if (!isScalar(node) || typeof node.value !== 'string') continue;
    const env = (name: string) => textOf(mapOf(step, 'env'), name) ?? textOf(mapOf(job.node, 'env'), name) ?? '';
    const { script, tested } = withoutTokenGuards(node.value, (name) => isTokenEnv(name, env(name)));
    if (tested.length === 0) continue;
    node.value = script;
    for (const name of tested) {
      const secret = secretName(env(name));
      if (secret) secrets.push(secret);
    }
    notes.push(`job "${job.id}": removed the lines that stopped the publish when ${tested.join(', ')} was empty (it always is without the token)`);
  }
  return secrets;
}
