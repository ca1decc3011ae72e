// `npm login` (or `npm adduser`) in a job that publishes: in CI it has no terminal to log in
// with, and trusted publishing needs no login. A line that only logs in goes, and its step when
// nothing else is left; a login fed by or chained to other commands is refused, not guessed at.
import { isScalar } from 'yaml';
import { NPM_LOGIN } from '../audit/publish-rule.js';
import { MigrateError } from './errors.js';
import type { JobView } from './jobs.js';
import { nodeOf, removeItem } from './nodes.js';
import { isNpmjs } from './registry.js';
import { runsNothing, withoutLines } from './script-lines.js';

/** A line that is only a login, with options: `npm login --scope=@acme --registry=https://registry.npmjs.org/`. */
const LOGIN_LINE = /^\s*npm\s+(?:login|adduser|add-user)((?:\s+--?[\w-]+(?:[= ][^\s;&|]+)?)*)\s*(?:#.*)?$/;

const code = (line: string) => line.replace(/(^|\s)#.*$/, '');

/** The registry a login line names, if any. */
const registryOf = (options: string) => /--registry[= ](\S+)/.exec(options)?.[1]?.replace(/^['"]|['"]$/g, '');

export function noNpmLogin(job: JobView, notes: string[]): void {
  const seq = nodeOf(job.node, 'steps');
  for (const step of [...job.steps]) {
    const node = nodeOf(step, 'run');
    if (!isScalar(node) || typeof node.value !== 'string') continue;
    const lines = node.value.split('\n');
    const logins = lines.filter((line) => NPM_LOGIN.test(code(line)));
    if (logins.length === 0) continue;
    const ours = (line: string) => {
      const registry = registryOf(LOGIN_LINE.exec(line)?.[1] ?? '');
      return registry === undefined || isNpmjs(registry);
    };
    const whole = logins.filter((line) => LOGIN_LINE.test(line));
    if (whole.length < logins.length) {
      throw new MigrateError(
        `job "${job.id}" runs \`npm login\` together with other commands (${logins.find((l) => !LOGIN_LINE.test(l))!.trim()}): trusted publishing needs no login, but which part of that line still matters cannot be told safely. Remove the login, then run --migrate again.`,
      );
    }
    const dropped = whole.filter(ours);
    if (dropped.length === 0) continue;
    const kept = withoutLines(lines, (line) => dropped.includes(line));
    if (runsNothing(kept)) {
      removeItem(seq, step);
      job.steps.splice(job.steps.indexOf(step), 1);
      notes.push(`job "${job.id}": removed the \`npm login\` step (CI has no terminal for it; trusted publishing needs no login)`);
    } else {
      node.value = kept.join('\n');
      notes.push(`job "${job.id}": removed the \`npm login\` line (CI has no terminal for it; trusted publishing needs no login)`);
    }
  }
}
