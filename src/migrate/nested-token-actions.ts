// A local composite action that publishes may hand the token it is given to another local action
// whose only work is to write it (`uses: ./.github/actions/set-npm-token` with
// `token-secret: ${{ inputs.npm-token }}`, whose one step echoes `//registry.npmjs.org/:_authToken=…`
// into .npmrc). Once the caller no longer hands the token, that step would write an empty
// _authToken, which stops npm's OIDC exchange: the step that runs it goes. The nested action's file
// stays as it is (other workflows may still use it, and doctor names them).
import { isMap, isScalar, isSeq, type YAMLMap, type YAMLSeq } from 'yaml';
import { parseYamlFile } from '../core/yaml-text.js';
import { localActionFile } from '../audit/local-action.js';
import { mapOf, nodeOf, removeItem, textOf } from './nodes.js';
import { withoutTokenLines } from './token-lines.js';

type ReadFile = ((path: string) => string | undefined) | undefined;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const onlyInput = (value: string, names: readonly string[]) => names.some((name) => new RegExp(`^\\s*\\$\\{\\{\\s*inputs\\.${escape(name)}\\s*\\}\\}\\s*$`).test(value));

/** Whether every step of the action at `uses` is a `run:` that only writes or checks the npm token. */
export function onlyWritesToken(uses: string, readFile: ReadFile): boolean {
  const file = localActionFile(uses, readFile);
  if (!file) return false;
  const doc = parseYamlFile(file.text);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return false;
  const steps = nodeOf(mapOf(doc.contents as YAMLMap, 'runs'), 'steps');
  if (!isSeq(steps) || steps.items.length === 0) return false;
  return steps.items.every((step) => {
    if (!isMap(step) || nodeOf(step, 'uses') !== undefined) return false;
    const run = textOf(step, 'run');
    return run !== undefined && withoutTokenLines(run)?.trim() === '';
  });
}

/**
 * Removes from an action's `steps` each step that runs such a token-only local action and is
 * handed one of the `dropped` inputs; one note per step.
 */
export function dropTokenOnlyActionSteps(steps: YAMLSeq, dropped: readonly string[], readFile: ReadFile, path: string, notes: string[]): void {
  if (dropped.length === 0) return;
  for (const step of [...steps.items]) {
    if (!isMap(step)) continue;
    const uses = textOf(step, 'uses');
    if (!uses?.startsWith('./')) continue;
    const handed = (mapOf(step, 'with')?.items ?? []).some((item) => isScalar(item.value) && onlyInput(String(item.value.value ?? ''), dropped));
    if (!handed || !onlyWritesToken(uses, readFile)) continue;
    removeItem(steps, step);
    notes.push(`${path}: removed the step that runs ${uses} (it only wrote the npm token to .npmrc)`);
  }
}
