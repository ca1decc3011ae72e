// `create-trusted-publish --migrate [file]`: edit the existing publish workflow in place.
// Shows every edit as a diff; writes only with consent (--force, or yes on a terminal), through
// applyChanges (atomic, a .bak backup of each file). Then the npmjs.com values for the file.
import type { Options } from './create/args.js';
import { askOnTerminal, type Confirm } from '../core/confirm.js';
import { EXIT, FailedError } from '../core/errors.js';
import type { Io } from '../core/io.js';
import { repoRoot } from '../core/paths.js';
import { paint } from '../core/style.js';
import { applyChanges } from '../apply/write.js';
import { unifiedDiff } from '../apply/diff.js';
import { targetProblems } from '../apply/targets.js';
import { detect } from '../detect/index.js';
import { publishedPackages } from '../doctor/index.js';
import { ciBuiltPackages } from '../detect/built-package.js';
import { builtPkgRootReason } from '../detect/semantic-release-root.js';
import { formatFindings, formatWritten } from '../report/text.js';
import { wrapOnTerminal } from '../text/wrap.js';
import { trustStep } from '../trust/index.js';
import { MigrateError, planMigration, type MigrationPlan } from '../migrate/index.js';
import { editedPaths, printAfterMigration } from '../migrate/after.js';
import { leftForYou } from '../migrate/left.js';
import { programScriptPublishReason } from '../migrate/program-script-publish.js';

export type { Confirm } from '../core/confirm.js';

function splitSlug(slug: string | undefined) {
  const [owner, name] = (slug ?? '').split('/');
  return owner && name ? { owner, name } : undefined;
}

/** A line of a list (a change made, a line left for the user). */
const listItem = (text: string): string => wrapOnTerminal(`- ${text}`, '    ').replace(/^ {4}/, '  ');

/** Output kept until the files are written, so a failure in it stops the run before any write. */
function bufferedIo(): { io: Io; flush: (to: Io) => void } {
  const lines: Array<['out' | 'err', string]> = [];
  const io = { out: (text: string) => lines.push(['out', text]), err: (text: string) => lines.push(['err', text]) } as Io;
  return { io, flush: (to) => lines.forEach(([kind, text]) => to[kind](text)) };
}

/** The npmjs.com values and the checklist, once per workflow file npm must be told. */
function printPublishers(d: Awaited<ReturnType<typeof detect>>, plan: MigrationPlan, repo: ReturnType<typeof splitSlug>, io: Io, named: readonly string[] = []): void {
  if (!repo) return;
  for (const trustFile of plan.trustFiles) {
    const caller = d.workflows.find((w) => w.fileName === trustFile);
    if (!caller) continue;
    const content = plan.changes.find((c) => c.path === caller.path)?.after ?? caller.content;
    printAfterMigration(d, { path: caller.path, content, trustFile, environment: plan.environment, edited: editedPaths(plan) }, repo, io, named);
  }
}

