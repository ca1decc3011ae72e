// A package name given by the user, checked by npm's rules (src/text/package-name.ts).
import { checkPackageName } from '../text/package-name.js';
import { fail, ok, type Parsed } from './parsed.js';

/**
 * npm's rules for package names: the broken rule, as a sentence. Rules for new names only
 * (lowercase, length) are not checked here: a flag names a package of this repository, and
 * npm still publishes new versions of a package named before those rules.
 */
export function parsePackageName(name: string): Parsed<string> {
  const [error] = checkPackageName(name).errors;
  return error === undefined ? ok(name) : fail(`${error[0]!.toUpperCase()}${error.slice(1)}.`);
}
