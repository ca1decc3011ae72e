// The review as lines: each file as a diff where it exists, in full where it is new.
import type { FileChange, Plan } from '../../../../core/model.js';
import { unifiedDiff } from '../../../../apply/diff.js';
import type { ViewLine } from './components/viewport.js';
import { safeOutput } from '../../../../text/output.js';

export function reviewLines(plan: Plan): ViewLine[] {
  const lines: ViewLine[] = [];
  // What could not be written comes first (its reason is shown above, wrapped, with the notes).
  for (const m of plan.manual) {
    if (lines.length > 0) lines.push({ text: '' });
    lines.push({ text: `----- paste into ${m.path} -----` });
    for (const line of m.snippet.replace(/\n$/, '').split('\n')) lines.push({ text: line });
    lines.push({ text: '----- end -----' });
  }
  // Edits to files the user has first: they are short, and the ones to read closely.
  const order = [...plan.changes].sort((a, b) => Number(a.kind === 'create') - Number(b.kind === 'create'));
  for (const c of order) {
    if (c.kind === 'unchanged') continue;
    if (lines.length > 0) lines.push({ text: '' });
    if (c.kind === 'create') {
      lines.push({ text: `+++ ${c.path} (new file)` });
      for (const line of c.after.replace(/\n$/, '').split('\n')) lines.push({ text: `+${line}` });
    } else {
      for (const line of unifiedDiff(c.before ?? '', c.after, c.path).replace(/\n$/, '').split('\n')) lines.push({ text: line });
    }
  }
  // Existing files are the repository's text: shown through the one output filter.
  return lines.map((line) => ({ ...line, text: safeOutput(line.text) }));
}

export function kindWord(c: FileChange): string {
  if (c.kind === 'create') return 'create';
  if (c.kind === 'unchanged') return 'keep';
  return c.needsConsent ? 'replace' : 'edit';
}
