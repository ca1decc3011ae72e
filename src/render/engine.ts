// Where compiled templates come from. The published bundle carries every template
// precompiled at build time (scripts/bundle-plugins.mjs fills src/render/precompiled.ts and
// src/providers/precompiled.ts), so a run loads only Handlebars' small runtime: loading the
// compiler and compiling the templates cost ~25 ms of a run that should take ~45, and the
// compiler ~60 kB of the package. The templates ship as files beside the bundle and are
// checked against what was precompiled: a template changed after the build stops the run
// with a clear message rather than rendering something else than the file says. From
// source (tests, development), nothing is precompiled and the compiler compiles the files.
import type { TemplateDelegate } from 'handlebars';
import GITHUB_TEMPLATES, { type PrecompiledTemplates } from './precompiled.js';
import { readTemplate, templatesDir } from './templates.js';
import { FailedError } from '../cli/errors.js';
import Runtime from 'handlebars/dist/cjs/handlebars.runtime.js';

/** `noEscape`: no HTML entities in YAML. `strict`: a missing variable is an error, not ''. */
export const COMPILE_OPTIONS = { noEscape: true, strict: true } as const;

type Handlebars = typeof import('handlebars');

/**
 * FNV-1a (32-bit) of the template text, and its length. Not for security: it tells whether a
 * shipped template still is the one precompiled, without loading node:crypto (~2 ms).
 */
export function templateHash(source: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < source.length; i++) hash = Math.imul(hash ^ source.charCodeAt(i), 0x01000193);
  return `${(hash >>> 0).toString(16).padStart(8, '0')}-${source.length}`;
}

// Every group is filled by the same build, so the GitHub one tells for all.
const usePrecompiled = Object.keys(GITHUB_TEMPLATES).length > 0;
// The bundle keeps the compiler out (external in scripts/build.mjs): only source reaches it.
const Base: Handlebars = usePrecompiled ? Runtime : (await import('handlebars/dist/cjs/handlebars.js')).default;

/** Each template is checked when first used: a run reads only the few it renders. */
function checkedSpec(relativePath: string, precompiled: PrecompiledTemplates): unknown {
  const entry = precompiled[relativePath];
  let current: string | undefined;
  try {
    current = templateHash(readTemplate(relativePath));
  } catch {
    current = undefined;
  }
  if (!entry || current !== entry.hash) {
    throw new FailedError(
      `${templatesDir()}/${relativePath} is not the template this copy of create-trusted-publish was built with.\n` +
        'Reinstall it (npm cache clean --force, then run npm create trusted-publish again).',
    );
  }
  return entry.spec;
}

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
  if (usePrecompiled) return hb.template(checkedSpec(relativePath, precompiled) as Parameters<Handlebars['template']>[0]);
  return hb.compile(readTemplate(relativePath), COMPILE_OPTIONS);
}
