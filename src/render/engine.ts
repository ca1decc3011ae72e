// Where compiled templates come from. The published bundle carries every template
// precompiled at build time (scripts/bundle-plugins.mjs fills src/render/precompiled.ts), so a run loads only Handlebars' small runtime and reads no
// template file: loading the compiler and compiling the templates would cost about half of
// a run's start-up, and the compiler ~60 kB of the package. From source (tests, development),
// nothing is precompiled and the compiler compiles the files in templates/.
import type { TemplateDelegate } from 'handlebars';
import PRECOMPILED, { type PrecompiledTemplates } from './precompiled.js';
import { readTemplate, templateFileNames } from './templates.js';
import Runtime from 'handlebars/dist/cjs/handlebars.runtime.js';

/** `noEscape`: no HTML entities in YAML. `strict`: a missing variable is an error, not ''. */
export const COMPILE_OPTIONS = { noEscape: true, strict: true } as const;

type Handlebars = typeof import('handlebars');

const usePrecompiled = Object.keys(PRECOMPILED).length > 0;
// The bundle keeps the compiler out (external in scripts/build.mjs): only source reaches it.
const Base: Handlebars = usePrecompiled ? Runtime : (await import('handlebars/dist/cjs/handlebars.js')).default;

/** True when templates come precompiled from the build (for tests and diagnostics). */
export const PRECOMPILED_TEMPLATES = usePrecompiled;

/** A fresh Handlebars environment (helpers and partials are per instance). */
export function createHandlebars(): Handlebars {
  return Base.create();
}

/** The provider folder a template belongs to: the first part of its path under templates/. */
export const groupOf = (relativePath: string): string => relativePath.split('/')[0]!;

const groups = new Map<string, PrecompiledTemplates>();

/** The build's templates of one provider folder, built the first time one of them is asked for. */
function precompiledGroup(group: string): PrecompiledTemplates {
  let templates = groups.get(group);
  if (!templates) {
    templates = PRECOMPILED[group]?.() ?? {};
    groups.set(group, templates);
  }
  return templates;
}

/** The template at `templates/<relativePath>`, ready to render with `hb`'s helpers and partials. */
export function compileTemplate(hb: Handlebars, relativePath: string): TemplateDelegate {
  if (!usePrecompiled) return hb.compile(readTemplate(relativePath), COMPILE_OPTIONS);
  const spec = precompiledGroup(groupOf(relativePath))[relativePath];
  if (spec === undefined) throw new Error(`create-trusted-publish: template ${relativePath} is missing from this build`);
  return hb.template(spec as Parameters<Handlebars['template']>[0]);
}

/** Names (without `.hbs`) of the partials directly inside a templates subdirectory, sorted. */
export function partialNames(relativeDir: string): string[] {
  const files = usePrecompiled
    ? Object.keys(precompiledGroup(groupOf(relativeDir))).filter((path) => path.startsWith(`${relativeDir}/`)).map((path) => path.slice(relativeDir.length + 1))
    : templateFileNames(relativeDir);
  return files
    .filter((file) => file.endsWith('.hbs') && !file.includes('/'))
    .map((file) => file.slice(0, -'.hbs'.length))
    .sort();
}
