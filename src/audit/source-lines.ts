// Locating text inside a node (e.g. a line of a `run:` block) by line number.
import type { Node } from 'yaml';
import type { Workflow } from './workflow-model.js';

export interface SourceLine {
  text: string;
  line: number;
}

/**
 * The source lines a node spans, with their line numbers. For a block scalar the first
 * line is the `|` indicator; the script follows. Quoted scalars are searched as written.
 */
export function nodeLines(workflow: Workflow, node: Node | undefined): SourceLine[] {
  const range = node?.range;
  if (!range) return [];
  const first = workflow.lineAt(range[0]);
  return workflow.content
    .slice(range[0], range[1])
    .split(/\r?\n/)
    .map((text, index) => ({ text, line: first + index }));
}

/** A workflow's lines, split once: rules ask for one line per `uses:`, which is linear only this way. */
const LINES = new WeakMap<Workflow, string[]>();

/** The full text of a 1-based source line. */
export function sourceLine(workflow: Workflow, line: number): string {
  let lines = LINES.get(workflow);
  if (!lines) LINES.set(workflow, (lines = workflow.content.split(/\r?\n/)));
  return lines[line - 1] ?? '';
}
