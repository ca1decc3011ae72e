// The create command once its flags are parsed: detect -> (questions) -> plan -> apply ->
// npmjs.com settings -> checklist, by flags and defaults (--yes, --dry-run), by the plain
// prompts or by the full-screen wizard; --pr and --markdown around it; --migrate instead.
// Interactive front-ends are imported lazily so --dry-run and --yes never load React, Ink or Inquirer.
import type { Options } from './args.js';
import { targetDir } from '../command-line.js';
import { EXIT, UsageError } from '../../core/errors.js';
import type { Io } from '../../core/io.js';
import type { Detected } from '../../core/model.js';
import type { GivenAnswers } from '../../questions/resolve.js';
import { detect } from '../../detect/index.js';
import { formatFindings } from '../../report/text.js';
import { acceptOverrides, checkPublishable, checkTrustProvider, runNonInteractive, tokenPublishers } from './run.js';
import { holdKeys, releaseKeys } from './ui/held-keys.js';

/** Findings that stop the run before anything is asked (acceptOverrides has already dropped
 * the host error a --repo or --provider answers). A fork clone is asked about on a terminal;
 * without one, --repo must say which repository publishes. */
function blockers(d: Detected, interactive: boolean, given: GivenAnswers) {
  const forkUnanswered = !interactive && d.fork !== undefined && given.repo === undefined;
  return d.findings.filter((f) => f.level === 'error' || (forkUnanswered && f.id === 'fork-clone'));
}

/**
 * Where a workflow already publishes with a token from folders, or a package its CI build writes,
 * the private (or missing) top package.json is not what it publishes (doctor's rule): the run goes
 * on to that workflow's migration instead of stopping on it.
 */
async function publishedElsewhere(d: Detected, given: GivenAnswers): Promise<Detected> {
  if (given.workflow !== undefined || given.provider !== undefined || tokenPublishers(d).length === 0) return d;
  if (!d.findings.some((f) => f.id === 'private-package' || f.id === 'no-package-json')) return d;
  // Loaded here only: they parse the workflows (the YAML parser stays out of start-up).
  const { ciBuiltPackages, topPackageError } = await import('../../detect/built-package.js');
  const { publishFolderPackages } = await import('../../detect/publish-folders.js');
  if (publishFolderPackages(d).length === 0 && ciBuiltPackages(d).length === 0) return d;
  return { ...d, findings: d.findings.filter((f) => !topPackageError(f)) };
}

function isInteractiveTerminal(): boolean {
  return Boolean(process.stdin.isTTY && process.stdout.isTTY);
}

export async function startCreate(options: Options, io: Io): Promise<number> {
  try {
    return await create(options, io);
  } finally {
    // Whatever ended the run, the terminal is cooked again (a no-op once Ink has taken the keys).
    await releaseKeys({ raw: false });
  }
}

async function create(options: Options, io: Io): Promise<number> {
  const root = targetDir(options.dir);
  if (options.markdown || options.pr) return await runPullRequest(root, options, io);
  if (options.migrate !== undefined) {
    const { runMigrateCli } = await import('../migrate.js');
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
  if (interactive && !options.plain && process.env.TERM !== 'dumb') holdKeys();
  const detected = await publishedElsewhere(acceptOverrides(await detect(root), options.given), options.given);
  const blocking = blockers(detected, interactive, options.given);
  if (blocking.length > 0) {
    io.err(formatFindings(blocking));
    return EXIT.failed;
  }
  if (interactive) {
    if (options.plain || process.env.TERM === 'dumb') {
      const ui = await import('./ui/plain/index.js');
      return await ui.run({ detected, options, io });
    }
    const { startWizard } = await import('./ui/start-wizard.js');
    return await startWizard(detected, options, io);
  }
  if (options.trust) checkTrustProvider(detected, options.given);
  const code = await runNonInteractive(detected, options, io);
  if (code !== EXIT.ok || !options.trust) return code;
  const { trustAfterPlan } = await import('./trust.js');
  return await trustAfterPlan(detected, options, io);
}

/** `--markdown` (print the pull request's body) and `--pr` (write, then open it). */
async function runPullRequest(root: string, options: Options, io: Io): Promise<number> {
  const { runMarkdown, runWithPr } = await import('./pr.js');
  const detected = acceptOverrides(await detect(root), options.given);
  if (options.migrate !== undefined) {
    const { runMigrateCli } = await import('../migrate.js');
    if (options.markdown) return runMarkdown(detected, options, io);
    return runWithPr(detected, options, io, () => runMigrateCli(root, options, io));
  }
  const blocking = blockers(detected, false, options.given);
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
    const { trustAfterPlan } = await import('./trust.js');
    return trustAfterPlan(detected, options, io);
  });
}

