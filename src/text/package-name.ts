// npm's package-name rules, as validate-npm-package-name applies them (lib/index.js, read at
// npm/validate-npm-package-name@085bd18; the builtin list here is Node's own): "errors" make a name
// that no registry accepts; "legacy" rules hold only for new names (a package published before
// a rule existed, such as one with capital letters, can still publish new versions).
import { builtinModules } from 'node:module';

export interface NameCheck {
  /** The broken rules no package can publish with, in npm's order. */
  errors: string[];
  /** Rules that only new packages must follow. */
  legacy: string[];
}

const SCOPED = /^(?:@([^/]+?)\/)?([^/]+?)$/;
const EXCLUDED = ['node_modules', 'favicon.ico'];

export function checkPackageName(name: string): NameCheck {
  const errors: string[] = [];
  const legacy: string[] = [];
  if (name.length === 0) errors.push('a name cannot be empty');
  for (const c of '.-_') if (name.startsWith(c)) errors.push(`a name cannot start with "${c}"`);
  if (name.trim() !== name) errors.push('a name cannot start or end with spaces');
  if (EXCLUDED.includes(name.toLowerCase())) errors.push(`"${name.toLowerCase()}" is not allowed as a name`);
  const scoped = SCOPED.exec(name);
  const bare = scoped?.[2] ?? name;
  if (scoped?.[1] !== undefined && bare.startsWith('.')) errors.push('the part after the scope cannot start with "."');
  if (encodeURIComponent(name) !== name) {
    const urlSafe = scoped !== null && scoped[1] !== undefined && encodeURIComponent(scoped[1]) === scoped[1] && encodeURIComponent(bare) === bare;
    if (!urlSafe) {
      errors.push(name.includes('/') && !scoped ? 'a name is "name" or "@scope/name"' : 'a name may contain only URL-safe characters');
    }
  }
  if (name.length > 214) legacy.push('a new name can be at most 214 characters long');
  if (name.toLowerCase() !== name) legacy.push('a new name must be lowercase');
  if (/[~'!()*]/.test(name.split('/').slice(-1)[0] ?? '')) legacy.push('a new name cannot contain ~\'!()*');
  if (builtinModules.includes(name.toLowerCase())) legacy.push(`"${name}" is the name of a Node.js core module`);
  return { errors, legacy };
}
