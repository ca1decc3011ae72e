// What every command (the wizard, doctor, retire) does with its argv the same way: parse
// with node:util parseArgs into a UsageError (exit 2) with a pointer to --help, take at
// most one directory, and check that it is one.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { resolve } from 'node:path';
import { statSync } from 'node:fs';
import { UsageError } from '../core/errors.js';

type Spec = NonNullable<ParseArgsConfig['options']>;

/** `many`: any number of directories (doctor's fleet view); otherwise at most one. */
export function parseCommandLine<const S extends Spec>(argv: readonly string[], options: S, helpHint: string, many = false) {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs messages name the option; drop Node's suffix about positional arguments.
    const message = error instanceof Error ? error.message.replace(/\. To specify a positional argument.*$/s, '.') : String(error);
    throw new UsageError(`${message}\n${helpHint}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1 && !many) throw new UsageError(`Expected at most one directory, got: ${positionals.join(' ')}`);
  return { values, dir: positionals[0] ?? '.', dirs: positionals };
}

/** The absolute path of `dir`, which must be an existing directory. */
export function targetDir(dir: string): string {
  const root = resolve(dir);
  let info;
  try {
    info = statSync(root);
  } catch {
    info = undefined;
  }
  if (!info) throw new UsageError(`${dir}: no such directory.`);
  if (!info.isDirectory()) throw new UsageError(`${dir} is not a directory.`);
  return root;
}
