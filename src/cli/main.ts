// The command line: options -> detect -> (questions) -> plan -> apply -> settings -> checklist.
// Interactive front-ends are imported lazily so --help, --version, --dry-run and --yes
// never load React, Ink or Inquirer.
import { resolve } from 'node:path';
import { stat } from 'node:fs/promises';
import { parseOptions, HELP, type Options } from './args.js';
import { EXIT, UsageError, FailedError, CancelledError } from './errors.js';
import { detect } from '../detect/index.js';
import type { Detected } from '../model.js';
import { runNonInteractive } from './run.js';

declare const __VERSION__: string | undefined;
export const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const stdio: Io = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : text + '\n'),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : text + '\n'),
};

async function targetDir(dir: string): Promise<string> {
  const root = resolve(dir);
  let info;
  try {
    info = await stat(root);
  } catch {
    throw new UsageError(`${dir}: no such directory.`);
  }
  if (!info.isDirectory()) throw new UsageError(`${dir} is not a directory.`);
  return root;
}

/** Findings that stop the run before anything is asked. */
function blockers(d: Detected, options: Options) {
  return d.findings.filter(
    (f) => f.level === 'error' && !((f.id === 'not-github' || f.id === 'no-remote') && options.given.repo),
  );
}

function isInteractiveTerminal(): boolean {
  return Boolean(process.stdin.isTTY && process.stdout.isTTY);
}

export async function main(argv: readonly string[], io: Io = stdio): Promise<number> {
  try {
    const options = parseOptions(argv);
    if (options.help) {
      io.out(HELP);
      return EXIT.ok;
    }
    if (options.version) {
      io.out(VERSION);
      return EXIT.ok;
    }
    const root = await targetDir(options.dir);
    const interactive = !options.yes && !options.dryRun;
    if (interactive && !isInteractiveTerminal()) {
      throw new UsageError(
        'No terminal to ask questions in. Pass --yes to use the detected values and defaults,\n' +
          'with --repo, --workflow, --trigger, --environment, --node or --package-manager to change them\n' +
          '(--dry-run shows what would be written). See --help.',
      );
    }
    const detected = await detect(root);
    const blocking = blockers(detected, options);
    if (blocking.length > 0) {
      const { formatFindings } = await import('../report/text.js');
      io.err(formatFindings(blocking));
      return EXIT.failed;
    }
    if (interactive) {
      const plain = options.plain || process.env.TERM === 'dumb';
      const ui = plain ? await import('../ui/plain/index.js') : await import('../ui/ink/index.js');
      return await ui.run({ detected, options, io });
    }
    return await runNonInteractive(detected, options, io);
  } catch (error) {
    return reportError(error, io);
  }
}

export function reportError(error: unknown, io: Io): number {
  if (error instanceof UsageError) {
    io.err(error.message);
    return EXIT.usage;
  }
  if (error instanceof FailedError) {
    io.err(error.message);
    return EXIT.failed;
  }
  if (error instanceof CancelledError || (error instanceof Error && error.name === 'ExitPromptError')) {
    io.err('Cancelled. Nothing was written.');
    return EXIT.cancelled;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.err(`Something went wrong: ${message}\nNothing more was written. Please report this with the command you ran.`);
  if (process.env.DEBUG) io.err(error instanceof Error ? (error.stack ?? '') : '');
  return EXIT.failed;
}
