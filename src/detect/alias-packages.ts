// A package published a second time under another name (an alias): a release program a publishing
// step runs (a JavaScript or TypeScript file, read as the publish rule reads it) reads a package.json,
// sets its name to a literal and writes it back before it publishes. The forms public release
// programs use: `pkg.name = "x"`, `Object.assign(pkg, { name: "x", … })` and `{ ...pkg, name: "x" }`
// (marko-js/marko's scripts/publish-alias). The alias needs its own trusted publisher. A name set
// from anything but a literal cannot be read (`unread`).
import type { Detected, PackageInfo } from '../core/model.js';
import { parseWorkflow, text } from '../audit/workflow-model.js';
import { programCommands, programFilesOf, programTexts } from '../audit/program-publish.js';
import { checkPackageName } from '../text/package-name.js';
import { cleanFolder, workingDirectory } from './publish-folders.js';

/** A value: a whole string literal (group 2), else anything up to the end of the property or statement (group 3). */
const VALUE = String.raw`(?:(['"\`])([^'"\`$\n]*)\1(?=\s*(?:[,;})]|$))|(\S[^,;}\n]*))`;
/** `x.name = …`, `Object.assign(x, { …name: … })`, `{ ...x, …name: … }`. */
const NAME_SET = [
  new RegExp(String.raw`\b[A-Za-z_$][\w$]*\.name\s*=(?!=)\s*${VALUE}`, 'gm'),
  new RegExp(String.raw`\bObject\.assign\(\s*[\w$.]+\s*,\s*\{[^{}]*?\bname\s*:\s*${VALUE}`, 'gm'),
  new RegExp(String.raw`\{\s*\.\.\.[\w$.]+\s*,[^{}]*?\bname\s*:\s*${VALUE}`, 'gm'),
];
/** A program that writes a package.json back (`writeFileSync(pkgFile, …)` with a package.json path in the file). */
const WRITES_MANIFEST = (source: string) => /package\.json/.test(source) && /\bwrite(?:File|FileSync|Json|JSON|JsonSync)\s*\(/.test(source);

/** The names a publishing program's text sets in a package.json it writes back; `unread` when one is not a literal package name. */
export function aliasNamesIn(source: string): { names: string[]; unread: boolean } {
  if (programCommands(source).publish.length === 0 || !WRITES_MANIFEST(source)) return { names: [], unread: false };
  const names = new Set<string>();
  let unread = false;
  for (const m of NAME_SET.flatMap((re) => [...source.matchAll(re)])) {
    if (m[2] !== undefined && checkPackageName(m[2]).errors.length === 0) names.add(m[2]);
    else unread = true;
  }
  return { names: [...names], unread };
}

/** The names the publishing programs of `d`'s workflows set in a package.json they write (a name that is not a literal: see programScriptPublishReason). */
export function programAliases(d: Pick<Detected, 'workflows' | 'publishContext'>): string[] {
  const context = d.publishContext ?? {};
  const readFile = context.readFile;
  const names = new Set<string>();
  if (!readFile) return [];
  for (const w of d.workflows) {
    const parsed = parseWorkflow(w.content, w.path, context);
    if (!parsed.ok || !parsed.workflow.publishes) continue;
    for (const job of parsed.workflow.jobs) {
      for (const step of job.steps.filter((s) => s.publishes)) {
        const run = step.run ?? (/^changesets\/action@/i.test(step.uses ?? '') ? text(step.with, 'publish') : undefined);
        const dir = cleanFolder(workingDirectory(parsed.workflow, job, step) ?? '.');
        for (const path of (run ?? '').split('\n').flatMap((line) => programFilesOf(line, context, dir))) {
          for (const file of programTexts(path, readFile)) aliasNamesIn(file.text).names.forEach((name) => names.add(name));
        }
      }
    }
  }
  return [...names];
}

/** The alias packages beside `packages`: each as the first of them, renamed (the values npmjs.com asks for are the same). */
export function aliasPackages(d: Pick<Detected, 'workflows' | 'publishContext'>, packages: readonly PackageInfo[]): PackageInfo[] {
  const held = new Set(packages.map((p) => p.name));
  const base = packages[0];
  return base === undefined ? [] : programAliases(d).filter((name) => !held.has(name)).map((name) => ({ ...base, name }));
}
