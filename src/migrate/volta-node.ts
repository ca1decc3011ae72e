// A publishing job whose Node comes from volta-cli/action (the last Node set-up before the publish):
// a setup-node step before it would be overridden by volta's shims, which run the package.json
// `volta` pin. When that Node (or a pinned npm) is too old for trusted publishing, the action is
// handed `node-version: 24` (it pins that Node over package.json's in the checkout), and
// `npm-version: 11` when package.json pins an older npm (kept otherwise: volta would run it).
import { isMap, isScalar, Scalar, type Document, type YAMLMap } from 'yaml';
import { voltaActionNode } from '../audit/volta-node.js';
import { handedLocalNode } from './handed-node.js';
import { mapOf, nodeOf, textOf } from './nodes.js';
import { publishSteps, type JobView } from './jobs.js';
import type { NodeScope } from '../audit/node-version.js';

const isSetupNode = (step: YAMLMap) => /^actions\/setup-node@/i.test(textOf(step, 'uses') ?? '');

/** True when volta-cli/action sets the publishing Node and needs nothing more (or has been handed Node 24 here). */
export function voltaSetsNode(doc: Document, job: JobView, scope: NodeScope, notes: string[]): boolean {
  const first = publishSteps(job)[0];
  const upTo = first === undefined ? job.steps : job.steps.slice(0, job.steps.indexOf(first));
  const volta = (step: YAMLMap) => voltaActionNode(textOf(step, 'uses'), mapOf(step, 'with'), scope.readFile);
  const setter = [...upTo].reverse().find((step) => isSetupNode(step) || volta(step) !== undefined || handedLocalNode(step, scope) !== undefined);
  const found = setter && volta(setter);
  if (!setter || !found) return false;
  if (found.verdict === 'ok') return true;
  // An input given as an expression cannot be known here: left to the general npm upgrade.
  const withMap = mapOf(setter, 'with');
  const input = nodeOf(withMap, 'node-version');
  if (found.verdict === 'unknown' && found.from === 'input') return false;
  if (input !== undefined && (!isScalar(input) || String(input.value).includes('${{'))) return false;
  const target = withMap ?? (doc.createNode({}) as YAMLMap);
  if (!withMap) setter.items.splice(setter.items.findIndex((pair) => isScalar(pair.key) && pair.key.value === 'uses') + 1, 0, doc.createPair('with', target));
  if (isScalar(input)) {
    input.value = input.type === Scalar.PLAIN ? 24 : '24';
  } else {
    target.items.push(doc.createPair('node-version', 24));
  }
  const oldNpm = found.npm !== undefined && !(isMap(withMap) && textOf(withMap, 'npm-version')?.includes('${{'));
  if (oldNpm) {
    const npm = nodeOf(target, 'npm-version');
    if (isScalar(npm)) npm.value = npm.type === Scalar.PLAIN ? 11 : '11';
    else target.items.push(doc.createPair('npm-version', 11));
  }
  const was = found.npm !== undefined ? `Node ${found.node}, npm ${found.npm}` : `Node ${found.node}`;
  const from = found.from === 'input' ? '' : ' of the package.json `volta` pin';
  notes.push(`job "${job.id}": ${textOf(setter, 'uses')} node-version 24${oldNpm ? ', npm-version 11' : ''} instead of the ${was}${from} (npm 11.5.1 or newer)`);
  return true;
}
