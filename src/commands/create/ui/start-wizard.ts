// Starts the full-screen wizard: the first screen is drawn without React, then the Ink
// chunk loads while the user reads it (see first-screen.ts for why).
import type { Detected, Finding } from '../../../core/model.js';
import type { Options } from '../args.js';
import type { Io } from '../../../core/io.js';
import { checkPublishable } from '../run.js';
import { publishableCandidates } from '../../../questions/packages.js';
import { FailedError } from '../../../core/errors.js';
import { checkGivenConflict } from '../flow/conflict.js';
import { releaseKeys } from './held-keys.js';
import { eraseRows, foundText, promptText, rowsOf, waitForKey } from './first-screen.js';
import { paint } from '../../../core/style.js';
import { wrap } from '../../../text/wrap.js';
import { VERSION } from '../../../core/version.js';
import { flowConfig } from '../flow/config.js';
import { progress } from '../flow/question-order.js';
import { detectedProvider } from '../../../questions/provider.js';

/** Publish workflows that hand npm a token: the ones migrate can fix in place. */
function tokenPublishers(d: Detected): string[] {
  return d.workflows.filter((w) => w.publishes && w.tokenUses.length > 0).map((w) => w.fileName);
}

/** One line per finding, cut to the terminal: the full text is `create-trusted-publish doctor`'s. */
function compactLine(f: Finding, width: number): string {
  const place = f.file ? `${f.file.split('/').pop()}${f.line ? `:${f.line}` : ''}  ` : '';
  const sentence = f.message.replace(/[.;]\s.*$/s, '').replace(/[.;]$/, '');
  const text = `${place}${sentence}`;
  const room = Math.max(width - 5, 20); // the line starts with two spaces, a mark and a space
  const mark = f.level === 'error' ? paint('red', '✖') : paint('yellow', '!');
  return `  ${mark} ${text.length > room ? `${text.slice(0, room - 1)}…` : text}`;
}

/** The doctor's view of the publish workflows already there, errors and warnings only. */
async function existingWorkflowCheck(d: Detected): Promise<string | undefined> {
  if (!d.workflows.some((w) => w.publishes)) return undefined;
  const { workflowDoctor } = await import('../../../doctor/workflows.js');
  const findings = workflowDoctor(d.workflows, d.git.github, d.publishContext).findings.filter((f) => f.level !== 'info');
  if (findings.length === 0) return undefined;
  const width = process.stdout.columns || 80;
  const shown = findings.slice(0, 6);
  const more = findings.length - shown.length;
  return [
    paint('bold', 'Your publish workflow today'),
    ...shown.map((f) => compactLine(f, width)),
    paint('dim', `  ${more > 0 ? `…and ${more} more. ` : ''}create-trusted-publish doctor explains each, with the fix.`),
  ].join('\n');
}

/** How many questions the wizard will ask, for "Next: N questions". */
export function questionCount(detected: Detected, options: Pick<Options, 'given' | 'force'>): number {
  const config = flowConfig(detected, options, false);
  return progress(config.questions, 0, config.answers).total;
}

/**
 * "What I found" says what will happen to package.json "repository" only where it will:
 * not with --no-fix-repository, not for CircleCI (no provenance, so npm does not compare
 * it). The in-place path (--migrate) sets it with the workflow edit, shown in its review.
 */
export function honestFindings(d: Detected, options: Pick<Options, 'given'>, inPlace: boolean): Detected {
  const provider = options.given.provider ?? detectedProvider(d);
  const findings = d.findings.flatMap((f): Finding[] => {
    if (f.id !== 'repository-mismatch') return [f];
    if (provider === 'circleci') return [];
    const url = /will be set to (\S+?)\.?( with|$)/.exec(f.fix ?? '')?.[1];
    const target = url ? ` to ${url}` : '';
    if (inPlace) return [f];
    if (options.given.fixRepository === false) return [{ ...f, fix: `Left as it is (--no-fix-repository): set "repository"${target} by hand before the first publish.` }];
    return [f];
  });
  return { ...d, findings };
}

export async function startWizard(detected: Detected, options: Options, io: Io): Promise<number> {
  const migratable = detected.git.github ? tokenPublishers(detected) : [];
  // A token workflow that publishes from folders or a package its CI build writes (start.ts lets
  // it through): fixing it in place is the one way on, as no package here could get a new workflow.
  const onlyInPlace = migratable.length > 0 && publishableCandidates(detected).length === 0;
  if (!onlyInPlace) checkPublishable(detected, options.given);
  checkGivenConflict(options.given);
  const prompt = promptText(questionCount(detected, options), migratable.length > 0 ? migratable.join(', ') : undefined, onlyInPlace);
  io.out(foundText(honestFindings(detected, options, migratable.length > 0), VERSION));
  const check = await existingWorkflowCheck(detected);
  if (check) io.out(`${check}\n\n`);
  // Keys are read raw from before the key hint shows: a key pressed the moment it shows would
  // otherwise be echoed, a line the erasing below does not count.
  const pressed = waitForKey(migratable.length > 0 && !onlyInPlace ? ['n'] : []);
  io.out(prompt);
  // Loading after the screen is drawn: evaluating Ink's modules blocks the thread long enough
  // to notice, which must not come before the first frame. Keys typed meanwhile are held
  // (held-keys.ts), and handed to Ink when it starts.
  const loading = import('./ink/index.js');
  loading.catch(() => undefined); // handled below; an early Esc must not leave it unhandled
  const key = await pressed;
  process.stdout.write(eraseRows(rowsOf(`${prompt}\n`, process.stdout.columns || 80) - 1));
  const ui = await loading;
  await releaseKeys({ raw: true });
  if (migratable.length > 0 && key === 'enter') {
    // The in-place edit, in the same screens: its diff to review, the npmjs.com values, the checklist.
    const { migrationPlan } = await import('./migrate-plan.js');
    const migration = migrationPlan(detected, options.given);
    if (!('error' in migration)) return ui.run({ detected, options, io, migration });
    if (onlyInPlace) throw new FailedError(`Cannot fix it in place: ${migration.error}`);
    const [first = '', ...rest] = wrap(`Cannot fix it in place: ${migration.error} Writing a new workflow instead.`, process.stdout.columns || 80, '  ');
    io.out(`${paint('yellow', '!')} ${[first.trimStart(), ...rest].join('\n')}\n`);
  }
  return ui.run({ detected, options, io, ...(migratable.length > 0 ? { oldWorkflows: migratable } : {}) });
}
