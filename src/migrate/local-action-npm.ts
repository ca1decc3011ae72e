// npm >= 11.5.1 inside a local composite action that sets up Node and then publishes [old-npm]:
// an upgrade step in the calling job would run before the action and be undone by the Node the
// action installs (its setup-node, or a nested setup action), so the upgrade goes into the action,
// right after its last Node setup. Doctor reads it there (audit/local-action-npm.ts).
import { isMap, isSeq, type YAMLMap } from 'yaml';
import { oversizeFile, parseYamlFile } from '../core/yaml-text.js';
import { localActionFile } from '../audit/local-action.js';
import { lastNodeSetup } from '../audit/local-action-npm.js';
import { mergeEdits, printOptions } from './format.js';
import { blockMap, mapOf, nodeOf } from './nodes.js';

type ReadFile = ((path: string) => string | undefined) | undefined;

/**
 * Adds the upgrade step to the local action `uses` after its last Node setup, into `scripts` (the
 * files the migration edits, by path; an earlier edit of the action is built on). Returns the
 * action's path, or undefined when the action cannot be read or sets up no Node itself.
 */
export function upgradeNpmInLocalAction(uses: string, readFile: ReadFile, scripts: Map<string, { before: string; after: string }>): string | undefined {
  const file = localActionFile(uses, readFile);
  if (!file) return undefined;
  const earlier = scripts.get(file.path);
  const start = earlier?.after ?? file.text;
  if (oversizeFile(start)) return undefined;
  const doc = parseYamlFile(start);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  const steps = nodeOf(mapOf(doc.contents as YAMLMap, 'runs'), 'steps');
  if (!isSeq(steps)) return undefined;
  const at = lastNodeSetup(steps, readFile);
  if (at < 0) return undefined;
  const options = printOptions(doc, start);
  const untouched = doc.toString(options);
  // A range, not npm@latest: npm 12 does not run on older Node 22.
  const step = blockMap(doc, { name: 'Upgrade npm for trusted publishing', shell: 'bash', run: 'npm install -g npm@^11.5.1' });
  // Set apart as the steps around it are.
  if ((steps.items[at + 1] as { spaceBefore?: boolean } | undefined)?.spaceBefore) step.spaceBefore = true;
  steps.items.splice(at + 1, 0, step);
  scripts.set(file.path, { before: earlier?.before ?? file.text, after: mergeEdits(start, untouched, doc.toString(options)) });
  return file.path;
}
