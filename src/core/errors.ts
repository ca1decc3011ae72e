// Exit codes and the errors that map onto them. Nothing else calls process.exit.
export const EXIT = { ok: 0, failed: 1, usage: 2, cancelled: 130 } as const;

/** Bad usage or invalid input: exit 2 with the message. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A run that cannot go on (nothing to publish, a file that needs consent...): exit 1. */
export class FailedError extends Error {
  override name = 'FailedError';
}

/** The user cancelled (Ctrl-C, Esc): exit 130, nothing written. */
export class CancelledError extends Error {
  override name = 'CancelledError';
  constructor(message = 'Cancelled. Nothing was written.') {
    super(message);
  }
}

export type ErrorKind = 'usage' | 'failed' | 'cancelled' | 'unexpected';

export const ERROR_SCHEMA = 'create-trusted-publish/error@1';

/** The JSON document `doctor --json` and `retire --json` print when they cannot run. */
export interface ErrorJson {
  schema: typeof ERROR_SCHEMA;
  command: 'doctor' | 'retire';
  ok: false;
  error: { kind: ErrorKind; message: string; exitCode: number };
}

export function errorJson(command: ErrorJson['command'], kind: ErrorKind, message: string, exitCode: number): ErrorJson {
  return { schema: ERROR_SCHEMA, command, ok: false, error: { kind, message, exitCode } };
}

/** `--json` (or `--format json`) among the arguments before a `--`, read without parsing: parsing may be what failed. */
export function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  const args = end === -1 ? argv : argv.slice(0, end);
  return args.some((a, i) => a === '--json' || a.startsWith('--json=') || a === '--format=json' || (a === '--format' && args[i + 1] === 'json'));
}
