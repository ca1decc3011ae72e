// A local composite action that publishes with a token it is handed: once the caller no longer
// passes the token input, the action's steps stop reading it (`NODE_AUTH_TOKEN: ${{ inputs.npm-token }}`)
// and the input itself goes from `inputs:` (a required input no caller passes any more). A step
// `env:` that reads a token secret goes too: GitHub gives a composite action's steps no `secrets`
// context, so that line never carried a token and stops the action as it loads. An input another
// part of the action still reads stays, and is named; one another caller hands something else (a
// GITHUB_TOKEN for GitHub Packages) stays with what reads it.
import { isMap, isScalar, isSeq, type YAMLMap } from 'yaml';
import { secretName } from '../detect/workflows.js';
import { isTokenEnv, isTokenInput } from '../audit/token-forms.js';
import { readYaml } from '../core/yaml-text.js';
import { mapOf, nodeOf, removeFrom, removeKey } from './nodes.js';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `${{ inputs.<name> }}`, as the whole value. */
const onlyInput = (value: string, name: string) => new RegExp(`^\\s*\\$\\{\\{\\s*inputs\\.${escape(name)}\\s*\\}\\}\\s*$`).test(value);
/** A reference to `inputs.<name>` anywhere in a text (not `inputs.<name>-more`). */
export const readsInput = (text: string, name: string) => new RegExp(`\\binputs\\.${escape(name)}(?![\\w-])`).test(text);

/**
 * Edits the parsed action `root` in place: the step env entries that carry a dropped input or a
 * token secret go (`notes`: one line each). Returns the dropped inputs whose declaration can go
 * once the edited text no longer reads them (the caller checks that on the printed text).
 */
export function dropTokenPlumbing(root: YAMLMap, dropped: readonly string[], path: string, notes: string[]): void {
  const steps = nodeOf(mapOf(root, 'runs'), 'steps');
  if (!isSeq(steps)) return;
  for (const step of steps.items) {
    if (!isMap(step)) continue;
    for (const item of [...(mapOf(step, 'env')?.items ?? [])]) {
      if (!isScalar(item.key) || !isScalar(item.value)) continue;
      const name = String(item.key.value);
      const value = String(item.value.value ?? '');
      const input = dropped.find((d) => onlyInput(value, d));
      const secret = secretName(value);
      if (input === undefined && !(secret && secret !== 'GITHUB_TOKEN' && isTokenEnv(name, value))) continue;
      removeFrom(step, 'env', name);
      notes.push(input !== undefined ? `${path}: removed ${name} (inputs.${input})` : `${path}: removed ${name} (secrets.${secret}, which a composite action cannot read)`);
    }
  }
}

/** Removes the declarations of `names` from the action's `inputs:` (and `inputs:` when left empty). */
export function dropInputs(root: YAMLMap, names: readonly string[], path: string, notes: string[]): void {
  for (const name of names) {
    if (removeFrom(root, 'inputs', name)) notes.push(`${path}: removed the ${name} input (no caller passes a token any more)`);
  }
  if (isMap(nodeOf(root, 'inputs')) && (nodeOf(root, 'inputs') as YAMLMap).items.length === 0) removeKey(root, 'inputs');
}

/**
 * Whether a step of `workflows` (as they are) hands the local action `uses` the input `input` a
 * value that is no npm token (a GITHUB_TOKEN for GitHub Packages): that caller still needs what
 * the action does with it, so the action keeps the input and what reads it.
 */
export function otherInputUses(workflows: readonly { content: string }[]): (uses: string, input: string) => boolean {
  const bare = (path: string) => path.replace(/\/+$/, '');
  const passed: { uses: string; input: string }[] = [];
  for (const w of workflows) {
    if (!w.content.includes('./')) continue;
    const doc = readYaml(w.content).doc;
    const jobs = isMap(doc.contents) ? mapOf(doc.contents as YAMLMap, 'jobs') : undefined;
    for (const job of jobs?.items ?? []) {
      const steps = isMap(job.value) ? nodeOf(job.value, 'steps') : undefined;
      for (const step of isSeq(steps) ? steps.items : []) {
        const uses = isMap(step) ? nodeOf(step, 'uses') : undefined;
        if (!isScalar(uses) || !String(uses.value).startsWith('./')) continue;
        for (const item of mapOf(step as YAMLMap, 'with')?.items ?? []) {
          if (!isScalar(item.key)) continue;
          const value = isScalar(item.value) ? String(item.value.value ?? '') : '';
          if (!isTokenInput(String(item.key.value), value)) passed.push({ uses: bare(String(uses.value)), input: String(item.key.value) });
        }
      }
    }
  }
  return (uses, input) => passed.some((p) => p.uses === bare(uses) && p.input === input);
}
