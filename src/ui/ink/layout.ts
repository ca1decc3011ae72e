// How much room each part of a screen gets, so the live frame always fits the terminal
// (a frame taller than the terminal makes Ink clear the whole screen on every update).
import type { AnyQuestion } from '../../questions/list.js';
import type { Plan } from '../../model.js';
import { rowsFor } from './hooks/list-nav.js';

/** Terminals at least this wide show the preview beside the question. */
export const WIDE = 120;

export interface QuestionLayout {
  wide: boolean;
  /** Width of the question column when wide. */
  leftWidth?: number;
  previewWidth?: number;
  /** Rows for the preview's file lines; 0 when there is no room for a useful preview. */
  previewRows: number;
}

export function questionLayout(q: AnyQuestion, notice: string | undefined, columns: number, rows: number, choices = 0): QuestionLayout {
  const wide = columns >= WIDE;
  const width = wide ? Math.min(60, Math.floor(columns * 0.42)) : columns;
  const input = q.kind === 'select' ? q.choices.length : q.kind === 'multiselect' ? choices : 1;
  const questionRows =
    (notice ? rowsFor(notice, width) : 0) + 2 + rowsFor(q.help, width) + 1 + input + 2 + 1 + 1;
  if (wide) {
    // Border (2), title and position lines (2), one spare row.
    const previewRows = Math.max(0, rows - 5);
    return { wide, leftWidth: width, previewWidth: columns - width - 2, previewRows: previewRows >= 3 ? previewRows : 0 };
  }
  // Margin, title and position lines, one spare row.
  const previewRows = rows - questionRows - 4;
  return { wide, previewRows: previewRows >= 3 ? previewRows : 0 };
}

/** Rows for the diff on the review screen. */
export function reviewRows(plan: Plan, columns: number, rows: number): number {
  const notes = [...plan.notes, ...plan.manual.map((m) => `${m.path}: ${m.reason}.`)].reduce((n, note) => n + rowsFor(`! ${note}`, columns), 0);
  const fixed = 1 + plan.changes.length + plan.manual.length + notes + 1 + 1 + 1 + 1 + 1 + 1;
  return Math.max(3, rows - fixed);
}
