// Moving through lists and scrolling windows: pure, shared by select, checklist and viewport.

/** Index moved by delta, wrapping around a list of count items. */
export function wrapIndex(index: number, delta: number, count: number): number {
  if (count <= 0) return 0;
  return (((index + delta) % count) + count) % count;
}

/** A scroll offset kept inside 0..(total - height). */
export function clampOffset(offset: number, total: number, height: number): number {
  return Math.max(0, Math.min(offset, Math.max(0, total - height)));
}

/** How many terminal rows a line of text takes at this width (ASCII-width estimate). */
export function rowsFor(text: string, width: number): number {
  if (width <= 0) return 1;
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil([...line].length / width)), 0);
}
