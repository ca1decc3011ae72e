// `npm login` (or `npm adduser`, or npm-cli-login with a user name and password from its
// environment) in a job that publishes: in CI `npm login` has no terminal to log in with, and
// trusted publishing needs no login. A line that only logs in goes, and its step when nothing else
// is left (with the line of that step that installs npm-cli-login globally: nothing runs it any
// more); a login fed by or chained to other commands is refused, not guessed at.
import { isScalar } from 'yaml';
import { loginCommand, loginRegistry, NPM_LOGIN } from '../audit/publish-rule.js';
import { MigrateError } from './errors.js';
import type { JobView } from './jobs.js';
import { nodeOf, removeItem } from './nodes.js';
import { isNpmjs } from './registry.js';
import { runsNothing, withoutLines } from './script-lines.js';

/** A line that is only a login, with options: `npm login --scope=@acme --registry=https://registry.npmjs.org/`, `npm-cli-login -r <url>`. */
const LOGIN_LINE = /^\s*(?:npm\s+(?:login|adduser|add-user)|(?:npx\s+(?:-y\s+|--yes\s+)?)?npm-cli-login)((?:\s+--?[\w-]+(?:[= ][^\s;&|]+)?)*)\s*(?:#.*)?$/;

/** A line that only installs npm-cli-login globally: `npm install -g npm-cli-login`, `npm i npm-cli-login@1 --global`. */
const LOGIN_TOOL_INSTALL = /^\s*npm\s+(?:i|install)\s+(?:(?:-g|--global)\s+npm-cli-login(?:@[\w.^~-]+)?|npm-cli-login(?:@[\w.^~-]+)?\s+(?:-g|--global))\s*(?:#.*)?$/;

const code = (line: string) => line.replace(/(^|\s)#.*$/, '');


export function noNpmLogin(job: JobView, notes: string[]): void {
  const seq = nodeOf(job.node, 'steps');
  for (const step of [...job.steps]) {
    const node = nodeOf(step, 'run');
    if (!isScalar(node) || typeof node.value !== 'string') continue;
    const lines = node.value.split('\n');
    const logins = lines.filter((line) => NPM_LOGIN.test(code(line)));
    if (logins.length === 0) continue;
    const ours = (line: string) => {
      const registry = loginRegistry(LOGIN_LINE.exec(line)?.[1] ?? '');
      return registry === undefined || isNpmjs(registry);
    };
    const whole = logins.filter((line) => LOGIN_LINE.test(line));
    if (whole.length < logins.length) {
      throw new MigrateError(
        `job "${job.id}" runs \`${loginCommand(logins[0]!)}\` together with other commands (${logins.find((l) => !LOGIN_LINE.test(l))!.trim()}): trusted publishing needs no login, but which part of that line still matters cannot be told safely. Remove the login, then run --migrate again.`,
      );
    }
    const dropped = whole.filter(ours);
    if (dropped.length === 0) continue;
    const command = loginCommand(dropped[0]!);
    const tool = dropped.some((line) => loginCommand(line) === 'npm-cli-login');
    const kept = withoutLines(lines, (line) => dropped.includes(line) || (tool && LOGIN_TOOL_INSTALL.test(line)));
    const why = command === 'npm login' ? 'CI has no terminal for it; trusted publishing needs no login' : 'it logs in with a user name and password; trusted publishing needs no login';
    if (runsNothing(kept)) {
      removeItem(seq, step);
      job.steps.splice(job.steps.indexOf(step), 1);
      notes.push(`job "${job.id}": removed the \`${command}\` step (${why})`);
    } else {
      node.value = kept.join('\n');
      notes.push(`job "${job.id}": removed the \`${command}\` line${tool && lines.some((line) => LOGIN_TOOL_INSTALL.test(line)) ? ' and its global install' : ''} (${why})`);
    }
  }
}
