// `echo "::set-output name=x::value"`, the step output command GitHub deprecated, becomes the
// `$GITHUB_OUTPUT` file it was replaced by, and `echo "::add-path::dir"` the `$GITHUB_PATH` file,
// in the jobs of a file migrate rewrites (actionlint rejects the old commands). Only an `echo`
// that is the whole line, in a bash or sh step on a runner that is not Windows: anything else
// stays as written.
import { isScalar } from 'yaml';
import { mapOf, nodeOf, textOf } from './nodes.js';
import type { JobView } from './jobs.js';

/** `echo ::set-output name=NAME::VALUE`, the whole line, the value optionally quoted with the command. */
const SET_OUTPUT = /^(\s*)echo\s+(["']?)::set-output\s+name=([\w-]+)::(.*)\2\s*$/;

/** True when every quote of an unquoted value closes in it (`$(node -e "x('y')")`) and no comment starts: the redirect then follows the echo. */
function quotesClose(value: string): boolean {
  let open = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\' && open !== "'") i++;
    else if (open === '' && c === '#' && (i === 0 || /\s/.test(value[i - 1]!))) return false;
    else if (open === '' && (c === '"' || c === "'")) open = c;
    else if (c === open) open = '';
  }
  return open === '';
}

/** One line in the `$GITHUB_OUTPUT` form, or undefined when it is not a whole `echo ::set-output` line. */
export function setOutputLine(line: string): string | undefined {
  const m = SET_OUTPUT.exec(line);
  if (!m) return undefined;
  const [, indent, quote, name, value] = m;
  // Another command on the line (`&&`, `;`, a pipe, a redirect) would take the redirect instead.
  if (/[;&|<>]/.test(value!) || (quote === '' && !quotesClose(value!))) return undefined;
  return `${indent}echo ${quote}${name}=${value}${quote} >> "$GITHUB_OUTPUT"`;
}

/** `echo ::add-path::DIR`, the whole line, the directory optionally quoted with the command. */
const ADD_PATH = /^(\s*)echo\s+(["']?)::add-path::(.*)\2\s*$/;

/** One line in the `$GITHUB_PATH` form, or undefined when it is not a whole `echo ::add-path::` line. */
export function addPathLine(line: string): string | undefined {
  const m = ADD_PATH.exec(line);
  if (!m) return undefined;
  const [, indent, quote, dir] = m;
  if (dir === '' || /[;&|<>]/.test(dir!) || (quote === '' && /["']/.test(dir!))) return undefined;
  return `${indent}echo ${quote}${dir}${quote} >> "$GITHUB_PATH"`;
}

export function noSetOutput(jobs: readonly JobView[]): string[] {
  const notes: string[] = [];
  for (const job of jobs) {
    if (/windows/i.test(textOf(job.node, 'runs-on') ?? '')) continue;
    const shell = textOf(mapOf(mapOf(job.node, 'defaults'), 'run'), 'shell');
    for (const step of job.steps) {
      const node = nodeOf(step, 'run');
      if (!isScalar(node) || typeof node.value !== 'string' || !/::(?:set-output|add-path::)/.test(node.value)) continue;
      if (!/^(?:bash|sh)\b/.test(textOf(step, 'shell') ?? shell ?? 'bash')) continue;
      const lines = node.value.split('\n');
      const outputs = lines.map((line) => setOutputLine(line) ?? line);
      const paths = outputs.map((line) => addPathLine(line) ?? line);
      if (outputs.join('\n') !== node.value) notes.push(`job "${job.id}": ::set-output (deprecated by GitHub) written to $GITHUB_OUTPUT instead`);
      if (paths.join('\n') !== outputs.join('\n')) notes.push(`job "${job.id}": ::add-path:: (deprecated by GitHub) written to $GITHUB_PATH instead`);
      if (paths.join('\n') !== node.value) node.value = paths.join('\n');
    }
  }
  return notes;
}
