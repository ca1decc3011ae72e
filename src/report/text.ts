// Plain-text renderings of findings, the plan and the npmjs.com values, for the
// non-interactive run, the plain prompts, and the scrollback after the Ink wizard
// (the checklist's own rendering is report/checklist.ts).
import type { Finding, ManualEdit, Plan, PublisherSettings } from '../core/model.js';
import { unifiedDiff } from '../apply/diff.js';
import { paint } from '../core/style.js';
import type { WriteResult } from '../apply/write.js';
import { wrap } from '../text/wrap.js';

const LEVEL_MARK = { error: '✖', warning: '!', info: '·' } as const;

export function formatFindings(findings: readonly Finding[], width = process.stdout.columns || 80): string {
  return findings
    .map((f) => {
      const place = f.file ? `${f.file}${f.line ? `:${f.line}` : ''}` : '';
      const where = place && !f.message.includes(place) ? ` (${place})` : '';
      const color = f.level === 'error' ? 'red' : f.level === 'warning' ? 'yellow' : 'dim';
      const [first = '', ...rest] = wrap(`${f.message}${where}`, width, '  ');
      const lines = [`${paint(color, LEVEL_MARK[f.level])} ${first.trimStart()}`, ...rest];
      if (f.fix) lines.push(...wrap(`→ ${f.fix}`, width, '    ').map((l) => paint('green', l)));
      return lines.join('\n');
    })
    .join('\n');
}

const KIND_WORD = { create: 'create', update: 'replace', unchanged: 'unchanged' } as const;

export function formatChanges(plan: Plan): string {
  // "replace" for a file that is swapped for a new one (with consent and a backup),
  // "edit" for a file changed in place (package.json, a CI file the job is merged into).
  const word = (c: Plan['changes'][number]) => (c.kind === 'update' && !c.needsConsent ? 'edit' : KIND_WORD[c.kind]);
  return plan.changes.map((c) => `  ${word(c).padEnd(9)} ${c.path}  ${paint('dim', c.reason)}`).join('\n');
}

/** Every file as it would be written: new files in full, changed files as a diff. */
export function formatDryRun(plan: Plan): string {
  const parts: string[] = [];
  for (const c of plan.changes) {
    if (c.kind === 'unchanged') parts.push(`${c.path}: unchanged`);
    else if (c.kind === 'create') parts.push(`${paint('bold', `--- ${c.path} (new file)`)}\n${c.after}`);
    else parts.push(unifiedDiff(c.before ?? '', c.after, c.path));
  }
  return parts.join('\n');
}

export function formatWritten(results: readonly WriteResult[]): string {
  return results
    .map((r) => {
      if (r.kind === 'unchanged') return `  unchanged ${r.path}`;
      const verb = r.kind === 'create' ? 'created' : 'updated';
      return `  ${paint('green', verb.padEnd(9))} ${r.path}${r.backup ? paint('dim', ` (previous version kept as ${r.backup})`) : ''}`;
    })
    .join('\n');
}

/**
 * The values to enter on npmjs.com. The URL and the `npm trust` command each get a line of
 * their own and are never wrapped by this tool: the terminal soft-wraps them, so they copy whole.
 */
/** Prose wraps at `columns` between words; the URL and the npm trust command stay whole on their lines. */
export function formatPublisher(p: PublisherSettings, columns = process.stdout.columns || 80): string {
  const width = Math.max(...p.fields.map((f) => f.label.length));
  const valueWidth = Math.max(...p.fields.filter((f) => f.label !== 'Allowed actions').map((f) => (f.value === '' ? 13 : f.value.length)));
  const lines = [
    paint('bold', p.packageName),
    p.url,
    ...wrap(`Trusted publishing → Select your publisher → ${p.provider}, then enter:`, columns, '  '),
    ...p.fields.map((f) => {
      // The box people miss: new publishers allow only staged publishing unless it is ticked.
      // A box before a tick to make; none before "leave … unticked" (an instruction, not a step).
      if (f.label === 'Allowed actions') {
        const box = /^leave /.test(f.value) ? '' : '☐ ';
        const head = `    ${f.label.padEnd(width)}  `;
        const value = `${box}${f.value}`;
        if (!f.note) return `${head}${paint(['yellow', 'bold'], value)}`;
        if ([...`${head}${value}  ← ${f.note}`].length <= columns) return `${head}${paint(['yellow', 'bold'], value)}${paint('yellow', `  ← ${f.note}`)}`;
        // Too long for one row: the note goes under the value, wrapped between words.
        const notes = wrap(`← ${f.note}`, columns, ' '.repeat(head.length)).map((l) => paint('yellow', l));
        return [`${head}${paint(['yellow', 'bold'], value)}`, ...notes].join('\n');
      }
      const plain = f.value === '' ? '(leave empty)' : f.value;
      const value = paint(f.value === '' ? 'dim' : 'cyan', plain.padEnd(valueWidth));
      const head = `    ${f.label.padEnd(width)}  `;
      if (!f.note || f.value === '') return `${head}${value}`.trimEnd();
      if ([...`${head}${plain.padEnd(valueWidth)}  ${f.note}`].length <= columns) return `${head}${value}${paint('dim', `  ${f.note}`)}`;
      // Too long for one row: the note goes under the value, wrapped between words.
      return [`${head}${paint('cyan', plain)}`, ...wrap(f.note, columns, ' '.repeat(head.length)).map((l) => paint('dim', l))].join('\n');
    }),
    ...(p.trustCommand
      ? [...wrap('Or, instead of the form, from a terminal logged in to npm (npm 11.15 or newer):', columns, '  '), `    ${p.trustCommand}`]
      : wrap('(npm trust cannot name a CI file in a folder: enter these on the website.)', columns, '  ')),
  ];
  return lines.join('\n');
}

/** Edits the product would not make: why, and the text to paste between two marker lines. */
export function formatManual(edits: readonly ManualEdit[]): string {
  return edits
    .map((m) =>
      [
        `${paint('yellow', '!')} ${m.path}: ${m.reason}.`,
        `  Nothing is written to ${m.path}. Paste this into it, then run again:`,
        paint('dim', `----- paste into ${m.path} -----`),
        m.snippet.replace(/\n$/, ''),
        paint('dim', '----- end -----'),
      ].join('\n'),
    )
    .join('\n\n');
}
