// The Node.js version a CI job sets up, as the user gives it.
import { nodeNewEnough } from '../npm/versions.js';
import { fail, ok, type Parsed } from './parsed.js';

/** Node.js version for CI: a major (`24`), `24.x`, or an exact `22.14.0`. */
export function parseNodeVersion(value: string): Parsed<string> {
  const m = /^(\d{1,3})(?:\.x|\.(\d{1,3})\.(\d{1,3}))?$/.exec(value);
  if (!m) return fail('Give a Node.js version as a major (24), a line (24.x) or an exact version (24.11.1).');
  const minor = m[2] === undefined ? undefined : Number(m[2]);
  if (!nodeNewEnough(Number(m[1]), minor)) return fail('Trusted publishing needs Node.js 22.14 or newer in CI (24 is recommended: its npm is new enough).');
  return ok(value);
}
