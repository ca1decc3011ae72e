// Where compiled templates come from. The published bundle carries every template
// precompiled at build time (scripts/bundle-plugins.mjs fills src/render/precompiled.ts and
// src/providers/precompiled.ts), so a run loads only Handlebars' small runtime and reads no
// template file: loading the compiler and compiling the templates would cost about half of
// a run's start-up, and the compiler ~60 kB of the package. From source (tests, development),
// nothing is precompiled and the compiler compiles the files in templates/.
import type { TemplateDelegate } from 'handlebars';
import GITHUB_TEMPLATES, { type PrecompiledTemplates } from './precompiled.js';
import { readTemplate, templateFileNames } from './templates.js';
import Runtime from 'handlebars/dist/cjs/handlebars.runtime.js';

/** `noEscape`: no HTML entities in YAML. `strict`: a missing variable is an error, not ''. */
export const COMPILE_OPTIONS = { noEscape: true, strict: true } as const;

type Handlebars = typeof import('handlebars');

// Every group is filled by the same build, so the GitHub one tells for all.
const usePrecompiled = Object.keys(GITHUB_TEMPLATES).length > 0;
// The bundle keeps the compiler out (external in scripts/build.mjs): only source reaches it.
const Base: Handlebars = usePrecompiled ? Runtime : (await import('handlebars/dist/cjs/handlebars.js')).default;

/** True when templates come precompiled from the build (for tests and diagnostics). */
export const PRECOMPILED_TEMPLATES = usePrecompiled;

/** A fresh Handlebars environment (helpers and partials are per instance). */
export function createHandlebars(): Handlebars {
  return Base.create();
}

/**
 * The template at `templates/<relativePath>`, ready to render with `hb`'s helpers and partials.
 * `precompiled`: the build's group that holds it (GitHub's unless given).
 */
export function compileTemplate(hb: Handlebars, relativePath: string, precompiled: PrecompiledTemplates = GITHUB_TEMPLATES): TemplateDelegate {
  if (!usePrecompiled) return hb.compile(readTemplate(relativePath), COMPILE_OPTIONS);
  const spec = precompiled[relativePath];
  if (spec === undefined) throw new Error(`create-trusted-publish: template ${relativePath} is missing from this build`);
  return hb.template(spec as Parameters<Handlebars['template']>[0]);
}

/** Names (without `.hbs`) of the partials directly inside a templates subdirectory, sorted. */
export function partialNames(relativeDir: string, precompiled: PrecompiledTemplates = GITHUB_TEMPLATES): string[] {
  const files = usePrecompiled
    ? Object.keys(precompiled).filter((path) => path.startsWith(`${relativeDir}/`)).map((path) => path.slice(relativeDir.length + 1))
    : templateFileNames(relativeDir);
  return files
    .filter((file) => file.endsWith('.hbs') && !file.includes('/'))
    .map((file) => file.slice(0, -'.hbs'.length))
    .sort();
}
