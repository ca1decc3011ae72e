// A publish that runs in a script file of another language (`npm run shipit` → `ts-node
// scripts/tasks/publish`), which itself names the folders it publishes (`npm publish ${folder}`):
// which packages those are cannot be read offline, so the top package is not assumed to be the
// one published. Without --packages, the migration stops with that reason before writing.
import type { Detected } from '../core/model.js';
import { parseWorkflow } from '../audit/workflow-model.js';
import { runPublishesWith, scriptsRun } from '../audit/publish-rule.js';
import { scriptText, shellCode } from '../audit/script-files.js';
import { shellWords } from '../text/shell.js';

/** Programs that run a script file of JavaScript or TypeScript. */
const PROGRAM = /^(?:node|tsx|ts-node|ts-node-esm|babel-node|zx)$/;
/** Their options that take the next word as a value. */
const VALUED = new Set(['-P', '--project', '-r', '--require', '--import', '--loader', '-C', '--conditions', '--env-file', '-O', '--compiler-options']);
/** Extensions a program finds a script by when the command leaves it out (`ts-node scripts/tasks/publish`). */
const EXTENSIONS = ['', '.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'];
/** A publish of a folder or tarball the script names in a variable or a built path (`npm publish ${folder}`), or from a `cwd` it sets. */
const NAMED_TARGET = /\bnpm\s+publish\s+(?:["'`]?\$|[^-\s"'`][^\s"'`]*\/)|\bnpm\s+publish\b[^\n]*\bcwd\s*:/;

/** The script file a command line hands to a program, as a path from the top, when the repository holds it. */
function programFile(line: string, readFile: (path: string, maxBytes?: number) => string | undefined): string | undefined {
  for (const part of shellCode(line).split(/&&|\|\||;|\|/)) {
    const words = shellWords(part.trim());
    while (words.length > 0 && (/^[A-Za-z_]\w*=/.test(words[0]!) || words[0] === 'npx' || words[0] === '--yes' || words[0] === '-y')) words.shift();
    if (!PROGRAM.test(words[0] ?? '')) continue;
    let file: string | undefined;
    for (let i = 1; i < words.length; i++) {
      if (VALUED.has(words[i]!)) i++;
      else if (!words[i]!.startsWith('-')) {
        file = words[i];
        break;
      }
    }
    if (file === undefined || /[$`]/.test(file) || file.startsWith('/')) continue;
    const clean = file.replace(/^\.\//, '');
    const found = EXTENSIONS.map((ext) => clean + ext).find((path) => readFile(path) !== undefined);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The lines a `run:` script runs, following the package.json scripts it calls (a few levels). */
function linesRun(run: string, scripts: Readonly<Record<string, string>>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  let todo = run.split('\n');
  for (let depth = 0; depth < 4 && todo.length > 0; depth++) {
    out.push(...todo);
    todo = todo.flatMap((line) => scriptsRun(line, scripts).filter((name) => !seen.has(name) && seen.add(name)).map((name) => scripts[name]!));
  }
  return out;
}

/**
 * The refusal for a publishing step of `path` seen publishing only by its token, whose run reaches a
 * script file of another language that names its own publish targets; undefined otherwise.
 */
export function programScriptPublishReason(d: Detected, path: string, content: string): string | undefined {
  const context = d.publishContext ?? {};
  const readFile = context.readFile;
  if (!readFile) return undefined;
  const parsed = parseWorkflow(content, path, context);
  if (!parsed.ok) return undefined;
  for (const job of parsed.workflow.jobs) {
    for (const step of job.steps.filter((s) => s.publishes && s.run !== undefined)) {
      // A publish the rule reads (a command, a shell script, a package.json script) names its own targets.
      if (runPublishesWith(step.run!, context)) continue;
      const lines = linesRun(step.run!, context.scripts ?? {});
      for (const line of lines) {
        const file = programFile(line, readFile);
        const text = file === undefined ? undefined : scriptText(file, readFile);
        if (file === undefined || text === undefined || !NAMED_TARGET.test(text)) continue;
        return (
          `job "${job.id}" publishes through ${file} (run by \`${step.run!.trim().split('\n')[0]}\`), a script that names the folders it publishes itself: ` +
          'which packages those are cannot be read from it, and the package at the top is not assumed. Pass --packages with the names it publishes (each needs its own trusted publisher on npmjs.com), then migrate again.'
        );
      }
    }
  }
  return undefined;
}
