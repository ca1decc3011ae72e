// The one Handlebars instance that renders every provider's templates, and its helpers. A
// provider folder's partials (`{{> github/install}}`, `{{> gitlab/install}}`) are registered
// the first time one of its templates is used.
import type { HelperDelegate, HelperOptions } from 'handlebars';
import { compileTemplate, createHandlebars, COMPILE_OPTIONS, groupOf, partialNames } from './engine.js';
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
const withPartials = new Set<string>();
const compiled = new Map<string, Render>();

/** The instance, with the partials of `group` (a folder of templates/) registered. */
function handlebars(group: string): Handlebars {
  instance ??= createInstance();
  if (!withPartials.has(group)) {
    withPartials.add(group);
    for (const name of partialNames(`${group}/partials`)) {
      instance.registerPartial(`${group}/${name}`, compileTemplate(instance, `${group}/partials/${name}.hbs`));
    }
  }
  return instance;
}

/** A compiled template from `templates/` (path relative to it), compiled once per process. */
export function template(relativePath: string): Render {
  let render = compiled.get(relativePath);
  if (!render) {
    const fn = compileTemplate(handlebars(groupOf(relativePath)), relativePath);
    render = (context) => fn(context);
    compiled.set(relativePath, render);
  }
  return render;
}
