// The checklist as text, in one place: for the scrollback (prose wrapped to the terminal,
// commands and URLs never), and as a Markdown task list, the same for a pipe, --markdown and
// the pull request's body.
import type { ChecklistItem } from '../core/model.js';
import { codeBlock } from './markdown.js';
import { wrap } from '../text/wrap.js';

/** An item that is another way to do the steps around it (all publishers at once), not a step to tick. */
export const isAlternative = (item: ChecklistItem): boolean => item.id === 'publisher:all';

/**
 * The checklist for the scrollback. With `markdown` (a pipe, or --markdown) it is a Markdown
 * task list, to paste into an issue or a pull request.
 */
/** The item's detail already lists its URL on a line of its own (a step for several packages lists each page). */
const listsUrl = (item: ChecklistItem): boolean => item.detail.split('\n').includes(item.url ?? '');

export function formatChecklist(
  items: readonly ChecklistItem[],
  done: ReadonlySet<string> = new Set(),
  width = process.stdout.columns || 80,
  markdown = false,
): string {
  if (markdown) return checklistMarkdown(items, { done });
  const indent = '       ';
  let n = 0;
  return items
    .map((item) => {
      const [prefix, title] = isAlternative(item) ? ['    ', `${item.title}:`] : [`${done.has(item.id) ? '[x]' : '[ ]'} ${++n}. `, item.title];
      // The title too wraps between words, under itself.
      const lines = wrap(title, Math.max(width, 40), indent).map((line, i) => (i === 0 ? `${prefix}${line.slice(indent.length)}` : line));
      for (const line of item.detail.split('\n')) lines.push(...wrap(line, Math.max(width, 40), indent));
      if (item.command) lines.push(`${indent}$ ${item.command}`);
      if (item.url && !listsUrl(item)) lines.push(`${indent}${item.url}`);
      return lines.join('\n');
    })
    .join('\n');
}

export interface MarkdownOptions {
  /** Items already done: ticked. */
  done?: ReadonlySet<string>;
  /** The list is in the pull request that holds the workflow: its commit step reads "merge". */
  viaPr?: boolean;
}

/**
 * One task per step, numbered, commands in fenced blocks; the alternative (all publishers at
 * once) is a plain item under the step before it, with no box to tick.
 */
export function checklistMarkdown(items: readonly ChecklistItem[], { done = new Set(), viaPr = false }: MarkdownOptions = {}): string {
  let n = 0;
  return items
    .map((item) => {
      const merged = viaPr && item.id === 'commit';
      const title = merged ? 'Merge this pull request' : item.title;
      const detail = merged ? 'GitHub runs the workflow from the default branch: merge before the first release.' : item.detail;
      const alternative = isAlternative(item);
      const pad = alternative ? '    ' : '  ';
      const lines = [alternative ? `  - **${title}:**` : `- [${done.has(item.id) ? 'x' : ' '}] **${++n}. ${title}**`];
      lines.push(...detail.split('\n').map((l) => `${pad}${l}`));
      if (item.command && !merged) lines.push('', codeBlock(item.command, 'sh').replace(/^/gm, pad));
      if (item.url && !listsUrl(item)) lines.push('', `${pad}<${item.url}>`);
      return lines.join('\n');
    })
    .join('\n');
}
