// A publish step that hands the publish to a script of an installed package
// (`node ./node_modules/@scope/release-scripts/lib/publish.js`), reached directly or through
// package.json scripts (`npm run release` → `run-s build publish:ci` → that line). The file is
// not in the repository, so nothing here can tell whether what it runs can publish without the
// token (npm 11.5.1+, lerna 9+, semantic-release 25.0.1+ exchange the OIDC token; older tools cannot).
// Migrating would remove the token and leave a workflow that may not publish: the migration stops
// and names the script instead.
import { commandPublishes, scriptsRun } from '../audit/publish-rule.js';
import { MigrateError } from './errors.js';
import { publishSteps, type JobView } from './jobs.js';
import { textOf } from './nodes.js';

/** `node [flags] [./]node_modules/<package>/<file>.js` (also .cjs/.mjs), with the package's name. */
const INSTALLED_SCRIPT = /(?:^|[\s;&|(])node\s+(?:--?[\w-]+(?:=\S+)?\s+)*(?:\.\/)?(node_modules\/((?:@[\w.-]+\/)?[\w.-]+)\/[\w./-]+\.[cm]?js)\b/;

/** Script names a line runs: those of the publish rule's scriptsRun (`npm run x`, `yarn x`…), and npm-run-all's `run-s a b` / `run-p` / `npm-run-all a b`. */
function namesRun(line: string, scripts: Readonly<Record<string, string>>): string[] {
  const names = scriptsRun(line, scripts);
  for (const m of line.matchAll(/\b(?:run-s|run-p|npm-run-all)((?:\s+[\w:.-]+)+)/g)) {
    for (const name of m[1]!.trim().split(/\s+/)) if (Object.hasOwn(scripts, name)) names.push(name);
  }
  return names;
}

/** The lines a step runs, with the package.json scripts it reaches (each script once). */
export function reachedLines(run: string, scripts: Readonly<Record<string, string>>): string[] {
  const lines = run.split('\n');
  const seen = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    for (const name of namesRun(lines[i]!, scripts)) {
      if (seen.has(name)) continue;
      seen.add(name);
      lines.push(...scripts[name]!.split('\n'));
    }
  }
  return lines;
}

export function packageScripts(readFile: ((path: string) => string | undefined) | undefined): Record<string, string> {
  try {
    const pkg = JSON.parse(readFile?.('package.json') ?? '{}') as { scripts?: unknown };
    if (!pkg.scripts || typeof pkg.scripts !== 'object') return {};
    return Object.fromEntries(Object.entries(pkg.scripts).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}

/**
 * Refuses a job whose publish step runs no publish command this tool knows, anywhere it can read,
 * and hands the work to a script inside node_modules.
 */
export function checkInstalledPublishScripts(job: JobView, readFile?: (path: string) => string | undefined): void {
  const scripts = packageScripts(readFile);
  for (const step of publishSteps(job)) {
    const run = textOf(step, 'run');
    if (run === undefined) continue;
    const lines = reachedLines(run, scripts);
    if (lines.some(commandPublishes)) continue;
    const found = lines.map((line) => INSTALLED_SCRIPT.exec(line)).find((m) => m !== null);
    if (!found) continue;
    throw new MigrateError(
      `job "${job.id}" hands its publish to ${found[1]} (installed package ${found[2]}), which is not in this repository: this tool cannot tell whether it publishes without the token.\n` +
        'npm 11.5.1+, lerna 9+ and semantic-release 25.0.1+ exchange the OIDC token; older tools cannot. Check what it runs, publish with one of those, then migrate again.',
    );
  }
}