export async function runMigrateCli(root: string, options: Options & { migrate?: string; trust?: boolean }, io: Io, confirm: Confirm = askOnTerminal): Promise<number> {
  const d = await detect(root);
  const repo = splitSlug(options.given.repo) ?? d.git.github;
  let plan: MigrationPlan;
  try {
    plan = planMigration(d, { ...(options.migrate ? { file: options.migrate } : {}), ...(repo ? { repo } : {}), switchRegistry: options.switchRegistry ?? false, fixRepository: options.given.fixRepository !== false });
  } catch (error) {
    if (error instanceof MigrateError) throw new FailedError(error.message);
    throw error;
  }
  // --packages: the names the workflow publishes, as the user gives them (npm's name rules checked).
  const named = options.given.packages ?? [];
  const held = named.length > 0 ? [...named] : publishedPackages(d).map((p) => p.name!);
  // No package.json to publish here: the names the CI build gives, where it can be read.
  const built = held.length > 0 ? [] : ciBuiltPackages(d);
  const unheld = held.length === 0 && built.length === 0 && d.publishContext?.readFile ? builtPkgRootReason(d.publishContext.readFile) : undefined;
  if (unheld) throw new FailedError(`${unheld}\nNothing was written.`);
  // A script file that names its own publish targets: the packages found here are not assumed to be them.
  const unread = named.length > 0 ? undefined : plan.results.map((r) => programScriptPublishReason(d, r.path, r.result.before)).find(Boolean);
  if (unread) throw new FailedError(`${unread}\nNothing was written.`);
  const packages = held.length > 0 ? held : built.flatMap((p) => (p.name ? [p.name] : []));
  if (options.trust && built.some((p) => !p.name)) {
    throw new FailedError('--trust needs the name of every package the workflow publishes, and its CI build sets one this tool cannot read: nothing was written. Run without --trust and add that trusted publisher on npmjs.com with the values printed.');
  }
  const problems = targetProblems(plan.changes, repoRoot(d));
  if (problems.length > 0) throw new FailedError(`${problems.join('\n')}\nNothing was written.`);
  for (const { path, result } of plan.results) {
    if (result.after === result.before) {
      io.out(`${path}: nothing to migrate.`);
      continue;
    }
    io.out(paint('bold', `\n${path}`));
    for (const change of result.changes) io.out(listItem(change));
    io.out('\n' + unifiedDiff(result.before, result.after, path));
  }
  // The other files it edits (scripts the publish runs, package.json "repository"), shown the same way.
  const shown = new Set(plan.results.map((r) => r.path));
  for (const c of plan.changes.filter((change) => change.kind === 'update' && !shown.has(change.path))) {
    io.out(paint('bold', `\n${c.path}`));
    io.out(listItem(c.reason));
    io.out('\n' + unifiedDiff(c.before ?? '', c.after, c.path));
  }
  const left = leftForYou(plan, d, repo);
  if (left.findings.length > 0 || left.lines.length > 0) {
    io.out(paint('bold', 'Left for you (migrate does not change these)'));
    if (left.findings.length > 0) io.out(formatFindings(left.findings));
    for (const line of left.lines) io.out(listItem(line));
  }
  for (const note of plan.notes) io.out(`${paint('yellow', '!')} ${wrapOnTerminal(note, '  ').trimStart()}`);
  // Everything that can fail is worked out before the first write: the npmjs.com values too.
  const afterward = bufferedIo();
  try {
    printPublishers(d, plan, repo, afterward.io, named);
  } catch (error) {
    throw new FailedError(`Nothing was written: ${error instanceof Error ? error.message : String(error)}`);
  }
  const changed = plan.changes.filter((c) => c.kind === 'update');
  if (options.dryRun || changed.length === 0) {
    if (options.dryRun) io.out(paint('bold', '\nDry run: nothing was written.'));
  } else {
    const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY) && !options.yes;
    const consent = options.force || (interactive && (await confirm(`Apply these edits to ${changed.map((c) => c.path).join(', ')}? A .bak backup of each file is kept.`)));
    // Saying no at the prompt is an answer, not a failure; without a terminal it is one.
    if (!consent && interactive && !options.force) {
      io.out('Nothing was written.');
      return EXIT.ok;
    }
    if (!consent) {
      throw new FailedError('Nothing was written. Re-run with --force to apply these edits (a .bak backup of each file is kept), or with --dry-run to only see them.');
    }
    const written = await applyChanges(plan.changes, { root: repoRoot(d), consent: true });
    io.out(`\n${paint('bold', 'Written')}\n${formatWritten(written)}`);
  }
  afterward.flush(io);
  if (options.trust) {
    if (!plan.trustFile || !repo) throw new FailedError('--trust needs one publish workflow and a known GitHub repository: pick one with --migrate <file> and pass --repo.');
    const ok = await trustStep({ packages, repo, workflow: plan.trustFile, environment: plan.environment }, { dryRun: options.dryRun, io, cwd: d.root });
    if (!ok) return EXIT.failed;
  }
  if (changed.length > 0) io.out(paint('dim', '\nThen commit, push, release, and run `create-trusted-publish doctor --registry-check` to see the provenance that proves it worked.'));
  return EXIT.ok;
}
