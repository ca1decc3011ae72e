// The command line: options -> detect -> (questions) -> plan -> apply -> settings -> checklist.
// Interactive front-ends are imported lazily so --help, --version, --dry-run and --yes
// never load React, Ink or Inquirer.
import { parseOptions, HELP, type Options } from './args.js';
import { targetDir } from './command-line.js';
import { EXIT, UsageError, FailedError, CancelledError } from './errors.js';
import { detect } from '../detect/index.js';
import type { Detected } from '../model.js';
import { acceptOverrides, checkPublishable, checkTrustProvider, runNonInteractive } from './run.js';
import { formatFindings } from '../report/text.js';

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

/** Findings that stop the run before anything is asked (acceptOverrides has already dropped
 * the host error a --repo or --provider answers). */
function blockers(d: Detected) {
  return d.findings.filter((f) => f.level === 'error');
}

function isInteractiveTerminal(): boolean {
  return Boolean(process.stdin.isTTY && process.stdout.isTTY);
}

export async function main(argv: readonly string[], io: Io = stdio): Promise<number> {
  try {
    if (argv[0] === 'doctor') {
      const { runDoctorCli } = await import('../doctor/cli.js');
      return await runDoctorCli(argv.slice(1), io);
    }
    if (argv[0] === 'retire') {
      const { runRetireCli } = await import('../retire/cli.js');
      return await runRetireCli(argv.slice(1), io);
    }
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
      const { runMigrateCli } = await import('../migrate/cli.js');
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
    const detected = acceptOverrides(await detect(root), options.given);
    const blocking = blockers(detected);
    if (blocking.length > 0) {
      io.err(formatFindings(blocking));
      return EXIT.failed;
    }
    if (interactive) {
      if (options.plain || process.env.TERM === 'dumb') {
        const ui = await import('../ui/plain/index.js');
        return await ui.run({ detected, options, io });
      }
      const { startWizard } = await import('../ui/start-wizard.js');
      return await startWizard(detected, options, io);
    }
    if (options.trust) checkTrustProvider(detected, options.given);
    const code = await runNonInteractive(detected, options, io);
    if (code !== EXIT.ok || !options.trust) return code;
    const { trustAfterPlan } = await import('../trust/after-plan.js');
    return await trustAfterPlan(detected, options, io);
  } catch (error) {
    return reportError(error, io);
  }
}

/** `--markdown` (print the pull request's body) and `--pr` (write, then open it). */
async function runPullRequest(root: string, options: Options, io: Io): Promise<number> {
  const { runMarkdown, runWithPr } = await import('../pr/cli.js');
  const detected = acceptOverrides(await detect(root), options.given);
  if (options.migrate !== undefined) {
    const { runMigrateCli } = await import('../migrate/cli.js');
    if (options.markdown) return runMarkdown(detected, options, io);
    return runWithPr(detected, options, io, () => runMigrateCli(root, options, io));
  }
  const blocking = blockers(detected);
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
    const { trustAfterPlan } = await import('../trust/after-plan.js');
    return trustAfterPlan(detected, options, io);
  });
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
