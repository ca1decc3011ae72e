// `echo "::set-output name=x::value"`, the step output command GitHub deprecated, becomes the
// `$GITHUB_OUTPUT` file it was replaced by, in the jobs of a file migrate rewrites (actionlint
// rejects the old command). Only an `echo` that is the whole line, in a bash or sh step on a
// runner that is not Windows: anything else stays as written.
import { isScalar } from 'yaml';
import { mapOf, nodeOf, textOf } from './nodes.js';
import type { JobView } from './jobs.js';

/** `echo ::set-output name=NAME::VALUE`, the whole line, the value optionally quoted with the command. */
const SET_OUTPUT = /^(\s*)echo\s+(["']?)::set-output\s+name=([\w-]+)::(.*)\2\s*$/;

/** One line in the `$GITHUB_OUTPUT` form, or undefined when it is not a whole `echo ::set-output` line. */
export function setOutputLine(line: string): string | undefined {
  const m = SET_OUTPUT.exec(line);
  if (!m) return undefined;
  const [, indent, quote, name, value] = m;
  // Another command on the line (`&&`, `;`, a pipe, a redirect) would take the redirect instead.
  if (/[;&|<>]/.test(value!) || (quote === '' && /["']/.test(value!))) return undefined;
  return `${indent}echo ${quote}${name}=${value}${quote} >> "$GITHUB_OUTPUT"`;
}

export function noSetOutput(jobs: readonly JobView[]): string[] {
  const notes: string[] = [];
  for (const job of jobs) {
    if (/windows/i.test(textOf(job.node, 'runs-on') ?? '')) continue;
    const shell = textOf(mapOf(mapOf(job.node, 'defaults'), 'run'), 'shell');
    for (const step of job.steps) {
      const node = nodeOf(step, 'run');
      if (!isScalar(node) || typeof node.value !== 'string' || !node.value.includes('::set-output')) continue;
      if (!/^(?:bash|sh)\b/.test(textOf(step, 'shell') ?? shell ?? 'bash')) continue;
      const script = node.value.split('\n').map((line) => setOutputLine(line) ?? line).join('\n');
      if (script === node.value) continue;
      node.value = script;
      notes.push(`job "${job.id}": ::set-output (deprecated by GitHub) written to $GITHUB_OUTPUT instead`);
    }
  }
  return notes;
}
