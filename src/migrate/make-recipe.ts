// A publish step that runs a make target (`make publish`): the lines of the target's recipe that
// write the token to .npmrc (or check it with `npm whoami`) go, and Yarn 1's `yarn publish` becomes
// `npm publish`, as in a `run:` block or a shell script. The Makefile keeps its tabs, prefixes
// (`@`, `-`) and `$$`/`$(VAR)` text as written. A line that cannot go on its own (joined to other
// commands, or the end of a `\`-continued command) stops the migration, naming the line.
import { makeRecipeLines, recipeCommand } from '../audit/make-targets.js';
import { writesAuthToken } from '../audit/token-forms.js';
import { YARN1_PUBLISH } from '../doctor/packages.js';
import { argWords } from './command-args.js';
import { MigrateError } from './errors.js';
import { publishSteps, type JobView } from './jobs.js';
import { textOf } from './nodes.js';
import { TOKEN_CHECK_LINE } from './token-lines.js';
import { npmForYarnPublish, YARN1_COMMAND } from './yarn-publish.js';

type ReadFile = (path: string) => string | undefined;

const continues = (raw: string | undefined) => raw !== undefined && /\\\s*$/.test(raw);

/**
 * Whether the recipe line at index `i` can be taken out alone: one command (no `&&`, `||`, `|` or
 * `;` joining others), either a line of its own or a middle line of a continued command that ends
 * its command with `;`.
 */
function removable(lines: readonly string[], i: number): boolean {
  const raw = lines[i]!;
  const body = recipeCommand(raw).replace(/\\\s*$/, '').trim().replace(/;$/, '').trim();
  if (/&&|\|\||[|;]/.test(body)) return false;
  const before = continues(lines[i - 1]);
  const self = continues(raw);
  if (!before && !self) return true;
  return before && self && /;\s*\\\s*$/.test(raw);
}

/**
 * Edits the Makefiles the job's publish steps run targets of, into `scripts` (path to before/after,
 * starting from an earlier edit of the same file). Returns what changed, for the notes.
 */
export function makeRecipeEdits(job: JobView, readFile: ReadFile | undefined, dirOf: (step: JobView['steps'][number]) => string, scripts: Map<string, { before: string; after: string }>): string[] {
  if (!readFile) return [];
  const notes: string[] = [];
  const files = new Map<string, { original: string; lines: string[]; drop: Set<number> }>();
  for (const step of publishSteps(job)) {
    for (const runLine of (textOf(step, 'run') ?? '').split('\n')) {
      const recipe = makeRecipeLines(runLine, readFile, dirOf(step).replace(/^\.\/?/, '').replace(/\/$/, ''));
      const original = recipe ? readFile(recipe.path) : undefined;
      if (!recipe || original === undefined) continue;
      if (!files.has(recipe.path)) files.set(recipe.path, { original, lines: original.split(/\r?\n/), drop: new Set() });
      const { lines, drop } = files.get(recipe.path)!;
      for (const { line } of recipe.lines) {
        const raw = lines[line - 1]!;
        if (drop.has(line - 1)) continue;
        const command = recipeCommand(raw).replace(/(^|\s)#.*$/, '');
        const at = `${recipe.path}:${line}`;
        const stop = (why: string, fix: string) => new MigrateError(`job "${job.id}" runs \`${runLine.trim()}\`, and ${at} (\`${raw.trim()}\`) ${why}, which this migration does not take apart: ${fix} by hand, then migrate again.`);
        const writes = writesAuthToken(command);
        if (writes || TOKEN_CHECK_LINE.test(command.replace(/\\\s*$/, '').replace(/;\s*$/, ''))) {
          if (!removable(lines, line - 1)) throw stop(`${writes ? 'writes' : 'checks'} the npm token together with other commands`, `remove the ${writes ? '_authToken write' : 'npm whoami'} from that line`);
          drop.add(line - 1);
          notes.push(`job "${job.id}": removed ${writes ? 'the _authToken line' : 'npm whoami'} from ${at} (the token is gone)`);
        } else if (YARN1_PUBLISH.test(command) && !/--dry-run\b/.test(command)) {
          const rewritten = raw.replace(YARN1_COMMAND, (whole: string, args: string) => (argWords(args).includes('//') ? whole : npmForYarnPublish(args)));
          if (YARN1_PUBLISH.test(rewritten)) throw stop('runs a `yarn publish` (Yarn 1, which cannot publish with trusted publishing) that is not one command of its own', 'make it one `npm publish`');
          lines[line - 1] = rewritten;
          notes.push(`job "${job.id}": yarn publish -> ${recipeCommand(rewritten).startsWith('npm version') ? 'npm version, then npm publish' : 'npm publish'} in ${at} (Yarn 1 cannot publish with trusted publishing; it still installs)`);
        }
      }
    }
  }
  for (const [path, { original, lines, drop }] of files) {
    const after = lines.filter((_, i) => !drop.has(i)).join(original.includes('\r\n') ? '\r\n' : '\n');
    if (after !== original) scripts.set(path, { before: original, after });
  }
  return notes;
}
