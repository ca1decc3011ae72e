// A local composite action that sets up Node and then publishes may upgrade npm itself, between
// the two (`npm install -g npm@^11.5.1` after its setup-node or its nested setup action): an
// upgrade in the calling job, before the action, would be undone by the Node the action installs.
// Read by doctor's old-npm rule and by --migrate, which puts its upgrade there.
import { isMap, isSeq, type YAMLMap, type YAMLSeq } from 'yaml';
import { parseYamlFile } from '../core/yaml-text.js';
import { localActionFile } from './local-action.js';
import { localActionNode } from './node-version.js';
import { mapAt as mapOf, text as textOf, value as nodeOf } from './workflow-model.js';

type ReadFile = ((path: string) => string | undefined) | undefined;

/**
 * A line that upgrades npm to a release of 11 or newer it names. Not `npm@latest`: it may bring an
 * npm that does not run on the action's older Node 22, so the job still gets its own pinned upgrade.
 */
export const NPM_PINNED_UPGRADE = /\bnpm\s+(?:i|install)\s+(?:.*\s)?npm@["']?[\^~]?(?:1[1-9]|[2-9]\d)\b/;

/** The steps of a local action, parsed; undefined when it cannot be read. */
export function localActionSteps(uses: string, readFile: ReadFile, text?: string): YAMLSeq | undefined {
  const source = text ?? localActionFile(uses, readFile)?.text;
  if (source === undefined) return undefined;
  const doc = parseYamlFile(source);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  const steps = nodeOf(mapOf(doc.contents as YAMLMap, 'runs'), 'steps');
  return isSeq(steps) ? steps : undefined;
}

/** The index of the action's last step that sets up Node (setup-node, nvm/volta/fnm, a nested local action that does), or -1. */
export function lastNodeSetup(steps: YAMLSeq, readFile: ReadFile): number {
  for (let i = steps.items.length - 1; i >= 0; i--) {
    const step = steps.items[i];
    if (!isMap(step)) continue;
    const uses = textOf(step, 'uses') ?? '';
    if (/^actions\/setup-node@/i.test(uses) || /\b(?:nvm|volta|fnm)\s+(?:install|use)\b/.test(textOf(step, 'run') ?? '')) return i;
    if (uses.startsWith('./') && localActionNode(uses, mapOf(step, 'with'), readFile, 1) !== undefined) return i;
  }
  return -1;
}

/** Whether the local action `uses` upgrades npm to a named release after the last Node it sets up. */
export function localActionUpgradesNpm(uses: string, readFile: ReadFile): boolean {
  const steps = localActionSteps(uses, readFile);
  if (!steps) return false;
  const setup = lastNodeSetup(steps, readFile);
  return steps.items.slice(setup + 1).some((step) => isMap(step) && NPM_PINNED_UPGRADE.test(textOf(step, 'run') ?? ''));
}
