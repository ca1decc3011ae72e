// Helpers for the property tests: what must not change when only data changes.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { ProviderInputError } from '../../src/providers/validate.js';
import { hostileString } from './hostile-strings.js';

/** The structure of parsed YAML with every scalar replaced by its type. */
export function skeleton(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(skeleton);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, skeleton(item)]));
  }
  return typeof value;
}

export interface Shape {
  skeleton: unknown;
  commentLines: number;
  /** `$` characters: GitLab and shells expand from them. Data must never add one. */
  dollars: number;
  /** `<<`: CircleCI reads `<< x >>` as a parameter anywhere in a config. */
  chevrons: number;
}

export function parseStrict(text: string): unknown {
  const doc = parseDocument(text, { uniqueKeys: true });
  assert.deepEqual(doc.errors, []);
  return doc.toJS();
}

export function shape(text: string): Shape {
  return {
    skeleton: skeleton(parseStrict(text)),
    commentLines: text.split('\n').filter((line) => /^\s*#/.test(line)).length,
    dollars: text.split('$').length - 1,
    chevrons: text.split('<<').length - 1,
  };
}

/** The value parsed back from a YAML scalar written into a comment by the yaml helper. */
export function quotedIn(line: string): unknown {
  const m = /"(?:[^"\\]|\\.)*"/.exec(line);
  assert.ok(m, `no quoted value in ${line}`);
  return parseDocument(m[0]).toJS();
}

/** Runs `render`; a refusal must be a ProviderInputError. Returns undefined when refused. */
export function renderOrRefuse<T>(render: () => T): T | undefined {
  try {
    return render();
  } catch (error) {
    assert.ok(error instanceof ProviderInputError, `unexpected ${String(error)}`);
    return undefined;
  }
}

/** Hostile strings, plausible values from `valid`, and plausible values with a hostile piece spliced in. */
export function mixed(valid: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const spliced = fc.tuple(valid, hostileString, fc.nat()).map(([v, h, at]) => {
    const i = v.length === 0 ? 0 : at % (v.length + 1);
    return v.slice(0, i) + h + v.slice(i);
  });
  return fc.oneof({ arbitrary: hostileString, weight: 2 }, { arbitrary: valid, weight: 3 }, { arbitrary: spliced, weight: 1 });
}

/** Counts accepted values so a property cannot pass on refusals alone. */
export class Tally {
  accepted = 0;
  total = 0;
  see(accepted: boolean): void {
    this.total++;
    if (accepted) this.accepted++;
  }
  assertSomeAccepted(what: string): void {
    assert.ok(this.accepted >= this.total / 10, `${what}: only ${this.accepted} of ${this.total} values were accepted`);
  }
}
