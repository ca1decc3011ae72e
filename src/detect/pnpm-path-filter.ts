// `pnpm -r --filter=./packages/* publish` in a repository with no pnpm-workspace.yaml. pnpm then
// takes every package.json below the folder it runs in as a project (node_modules and
// bower_components aside: its workspace package finder falls back to the patterns `.` and `**`),
// and a filter that is a path (`./packages/*`, `{packages/*}`) selects the projects whose folder
// the glob matches, not the ones below them; `pnpm publish` skips the private ones.
import { posix } from 'node:path';
import type { WorkflowFile } from '../core/model.js';
import { commandPublishes, scriptsRun, type PublishContext } from '../audit/publish-rule.js';
import { mapAt, parseWorkflow, text } from '../audit/workflow-model.js';

/** The value of each `--filter X`, `--filter=X`, `-F X` among the words. */
function filters(words: readonly string[]): string[] {
  return words.flatMap((word, i) => {
    if ((word === '--filter' || word === '-F') && words[i + 1] !== undefined) return [words[i + 1]!];
    return word.startsWith('--filter=') ? [word.slice('--filter='.length)] : [];
  });
}

/**
 * The folder globs, from the top, one command selects by path when it is a pnpm publish whose
 * filters are all paths; [] when it is not one, undefined when a filter is something else (a
 * name, a dependency selector `x...`, an exclusion `!x`) or leaves the repository.
 */
function pathGlobs(command: string, dir: string): string[] | undefined {
  const words = command.trim().split(/\s+/).map((w) => w.replace(/^(['"])(.*)\1$/, '$2'));
  const at = words.indexOf('pnpm');
  if (at < 0 || !commandPublishes(command)) return [];
  const selected = filters(words.slice(at + 1));
  if (selected.length === 0) return [];
  const globs: string[] = [];
  for (const filter of selected) {
    const path = /^\{(.+)\}$/.exec(filter)?.[1] ?? (/^\.\.?\//.test(filter) ? filter : undefined);
    if (path === undefined || path.includes('...') || /[$`]/.test(path)) return undefined;
    const glob = posix.normalize(posix.join(dir, path)).replace(/^\.\/?/, '').replace(/\/$/, '');
    if (glob === '' || glob === '..' || glob.startsWith('../')) return undefined;
    globs.push(glob);
  }
  return globs;
}

/**
 * The folder globs the repository's publishing steps select with pnpm path filters, from the top:
 * in a step's own lines (from its working directory) and in the top package.json scripts those
 * run. Empty when there is a pnpm-workspace.yaml (its globs decide) or when one such publish
 * filters by anything but a path.
 */
export function pnpmPathFilterGlobs(workflows: readonly WorkflowFile[], context: PublishContext = {}): string[] {
  if (context.readFile?.('pnpm-workspace.yaml') !== undefined) return [];
  const found = new Set<string>();
  for (const w of workflows) {
    const parsed = parseWorkflow(w.content, w.path, context);
    if (!parsed.ok || !parsed.workflow.publishes) continue;
    const { root } = parsed.workflow;
    for (const job of parsed.workflow.jobs) {
      for (const step of job.steps.filter((s) => s.publishes && s.run !== undefined)) {
        const dir = text(step.node, 'working-directory') ?? text(mapAt(mapAt(job.node, 'defaults'), 'run'), 'working-directory') ?? text(mapAt(mapAt(root, 'defaults'), 'run'), 'working-directory') ?? '';
        if (dir !== '' && context.readFile?.(posix.join(dir, 'pnpm-workspace.yaml')) !== undefined) return [];
        const lines = step.run!.split('\n');
        const named = lines.flatMap((line) => scriptsRun(line, context.scripts, context.yarnBerry)).map((name) => context.scripts![name]!);
        const commands = [...lines.map((line) => [line, dir] as const), ...named.map((script) => [script, ''] as const)].flatMap(([line, at]) =>
          line.split(/&&|\|\||;/).map((command) => [command, at] as const),
        );
        for (const [command, at] of commands) {
          const globs = pathGlobs(command, at);
          if (globs === undefined) return [];
          for (const glob of globs) found.add(glob);
        }
      }
    }
  }
  return [...found];
}
