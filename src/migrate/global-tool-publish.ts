// A publish step that runs a command of a package the job installs globally
// (`npm i -g @acme/release-tools`, then `release-tools publish-package` with NPM_TOKEN in its env).
// The package is not in the repository, so nothing here can tell whether it publishes without the
// token: npm 11.5.1+, lerna 9+ and semantic-release 25.0.1+ exchange the OIDC token, a tool that
// writes its own .npmrc from NPM_TOKEN cannot. Migrating would remove the token and leave a
// workflow that may not publish: the migration stops and names the command and the package.
import { commandPublishes } from '../audit/publish-rule.js';
import { MigrateError } from './errors.js';
import type { JobView } from './jobs.js';
import { textOf } from './nodes.js';
import { packageScripts, reachedLines } from './installed-publish-script.js';

/** `npm i -g x`, `npm install --global x`, `pnpm add -g x`, `yarn global add x`: the arguments after the verb. */
const GLOBAL_INSTALL = /\b(?:(?:npm|pnpm)\s+(?:i|install|add)|yarn\s+global\s+add)\b([^\n;&|#]*)/;

/** Package managers and the runtimes they come with: a global install of these adds no publish tool. */
const MANAGERS = new Set(['npm', 'pnpm', 'yarn', 'corepack', 'bun']);

/** Commands of the shell, the runner image and the package managers: none comes from a global install. */
const KNOWN = new Set(
  (
    'npm npx pnpm pnpx yarn yarnpkg bun bunx node deno corepack bash sh zsh git gh echo printf cd pushd popd export set unset ' +
    'if then else elif fi for while until do done case esac function return exit cat test [ [[ true false cp mv rm mkdir ls ' +
    'touch chmod grep sed awk jq tr cut head tail sort xargs curl wget source . env sleep tee find basename dirname eval exec'
  ).split(' '),
);

/** The names of the packages a line installs globally (a `${{ }}` version kept in its spec), package managers left out. */
function globalPackages(line: string): string[] {
  const match = GLOBAL_INSTALL.exec(line.replace(/\$\{\{[^}]*\}\}/g, (expr) => expr.replace(/\s+/g, '')));
  if (!match) return [];
  const args = match[1]!.trim().split(/\s+/).filter(Boolean);
  if (!/yarn\s+global/.test(match[0]) && !args.some((arg) => arg === '-g' || arg === '--global')) return [];
  return args
    .filter((arg) => !arg.startsWith('-'))
    .map((spec) => spec.replace(/^["']|["']$/g, '').replace(/(?<=.)@.*$/, ''))
    .filter((name) => !MANAGERS.has(name));
}

/** The command a shell line starts with, past `VAR=value` prefixes; undefined for an assignment alone or a line that is no command. */
function commandOf(line: string): string | undefined {
  const words = line.replace(/(^|\s)#.*$/, '').trim().split(/\s+/).filter(Boolean);
  while (words.length > 0 && /^[A-Za-z_]\w*=/.test(words[0]!)) words.shift();
  const word = words[0];
  if (word === undefined || !/^[A-Za-z][\w.-]*$/.test(word)) return undefined;
  return word;
}

/**
 * Refuses a job whose publish step runs no publish command this tool knows, anywhere it can read,
 * and runs a command that is none of the shell's or the package managers', after an earlier step
 * of the job installed a package globally.
 */
export function checkGlobalToolPublish(job: JobView, readFile?: (path: string) => string | undefined): void {
  const scripts = packageScripts(readFile);
  const installed: string[] = [];
  for (const step of job.steps) {
    const run = textOf(step, 'run') ?? '';
    if (job.publishing.has(step) && installed.length > 0) {
      const lines = reachedLines(run, scripts);
      if (!lines.some(commandPublishes)) {
        const command = lines.map(commandOf).find((word) => word !== undefined && !KNOWN.has(word) && !Object.hasOwn(scripts, word));
        if (command !== undefined) {
          throw new MigrateError(
            `job "${job.id}" hands its publish to \`${command}\`, a command of a package it installs globally (${installed.join(', ')}), which is not in this repository: this tool cannot tell whether it publishes without the token.\n` +
              'npm 11.5.1+, lerna 9+ and semantic-release 25.0.1+ exchange the OIDC token; a tool that writes its own .npmrc from NPM_TOKEN cannot. Check what it runs, publish with one of those, then migrate again.',
          );
        }
      }
    }
    for (const line of run.split('\n')) installed.push(...globalPackages(line));
  }
}
