// The one Handlebars instance that renders workflow templates, and its helpers.
import type { HelperDelegate, HelperOptions } from 'handlebars';
import { compileTemplate, createHandlebars, COMPILE_OPTIONS, partialNames } from './engine.js';
import { loadPins, pinnedUses, PINNED_ACTIONS, type PinnedAction } from './pins.js';
import { exprString, yamlString } from './scalars.js';

export { COMPILE_OPTIONS };
type Handlebars = ReturnType<typeof createHandlebars>;

export type Render = (context: object) => string;

function createInstance(): Handlebars {
  const hb = createHandlebars();
  hb.registerHelper('yaml', (value: unknown) => {
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new TypeError(`yaml helper: expected a string, got ${value === null ? 'null' : typeof value}`);
    }
    return yamlString(String(value));
  });
  hb.registerHelper('exprString', (value: unknown) => {
    if (typeof value !== 'string') throw new TypeError('exprString helper: expected a string');
    return exprString(value);
  });
  // Strict mode does not check helper arguments: a missing value must not silently compare unequal.
  hb.registerHelper('eq', (a: unknown, b: unknown) => {
    if (a === undefined || b === undefined) throw new TypeError('eq helper: missing value');
    return a === b;
  });
  // Strict mode does not check the condition of #if/#unless either: a misspelt or missing
  // flag would silently drop a block (a step, a permission). null and false stay valid.
  for (const name of ['if', 'unless'] as const) {
    const builtin = hb.helpers[name] as HelperDelegate;
    hb.registerHelper(name, function (this: unknown, condition: unknown, options: HelperOptions) {
      if (condition === undefined) throw new TypeError(`#${name} helper: missing value`);
      return builtin.call(this, condition, options);
    });
  }
  hb.registerHelper('pin', (name: unknown) => {
    if (!PINNED_ACTIONS.includes(name as PinnedAction)) throw new Error(`pin helper: no pin named ${String(name)}`);
    return pinnedUses(loadPins()[name as PinnedAction]);
  });
  return hb;
}

let instance: Handlebars | undefined;
const compiled = new Map<string, Render>();

function handlebars(): Handlebars {
  if (!instance) {
    instance = createInstance();
    for (const name of partialNames('github/partials')) {
      instance.registerPartial(name, compileTemplate(instance, `github/partials/${name}.hbs`));
    }
  }
  return instance;
}

/** A compiled template from `templates/` (path relative to it), compiled once per process. */
export function template(relativePath: string): Render {
  let render = compiled.get(relativePath);
  if (!render) {
    const fn = compileTemplate(handlebars(), relativePath);
    render = (context) => fn(context);
    compiled.set(relativePath, render);
  }
  return render;
}
