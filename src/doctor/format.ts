// doctor's two outputs: text grouped by file for people, and a stable JSON document for
// scripts. The JSON shape is versioned: change `schema` when a field changes meaning.
import type { Finding } from '../core/model.js';
import { paint } from '../core/style.js';
import { wrap, wrapOnTerminal } from '../text/wrap.js';
import { mustFix, type DoctorReport } from './index.js';

export const DOCTOR_SCHEMA = 'create-trusted-publish/doctor@1';

export interface DoctorJson {
  schema: typeof DOCTOR_SCHEMA;
  root: string;
  ok: boolean;
  counts: { error: number; warning: number; info: number };
  workflows: string[];
  publishing: string[];
  packages: string[];
  registry: string | null;
  findings: Array<{ id: string; level: Finding['level']; message: string; file: string | null; line: number | null; fix: string | null }>;
}

export function counts(findings: readonly Finding[]): DoctorJson['counts'] {
  return {
    error: findings.filter((f) => f.level === 'error').length,
    warning: findings.filter((f) => f.level === 'warning').length,
    info: findings.filter((f) => f.level === 'info').length,
  };
}

export function doctorJson(report: DoctorReport): DoctorJson {
  return {
    schema: DOCTOR_SCHEMA,
    root: report.root,
    ok: !mustFix(report.findings),
    counts: counts(report.findings),
    workflows: report.workflows,
    publishing: report.publishing,
    packages: report.packages,
    registry: report.registry ?? null,
    findings: report.findings.map((f) => ({ id: f.id, level: f.level, message: f.message, file: f.file ?? null, line: f.line ?? null, fix: f.fix ?? null })),
  };
}

const MARK = { error: '✖', warning: '!', info: '·' } as const;
const COLOR = { error: 'red', warning: 'yellow', info: 'dim' } as const;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Migrate fixes these; the summary points at it when one of them is reported. */
const MIGRATABLE = new Set(['use-trusted-publishing', 'old-npm', 'setup-node-placeholder-token', 'artipacked', 'unpinned-uses', 'cache-poisoning', 'excessive-permissions', 'no-fork-guard', 'adhoc-packages', 'reusable-caller-permissions']);

/**
 * `text` after `first` (plain), wrapped between words under `indent` on a terminal, so that a
 * word is never cut at the edge; one line when piped.
 */
function hanging(first: string, text: string, indent: string): string[] {
  const width = process.stdout.isTTY ? process.stdout.columns : 0;
  if (!width || first.length >= width) return [`${first}${text}`];
  const lines = wrap(text, width, indent, first);
  return lines.length ? lines : [first];
}

/** One finding: its mark, where, the message and the rule id (dim). */
function findingLine(f: Finding, where: string): string {
  const id = `[${f.id}]`;
  const lines = hanging(`  ${MARK[f.level]} ${where ? `${where}  ` : ''}`, `${f.message} ${id}`, '    ');
  const last = lines.length - 1;
  lines[last] = lines[last]!.slice(0, lines[last]!.length - id.length) + paint('dim', id);
  lines[0] = `  ${paint(COLOR[f.level], MARK[f.level])}${lines[0]!.slice(3)}`;
  return lines.join('\n');
}

export function formatDoctor(report: DoctorReport): string {
  const groups = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const key = f.file ?? '';
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const lines: string[] = [paint('bold', `create-trusted-publish doctor: ${report.root}`)];
  lines.push(paint('dim', `Checked ${report.workflows.length > 0 ? report.workflows.join(', ') : 'no publish workflow'}${report.registry ? `; asked ${report.registry}` : ' (offline)'}.`));
  for (const [file, findings] of groups) {
    lines.push('', paint('bold', file || 'Repository'));
    for (const f of findings) {
      const where = f.line ? `${file}:${f.line}` : file;
      lines.push(findingLine(f, where));
      if (f.fix) lines.push(...hanging('      fix: ', f.fix, '      ').map((line) => paint('dim', line)));
    }
  }
  const c = counts(report.findings);
  lines.push('');
  if (!mustFix(report.findings)) {
    lines.push(paint('green', wrapOnTerminal(`No errors or warnings${c.info ? ` (${plural(c.info, 'note')})` : ''}: nothing stands in the way of trusted publishing.`, '')));
  } else {
    lines.push(wrapOnTerminal(`${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${plural(c.info, 'note')}: fix the errors and warnings before the next release.`, ''));
    if (report.findings.some((f) => f.level !== 'info' && MIGRATABLE.has(f.id))) {
      lines.push(paint('dim', wrapOnTerminal('create-trusted-publish --migrate shows (then applies, with consent) the edits that fix the workflow rules it covers.', '')));
    }
  }
  return lines.join('\n');
}
