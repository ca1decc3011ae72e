// Rules for every job of a migrated workflow: pinned actions [unpinned-uses] and no
// persisted credentials [artipacked].
import { isScalar, type Document, type Scalar, type YAMLMap } from 'yaml';
import { choosePin, repinForOidc } from './pins.js';
import { insertAfter, mapOf, nodeOf, setScalar, textOf } from './nodes.js';
import type { JobView } from './jobs.js';

const SHA_REF = /@[0-9a-f]{40}$/;

/** Commands that push with the checkout's credentials: `git push`, `lerna version`, and `lerna publish` when it versions first. */
export const PUSHES = /\bgit\s+push\b|\blerna\s+version\b|\blerna\s+publish\b(?![^\n]*(?:from-(?:package|git)|--canary))/;

/** The major version a `uses:` names, from `@v4` or a `# v4.1.0` comment after a SHA. */
export function usesMajor(step: YAMLMap): number | undefined {
  const node = nodeOf(step, 'uses');
  if (!isScalar(node)) return undefined;
  const ref = /@v(\d+)(?:\.|$)/.exec(String(node.value));
  if (ref) return Number(ref[1]);
  const comment = /^\s*v?(\d+)\b/.exec(node.comment ?? '');
  return comment ? Number(comment[1]) : undefined;
}

/**
 * Pins the actions templates/actions.json knows, with the tag as a comment for Dependabot,
 * within the rules of choosePin; a reference it must keep is named in `left`.
 */
export function pinActions(jobs: readonly JobView[], left: string[] = []): string[] {
  const notes: string[] = [];
  for (const job of jobs) {
    for (const step of job.steps) {
      const node = nodeOf(step, 'uses') as Scalar | undefined;
      const uses = textOf(step, 'uses');
      if (!node || uses === undefined || !uses.includes('@')) continue;
      if (SHA_REF.test(uses)) {
        const newer = repinForOidc(uses, node.comment ?? undefined);
        if (!newer) continue;
        node.value = `${uses.slice(0, uses.indexOf('@'))}@${newer.sha}`;
        node.comment = ` ${newer.version}`;
        notes.push(`job "${job.id}": ${newer.uses} pinned to ${newer.version} (releases before ${newer.oidcSince} cannot publish with trusted publishing)`);
        continue;
      }
      const choice = choosePin(uses);
      if (!choice) continue;
      if ('keep' in choice) {
        left.push(`job "${job.id}": ${choice.keep}.`);
        continue;
      }
      const { pin } = choice;
      const from = uses.slice(uses.indexOf('@') + 1);
      node.value = `${uses.slice(0, uses.indexOf('@'))}@${pin.sha}`;
      node.comment = ` ${pin.version}`;
      const fromMajor = /^v?(\d+)/.exec(from)?.[1];
      const toMajor = /^v(\d+)/.exec(pin.version)![1];
      const upgrade = fromMajor !== undefined && fromMajor !== toMajor ? ` (a major upgrade from ${from}: see its release notes)` : '';
      notes.push(`job "${job.id}": ${pin.uses}@${from} pinned to ${pin.version}${upgrade}`);
    }
  }
  return notes;
}

/**
 * `persist-credentials: false` on every checkout, except in jobs that `git push` with the
 * checkout's credentials: those would break, so they are left for the user to decide.
 */
export function noPersistedCredentials(doc: Document, jobs: readonly JobView[]): string[] {
  const notes: string[] = [];
  for (const job of jobs) {
    const pushes = job.steps.some((step) => PUSHES.test(textOf(step, 'run') ?? ''));
    for (const step of job.steps) {
      if (!/^actions\/checkout@/i.test(textOf(step, 'uses') ?? '')) continue;
      const withMap = mapOf(step, 'with');
      if (textOf(withMap, 'persist-credentials') === 'false') continue;
      if (pushes) {
        notes.push(`job "${job.id}" runs git push with the checkout's credentials, so persist-credentials was left as it is.`);
        continue;
      }
      if (withMap) setScalar(doc, withMap, 'persist-credentials', false);
      else insertAfter(doc, step, 'with', { 'persist-credentials': false }, ['uses']);
      notes.push(`job "${job.id}": checkout with persist-credentials: false`);
    }
  }
  return notes;
}
