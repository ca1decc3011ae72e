// npm >= 11.5.1 in the publishing job [old-npm]: Node 24 ships it; Node 22 and older ship
// npm 10, which cannot exchange the OIDC token (ENEEDAUTH, or a misleading E404).
import { isMap, isScalar, isSeq, Scalar, type Document, type YAMLMap } from 'yaml';
import type { ActionPins } from '../render/pins.js';
import { blockMap, blockScript, mapOf, nodeOf, textOf } from './nodes.js';
import type { JobView } from './jobs.js';

const NEW_ENOUGH = /^(?:lts\/\*|lts\/krypton|latest|current|node)$/i;
const OLD_LTS = /^lts\/(?:argon|boron|carbon|dubnium|erbium|fermium|gallium|hydrogen|iron|jod)$/i;

/** `node22`: Node >= 22.14 ships npm 10 but runs npm 11; fine when the job upgrades npm. */
export type NodeVerdict = 'ok' | 'raise' | 'node22' | 'unknown';

/** Whether a setup-node `node-version` gives npm >= 11.5.1. Expressions cannot be known. */
export function nodeVerdict(version: string): NodeVerdict {
  const v = version.trim();
  if (v.includes('${{')) return 'unknown';
  if (NEW_ENOUGH.test(v)) return 'ok';
  if (/^lts\/jod$/i.test(v)) return 'node22';
  if (OLD_LTS.test(v)) return 'raise';
  const match = /^v?(\d+)(?:\.(\d+|x))?/.exec(v);
  if (!match) return 'raise';
  const major = Number(match[1]);
  if (major >= 24) return 'ok';
  const minor = match[2] === undefined || match[2] === 'x' ? Infinity : Number(match[2]);
  return major === 22 && minor >= 14 ? 'node22' : 'raise';
}

export const NPM_CHECK = `npm_version="$(npm --version)"
if [ "$(printf '%s\\n' 11.5.1 "$npm_version" | sort -V | head -n 1)" != 11.5.1 ]; then
  echo "::error::npm $npm_version cannot publish with trusted publishing (OIDC), which needs npm 11.5.1 or newer. Use Node 24."
  exit 1
fi
`;

const scripts = (job: JobView) => job.steps.map((step) => textOf(step, 'run') ?? '');
const FLOATING_NPM = /(\bnpm\s+(?:i|install|add)\b[^\n;&|#]*\s)npm@(?:latest|next)\b/g;
const NPM_UPGRADE = /\bnpm\s+(?:i|install)\s+(?:.*\s)?npm@["']?(?:latest|next|\^?~?(?:1[1-9]|[2-9]\d))/;
const NPM_ASSERT = /\bnpm\s+(?:--version|-v)\b/;

/** `npm install -g npm@latest` takes npm 12, which no longer runs on older Node 22 [adhoc-packages]. */
function pinNpmUpgrade(job: JobView, notes: string[]): void {
  for (const step of job.steps) {
    const node = nodeOf(step, 'run');
    if (!isScalar(node) || typeof node.value !== 'string' || node.value.replace(FLOATING_NPM, '') === node.value) continue;
    node.value = node.value.replace(FLOATING_NPM, '$1npm@^11.5.1');
    notes.push(`job "${job.id}": npm upgrade pinned to npm@^11.5.1`);
  }
}

function insertStep(job: JobView, at: number, step: YAMLMap): void {
  const seq = nodeOf(job.node, 'steps');
  if (!isSeq(seq)) return;
  seq.items.splice(at, 0, step);
  job.steps = seq.items.filter((item): item is YAMLMap => isMap(item));
}

function checkStep(doc: Document): YAMLMap {
  const step = blockMap(doc, { name: 'Check npm version' });
  step.items.push(doc.createPair('run', blockScript(doc, NPM_CHECK)));
  return step;
}

export function ensureNewNpm(doc: Document, job: JobView, pins: ActionPins, notes: string[]): void {
  pinNpmUpgrade(job, notes);
  const upgrades = scripts(job).some((s) => NPM_UPGRADE.test(s));
  const asserts = scripts(job).some((s) => NPM_ASSERT.test(s));
  const seq = nodeOf(job.node, 'steps');
  if (!isSeq(seq)) return;
  const setup = job.steps.find((step) => /^actions\/setup-node@/i.test(textOf(step, 'uses') ?? ''));
  if (!setup) {
    const pin = pins['setup-node'];
    const step = blockMap(doc, { uses: `${pin.uses}@${pin.sha}`, with: { 'node-version': 24, 'package-manager-cache': false } }, { uses: ` ${pin.version}` });
    const checkouts = job.steps.filter((s) => /^actions\/checkout@/i.test(textOf(s, 'uses') ?? ''));
    const at = checkouts.length > 0 ? seq.items.indexOf(checkouts[checkouts.length - 1]!) + 1 : 0;
    insertStep(job, at, step);
    notes.push(`job "${job.id}": added setup-node with Node 24 (the runner's own Node ships npm 10)`);
    return;
  }
  const withMap = mapOf(setup, 'with');
  const version = textOf(withMap, 'node-version');
  const verdict = version === undefined ? 'unknown' : nodeVerdict(version);
  if (verdict === 'ok' || (verdict === 'node22' && upgrades)) return;
  if (verdict === 'raise' || verdict === 'node22') {
    const node = nodeOf(withMap, 'node-version') as Scalar;
    node.value = node.type === Scalar.PLAIN ? 24 : '24';
    notes.push(`job "${job.id}": node-version ${version} -> 24 (npm 11.5.1 or newer)`);
    return;
  }
  if (asserts) return;
  insertStep(job, seq.items.indexOf(setup) + 1, checkStep(doc));
  notes.push(`job "${job.id}": added a step that fails clearly unless npm is 11.5.1 or newer (the Node version is ${version === undefined ? 'read from a file' : 'an expression'})`);
}
