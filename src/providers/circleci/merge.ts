// Adding the publish job and workflow to an existing .circleci/config.yml, or saying why they
// should be pasted by hand.
import { isMap, type Document } from 'yaml';
import type { CircleciParts } from './config.js';
import { entryData, findPair, parseExisting, upsertEntry, verifyMerged, type MergeResult } from '../yaml-merge.js';

const TOKEN_HINT = /\b(NPM_TOKEN|NODE_AUTH_TOKEN)\b|_authToken/;

/**
 * Adds `parts.job` under `jobs:` and `parts.workflow` under `workflows:` (creating either section
 * when missing), replacing entries of the same names that this product wrote and keeping every
 * other byte. Refuses, with the whole generated config as the snippet, when that is not safe.
 */
export function mergeIntoCircleciConfig(existing: string | undefined, parts: CircleciParts): MergeResult {
  const cannot = (reason: string): MergeResult => ({ cannotMerge: `cannot add the publish job to the CircleCI config: ${reason}`, snippet: parts.config });
  if (existing === undefined || existing.trim() === '') return { content: parts.config, notes: [] };

  const doc = parseExisting(existing);
  if (typeof doc === 'string') return cannot(`${doc}. Add the job and workflow by hand`);
  if (doc.contents === null) return cannot('it holds only comments; replace it with the generated config');
  const data = doc.toJS() as Record<string, unknown>;
  if (data.version !== 2.1) {
    return cannot(`it declares version ${JSON.stringify(data.version ?? null)}, and the generated job needs \`version: 2.1\``);
  }
  if (data.setup === true) {
    return cannot('it is a setup (dynamic) configuration: put the job and workflow in the configuration it continues to');
  }

  let text = existing;
  for (const [section, key, entry] of [
    ['jobs', parts.jobName, parts.job],
    ['workflows', parts.workflowName, parts.workflow],
  ] as const) {
    const current = parseExisting(text) as Document.Parsed;
    const root = current.contents;
    if (!isMap(root)) return cannot('its top level is not a mapping');
    const pair = findPair(root, section);
    let splice;
    if (!pair) {
      splice = upsertEntry(text, root, section, `${section}:\n${indent(entry)}`);
    } else if (isMap(pair.value) && !pair.value.flow && pair.value.items.length > 0) {
      splice = upsertEntry(text, pair.value, key, entry);
    } else {
      return cannot(`its \`${section}:\` is not a block mapping of entries`);
    }
    if (typeof splice === 'string') return cannot(`\`${section}:\`: ${splice}. Rename or remove it, or merge by hand`);
    text = splice.text;
  }

  const expected = {
    ...data,
    jobs: { ...(data.jobs as object | undefined), [parts.jobName]: entryData(parts.job, parts.jobName) },
    workflows: { ...(data.workflows as object | undefined), [parts.workflowName]: entryData(parts.workflow, parts.workflowName) },
  };
  const failure = verifyMerged(text, expected);
  if (failure) return cannot(failure);
  return { content: text, notes: notesFor(existing) };
}

const indent = (entry: string) => entry.replace(/^(?=.)/gm, '  ');

function notesFor(existing: string): string[] {
  const notes: string[] = [];
  if (TOKEN_HINT.test(existing)) {
    notes.push('This config still mentions an npm token: once the OIDC publish works, remove the token publish job and the variable or context that holds it.');
  }
  return notes;
}
