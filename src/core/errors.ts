// Exit codes and the errors that map onto them (src/cli/main.ts maps them; nothing else
// calls process.exit). Below the commands, errors carry facts and name no flag: the command
// that asked (src/commands/) words them for its flags.
import type { Answers } from './model.js';

export const EXIT = { ok: 0, failed: 1, usage: 2, cancelled: 130 } as const;

/** Input that cannot be used (a value the user gave or a file holds): exit 2 with the message. */
export class InvalidInputError extends Error {
  override name = 'InvalidInputError';
}

/** Bad usage of the command line (a flag, an argument): exit 2 with the message. */
export class UsageError extends InvalidInputError {
  override name = 'UsageError';
}

/**
 * An answer the plan cannot use: which one (its key in Answers), what is wrong with it, and
 * why (`reason`, in words that name no flag). `missing`: none was given or found.
 */
export class AnswerError extends InvalidInputError {
  override name = 'AnswerError';
  constructor(
    readonly answer: keyof Answers,
    readonly problem: 'invalid' | 'missing' | 'conflict',
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** A run that cannot go on (nothing to publish, a file that needs consent...): exit 1. */
export class FailedError extends Error {
  override name = 'FailedError';
}

/** Files that differ from what the run would write, replaced only with consent: nothing was written. */
export class ConsentNeededError extends FailedError {
  override name = 'ConsentNeededError';
  constructor(readonly reasons: readonly string[]) {
    super(`${reasons.join('\n')}\nNothing was written.`);
  }
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
