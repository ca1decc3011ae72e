// The command line: options -> detect -> (questions) -> plan -> apply -> settings -> checklist.
// Interactive front-ends are imported lazily so --help, --version, --dry-run and --yes
// never load React, Ink or Inquirer.
import { parseOptions, HELP, type Options } from '../commands/create/args.js';
import { targetDir } from '../commands/command-line.js';
import { EXIT, UsageError, FailedError, CancelledError, errorJson, wantsJson, type ErrorKind } from '../core/errors.js';
import { detect } from '../detect/index.js';
import type { Detected } from '../core/model.js';
import { acceptOverrides, checkPublishable, checkTrustProvider, runNonInteractive } from '../commands/create/run.js';
import { formatFindings } from '../report/text.js';
import { paint } from '../core/style.js';
import { safeOutput } from '../text/output.js';
import { clipLines } from '../text/clip.js';
import { systemErrorMessage } from './system-errors.js';
import { holdKeys, releaseKeys } from '../commands/create/ui/held-keys.js';
import type { Io } from '../core/io.js';
import { VERSION } from '../core/version.js';

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

/** Findings that stop the run before anything is asked (acceptOverrides has already dropped
 * the host error a --repo or --provider answers). A fork clone is asked about on a terminal;
 * without one, --repo must say which repository publishes. */
function blockers(d: Detected, interactive: boolean) {
  return d.findings.filter((f) => f.level === 'error' || (!interactive && f.id === 'fork-clone'));
}

function isInteractiveTerminal(): boolean {
  return Boolean(process.stdin.isTTY && process.stdout.isTTY);
}

/** `doctor` and `retire`: with --json, even a usage error is one JSON document on stdout. */
async function subcommand(name: 'doctor' | 'retire', argv: readonly string[], io: Io): Promise<number> {
  try {
    if (name === 'doctor') {
      const { runDoctorCli } = await import('../commands/doctor/index.js');
      return await runDoctorCli(argv, io);
    }
    const { runRetireCli } = await import('../commands/retire.js');
    return await runRetireCli(argv, io);
  } catch (error) {
    return reportError(error, io, wantsJson(argv) ? name : undefined);
  }
}

export async function main(argv: readonly string[], io: Io = stdio): Promise<number> {
  try {
    if (argv[0] === 'doctor' || argv[0] === 'retire') return await subcommand(argv[0], argv.slice(1), io);
    const options = parseOptions(argv);
    if (options.help) {
      io.out(HELP);
      return EXIT.ok;
    }
    if (options.version) {
      io.out(VERSION);
      return EXIT.ok;
    }
    const root = targetDir(options.dir);
    if (options.markdown || options.pr) return await runPullRequest(root, options, io);
    if (options.migrate !== undefined) {
      const { runMigrateCli } = await import('../commands/migrate.js');
      return await runMigrateCli(root, options, io);
    }
    const interactive = !options.yes && !options.dryRun;
    if (interactive && options.trust) {
      throw new UsageError('--trust runs with --yes (or --dry-run to print the npm trust commands), or with --migrate.');
    }
    if (interactive && !isInteractiveTerminal()) {
      throw new UsageError(
        'No terminal to ask questions in. Pass --yes to use the detected values and defaults,\n' +
          'with --repo, --workflow, --trigger, --environment, --node or --package-manager to change them\n' +
          '(--dry-run shows what would be written). See --help.',
      );
    }
    // The full-screen wizard keeps every key from here on (ui/held-keys.ts): none is echoed
    // over the screen or lost before Ink reads the terminal.
    const fullScreen = interactive && !options.plain && process.env.TERM !== 'dumb';
    if (fullScreen) holdKeys();
    const detected = acceptOverrides(await detect(root), options.given);
    const blocking = blockers(detected, interactive);
    if (blocking.length > 0) {
      io.err(formatFindings(blocking));
      return EXIT.failed;
    }
    if (interactive) {
      if (options.plain || process.env.TERM === 'dumb') {
        const ui = await import('../commands/create/ui/plain/index.js');
        return await ui.run({ detected, options, io });
      }
      const { startWizard } = await import('../commands/create/ui/start-wizard.js');
      return await startWizard(detected, options, io);
    }
    if (options.trust) checkTrustProvider(detected, options.given);
    const code = await runNonInteractive(detected, options, io);
    if (code !== EXIT.ok || !options.trust) return code;
    const { trustAfterPlan } = await import('../commands/create/trust.js');
    return await trustAfterPlan(detected, options, io);
  } catch (error) {
    return reportError(error, io);
  } finally {
    // Whatever ended the run, the terminal is cooked again (a no-op once Ink has taken the keys).
    await releaseKeys({ raw: false });
  }
}

/** `--markdown` (print the pull request's body) and `--pr` (write, then open it). */
async function runPullRequest(root: string, options: Options, io: Io): Promise<number> {
  const { runMarkdown, runWithPr } = await import('../commands/create/pr.js');
  const detected = acceptOverrides(await detect(root), options.given);
  if (options.migrate !== undefined) {
    const { runMigrateCli } = await import('../commands/migrate.js');
    if (options.markdown) return runMarkdown(detected, options, io);
    return runWithPr(detected, options, io, () => runMigrateCli(root, options, io));
  }
  const blocking = blockers(detected, false);
  if (blocking.length > 0) {
    io.err(formatFindings(blocking));
    return EXIT.failed;
  }
  checkPublishable(detected, options.given);
  if (options.markdown) return runMarkdown(detected, options, io);
  return runWithPr(detected, options, io, async () => {
    if (options.trust) checkTrustProvider(detected, options.given);
    const code = await runNonInteractive(detected, options, io);
    if (code !== EXIT.ok || !options.trust) return code;
    const { trustAfterPlan } = await import('../commands/create/trust.js');
    return trustAfterPlan(detected, options, io);
  });
}

/** What an error means for the user: the exit code and the message (never a stack trace). */
function describeError(error: unknown): { code: number; kind: ErrorKind; message: string } {
  if (error instanceof UsageError) return { code: EXIT.usage, kind: 'usage', message: clipLines(error.message) };
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
  io.err(message);
  if (kind === 'unexpected' && process.env.DEBUG) io.err(error instanceof Error ? (error.stack ?? '') : '');
  if (json) io.out(JSON.stringify(errorJson(json, kind, message, code), null, 2));
  return code;
}
