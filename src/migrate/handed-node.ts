// A local composite action that runs setup-node on the Node its caller hands it
// (`with: node-version: ${{ matrix.node-version }}`, `${{ env.NODE_VERSION }}` or a literal): when
// that Node is one npm 11 cannot run on (Node 16, 18), an npm upgrade after the action would break
// npm, so the value is raised where it is written, as for a setup-node step: the one-entry matrix
// list, or the caller's `with:` value (an env value may set other jobs' Node too, so it stays).
import { isScalar, isSeq, Scalar, type YAMLMap } from 'yaml';
import { expressionValues, handedInputs, localActionNode, nodeVerdict, worstVerdict, type NodeScope } from '../audit/node-version.js';
import { mapOf, nodeOf, textOf } from './nodes.js';
import { nodeRefusesNpm } from '../audit/npm-upgrade-node.js';
import type { JobView } from './jobs.js';

/** npm 11 runs on Node `^20.17.0 || >=22.9.0` (its engines): an upgrade cannot help an older Node (16, 18, 20.11). */
export const npm11Runs = (version: string): boolean => !nodeRefusesNpm(version, 11);

/** What a local action step does to Node, its caller's `with:` values resolved in the job. */
export const handedLocalNode = (step: YAMLMap, scope: NodeScope) => localActionNode(textOf(step, 'uses') ?? '', handedInputs(mapOf(step, 'with'), scope), scope.readFile);

/**
 * The Node versions a local action step sets up across the legs of its job's matrix: a `with:` value
 * that is a `${{ matrix.X }}` of several values (`node: [16, 18, 20]`) is handed one value per leg.
 * Empty when no input takes several values or the action's Node cannot be read.
 */
export function handedLocalNodeEachLeg(step: YAMLMap, scope: NodeScope): string[] {
  const inputs = handedInputs(mapOf(step, 'with'), scope) ?? {};
  const uses = textOf(step, 'uses') ?? '';
  const [key, legs] = Object.entries(inputs).map(([name, raw]) => [name, /^\$\{\{\s*matrix\./.test(raw.trim()) ? expressionValues(raw, scope) : undefined] as const).find(([, values]) => (values?.length ?? 0) > 1) ?? [];
  if (key === undefined || legs === undefined) return [];
  return [...new Set(legs.flatMap((leg) => localActionNode(uses, { ...inputs, [key]: leg }, scope.readFile)?.versions ?? []))];
}

/** Raises the Node a local action `step` is handed to 24 when npm 11 cannot run on it; true when it did. */
export function raiseHandedOldNode(step: YAMLMap, job: JobView, scope: NodeScope, notes: string[]): boolean {
  const uses = textOf(step, 'uses') ?? '';
  const node = uses.startsWith('./') ? handedLocalNode(step, scope) : undefined;
  if (!node?.input || node.versions.length === 0 || worstVerdict(node.versions.map(nodeVerdict)) === 'ok' || node.versions.some(npm11Runs)) return false;
  const value = nodeOf(mapOf(step, 'with'), node.input);
  if (!isScalar(value)) return false;
  const written = String(value.value).trim();
  const matrixKey = /^\$\{\{\s*matrix\.([\w-]+)\s*\}\}$/.exec(written)?.[1];
  const why = `npm 11, which trusted publishing needs, does not support Node ${node.versions.join(', ')}`;
  if (matrixKey !== undefined) {
    const matrix = mapOf(mapOf(job.node, 'strategy'), 'matrix');
    const list = nodeOf(matrix, matrixKey);
    if (!isSeq(list) || list.items.length !== 1 || !isScalar(list.items[0]) || nodeOf(matrix, 'include') !== undefined) return false;
    const entry = list.items[0];
    const version = String(entry.value);
    entry.value = entry.type === Scalar.PLAIN ? 24 : '24';
    notes.push(`job "${job.id}": matrix ${matrixKey} ${version} -> 24 (it reaches ${uses} as ${node.input}; ${why})`);
    return true;
  }
  if (/^\$\{\{\s*env\.[\w-]+\s*\}\}$/.test(written) || !written.includes('${{')) {
    value.value = value.type === Scalar.PLAIN || written.includes('${{') ? 24 : '24';
    if (written.includes('${{')) value.type = Scalar.PLAIN;
    notes.push(`job "${job.id}": ${uses} ${node.input} ${written} -> 24 (${why})`);
    return true;
  }
  return false;
}
