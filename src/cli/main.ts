// The command line: argv -> one command from one table, and what the error it throws means
// (the message and the exit code). Only this module turns errors into exit codes.
import { EXIT, InvalidInputError, FailedError, CancelledError, errorJson, wantsJson, type ErrorKind } from '../core/errors.js';
import type { Io } from '../core/io.js';
import { paint } from '../core/style.js';
import { safeOutput } from '../text/output.js';
import { clipLines } from '../text/clip.js';
import { wrapLinesFor } from '../text/wrap.js';
import { systemErrorMessage } from './system-errors.js';
import { runCreate } from '../commands/create/index.js';

/** True when this program colours `stream` itself (styleText decides: TTY, NO_COLOR, FORCE_COLOR). */
function coloured(stream: NodeJS.WriteStream): boolean {
  return paint('red', 'x', stream) !== 'x';
}

/** Writes to a stream through the one output filter: secrets masked, control characters visible. */
function writer(stream: NodeJS.WriteStream): (text: string) => void {
  let colour: boolean | undefined;
  return (text) => {
    colour ??= coloured(stream);
    const safe = safeOutput(text, colour);
    stream.write(safe.endsWith('\n') ? safe : safe + '\n');
  };
}

const stdio: Io = { out: writer(process.stdout), err: writer(process.stderr) };

type Command = (argv: readonly string[], io: Io) => Promise<number>;

/**
 * Every command, by the word that names it on the command line; `create` is the default (no
 * word). The others are imported when named. `create` is imported with the command line: a run
 * without a command name (--help, --version, --yes, the wizard) is the common case, and the
 * bundle keeps it in the command line's one chunk (scripts/bundle-plugins.mjs).
 */
const COMMANDS: Record<'create' | 'doctor' | 'retire', () => Promise<Command>> = {
  create: async () => runCreate,
  doctor: async () => (await import('../commands/doctor/index.js')).runDoctorCli,
  retire: async () => (await import('../commands/retire.js')).runRetireCli,
};

function commandOf(argv: readonly string[]): { name: keyof typeof COMMANDS; args: readonly string[] } {
  const [first] = argv;
  if (first === 'doctor' || first === 'retire') return { name: first, args: argv.slice(1) };
  return { name: 'create', args: argv };
}

export async function main(argv: readonly string[], io: Io = stdio): Promise<number> {
  const { name, args } = commandOf(argv);
  try {
    const run = await COMMANDS[name]();
    return await run(args, io);
  } catch (error) {
    // `doctor` and `retire`: with --json, even a usage error is one JSON document on stdout.
    return reportError(error, io, name !== 'create' && wantsJson(args) ? name : undefined);
  }
}

/** What an error means for the user: the exit code and the message (never a stack trace). */
function describeError(error: unknown): { code: number; kind: ErrorKind; message: string } {
  if (error instanceof InvalidInputError) return { code: EXIT.usage, kind: 'usage', message: clipLines(error.message) };
  if (error instanceof FailedError) return { code: EXIT.failed, kind: 'failed', message: clipLines(error.message) };
  if (error instanceof CancelledError || (error instanceof Error && error.name === 'ExitPromptError')) {
    return { code: EXIT.cancelled, kind: 'cancelled', message: 'Cancelled. Nothing was written.' };
  }
  const expected = systemErrorMessage(error);
  if (expected) return { code: EXIT.failed, kind: 'failed', message: expected };
  const message = clipLines(error instanceof Error ? error.message : String(error));
  return { code: EXIT.failed, kind: 'unexpected', message: `Something went wrong: ${message}\nPlease report this with the command you ran.` };
}

/**
 * Says what went wrong on stderr and returns the exit code. `json` (doctor --json, retire --json)
 * also puts one error document on stdout, so a script reading stdout always gets JSON.
 */
export function reportError(error: unknown, io: Io, json?: 'doctor' | 'retire'): number {
  const { code, kind, message } = describeError(error);
  // On a terminal, between words at its width (a cut word is hard to read); piped, as it is.
  io.err(wrapLinesFor(process.stderr, message));
  if (kind === 'unexpected' && process.env.DEBUG) io.err(error instanceof Error ? (error.stack ?? '') : '');
  if (json) io.out(JSON.stringify(errorJson(json, kind, message, code), null, 2));
  return code;
}
