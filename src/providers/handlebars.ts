// A Handlebars instance for the GitLab and CircleCI templates. Separate from src/render's instance
// so its helpers and partials (named `gitlab/...`, `circleci/...`) cannot clash with the GitHub ones;
// same compile options: no HTML escaping, and a missing variable is an error.
import type { Render } from '../render/handlebars.js';
import { compileTemplate, createHandlebars, partialNames } from '../render/engine.js';
import PRECOMPILED from './precompiled.js';
import { yamlString } from '../render/scalars.js';

type Handlebars = ReturnType<typeof createHandlebars>;

const PARTIAL_DIRS = ['gitlab', 'circleci'] as const;

function createInstance(): Handlebars {
  const hb = createHandlebars();
  // Every user value goes through here: a double-quoted YAML scalar on one line.
  hb.registerHelper('yaml', (value: unknown) => {
    if (typeof value !== 'string') throw new TypeError(`yaml helper: expected a string, got ${value === null ? 'null' : typeof value}`);
    return yamlString(value);
  });
  // Strict mode does not check helper arguments: a missing value must not silently compare unequal.
  hb.registerHelper('eq', (a: unknown, b: unknown) => {
    if (a === undefined || b === undefined) throw new TypeError('eq helper: missing value');
    return a === b;
  });
  for (const dir of PARTIAL_DIRS) {
    for (const name of partialNames(`${dir}/partials`, PRECOMPILED)) {
      hb.registerPartial(`${dir}/${name}`, compileTemplate(hb, `${dir}/partials/${name}.hbs`, PRECOMPILED));
    }
  }
  return hb;
}

let instance: Handlebars | undefined;
const compiled = new Map<string, Render>();

/** A compiled provider template from `templates/` (path relative to it), compiled once per process. */
export function providerTemplate(relativePath: string): Render {
  let render = compiled.get(relativePath);
  if (!render) {
    instance ??= createInstance();
    const fn = compileTemplate(instance, relativePath, PRECOMPILED);
    render = (context) => fn(context);
    compiled.set(relativePath, render);
  }
  return render;
}
