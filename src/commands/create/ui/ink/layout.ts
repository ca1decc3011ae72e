// How much room each part of a screen gets, so the live frame always fits the terminal
// (a frame taller than the terminal makes Ink clear the whole screen on every update).
import type { AnyQuestion, Choice } from '../../../../questions/list.js';
import type { Plan } from '../../../../core/model.js';
import { rowsFor } from './input/list-nav.js';
import { wrap } from '../../../../text/wrap.js';

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

export function widest(texts: readonly (string | undefined)[]): number {
  return Math.max(0, ...texts.map((t) => [...(t ?? '')].length));
}

/** True when the hints fit whole beside the labels in `width` columns (pointer, label, gap, hint). */
export function hintsBeside(labelWidth: number, hintWidth: number, width: number): boolean {
  return 2 + labelWidth + 2 + hintWidth <= width;
}

/** Rows a list of choices takes in `width` columns, laid out as components/choice-row.tsx does. */
export function choiceRows(choices: readonly Choice[], width: number, box = ''): number {
  const labelWidth = widest(choices.map((c) => `${box}${c.label}`));
  const beside = hintsBeside(labelWidth, widest(choices.map((c) => c.hint)), width);
  const labels = choices.reduce((n, c) => n + rowsFor(`${box}${c.label}`, width - 2), 0);
  // Else the focused choice's hint, below it: room for the tallest.
  return beside ? labels : labels + Math.max(0, ...choices.map((c) => (c.hint ? rowsFor(c.hint, width - 4) : 0)));
}

/** Rows the key hints take: one on a wide terminal, two on a narrow one. */
export const hintRows = (columns: number): number => (columns >= 100 ? 1 : 2);

export function questionLayout(q: AnyQuestion, notice: string | undefined, columns: number, rows: number, choices: readonly Choice[] = []): QuestionLayout {
  const wide = columns >= WIDE;
  const width = wide ? Math.min(60, Math.floor(columns * 0.42)) : columns;
  const input = q.kind === 'select' ? choiceRows(q.choices, width) : q.kind === 'multiselect' ? choiceRows(choices, width, '[x] ') + 1 : 2;
  const questionRows =
    (notice ? rowsFor(notice, width) : 0) + 1 + rowsFor(q.label, width) + rowsFor(q.help, width) + 1 + input + 1 + hintRows(width) + 1;
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
export function reviewRows(plan: Plan, columns: number, rows: number, notice?: string): number {
  const texts = [...plan.notes, ...plan.manual.map((m) => `${m.path}: ${m.reason}.`)];
  // The notice has a blank row above it.
  const notes = texts.reduce((n, note) => n + noteLines('!', note, columns).length, notice ? 1 + noteLines('!', notice, columns).length : 0);
  const fixed = 1 + plan.changes.length + plan.manual.length + notes + 1 + 1 + 1 + hintRows(columns) + 1 + 1;
  return Math.max(3, rows - fixed);
}

/**
 * "! text" as rows of `columns`, broken between words, each row after the first indented under
 * the text (components/note.tsx draws them). Ink's own wrapping keeps the space it breaks at:
 * a word ending exactly at the edge left the next row starting with a stray space.
 */
export function noteLines(mark: string, text: string, columns: number): string[] {
  const indent = ' '.repeat([...mark].length + 1);
  return wrap(text, Math.max(columns, 20), indent).map((line, i) => (i === 0 ? `${mark} ${line.slice(indent.length)}` : line));
}
