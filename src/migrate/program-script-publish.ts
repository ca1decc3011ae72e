// A publish that runs in a script file of another language (`npm run shipit` → `ts-node
// scripts/tasks/publish`), which itself names the folders it publishes (`npm publish ${folder}`):
// which packages those are cannot be read offline, so the top package is not assumed to be the
// one published. Without --packages, the migration stops with that reason before writing.
import type { Detected } from '../core/model.js';
import { parseWorkflow } from '../audit/workflow-model.js';
import { runPublishesWith, scriptsRun } from '../audit/publish-rule.js';
import { programFilesRun, withoutPrograms } from '../audit/program-publish.js';
import { scriptText } from '../audit/script-files.js';
import { aliasNamesIn } from '../detect/alias-packages.js';

/** A publish of a folder or tarball the script names in a variable or a built path (`npm publish ${folder}`), or from a `cwd` it sets. */
const NAMED_TARGET = /\bnpm\s+publish\s+(?:["'`]?\$|[^-\s"'`][^\s"'`]*\/)|\bnpm\s+publish\b[^\n]*\bcwd\s*:/;

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
      // A publish the rule reads elsewhere (a command, a shell script, a package.json script) names its own targets.
      if (runPublishesWith(step.run!, { ...context, readFile: withoutPrograms(readFile) })) continue;
      const lines = linesRun(step.run!, context.scripts ?? {});
      for (const line of lines) {
        const file = programFilesRun(line, readFile)[0];
        const text = file === undefined ? undefined : scriptText(file, readFile);
        // An alias publish whose name is read (src/detect/alias-packages.ts) names its target.
        const alias = text === undefined ? undefined : aliasNamesIn(text);
        if (file === undefined || text === undefined || !(alias!.unread || (NAMED_TARGET.test(text) && alias!.names.length === 0))) continue;
        const what = alias!.unread ? 'sets the name of a package it publishes in its package.json from a value that cannot be read here' : 'names the folders it publishes itself: which packages those are cannot be read from it';
        return (
          `job "${job.id}" publishes through ${file} (run by \`${step.run!.trim().split('\n')[0]}\`), a script that ${what}, and the package at the top is not assumed. ` +
          'Pass --packages with the names it publishes (each needs its own trusted publisher on npmjs.com), then migrate again.'
        );
      }
    }
  }
  return undefined;
}
