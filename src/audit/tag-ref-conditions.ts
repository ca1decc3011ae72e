// A publish gated on a branch (`if: github.ref == 'refs/heads/master'`) in a workflow that only a
// release or a tag push starts never runs: on those events github.ref is the tag
// (`refs/tags/<tag>`), as GitHub's docs on the github context and GITHUB_REF say. Reported only
// when every event that starts the workflow gives a tag ref; a branch push or a hand start
// (workflow_dispatch, which may run on a branch) leaves the condition possibly true.
import { isMap, isScalar, isSeq, type YAMLMap } from 'yaml';
import type { Finding } from '../core/model.js';
import type { Workflow } from './workflow-model.js';

/** A part of a condition that holds only on a branch: `github.ref == 'refs/heads/x'` (either side), `startsWith(github.ref, 'refs/heads/')`. */
const BRANCH_REF = [
  /^github\.ref\s*==\s*'(refs\/heads\/[^']*)'$/,
  /^'(refs\/heads\/[^']*)'\s*==\s*github\.ref$/,
  /^startswith\(\s*github\.ref\s*,\s*'(refs\/heads\/[^']*)'\s*\)$/i,
];

/** The branch ref a condition requires, when it is one part of an `&&` chain (no `||`, no `!`); else undefined. */
export function requiredBranchRef(condition: string): string | undefined {
  const body = condition.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1').trim();
  if (/\|\||!(?!=)/.test(body.replace(/'(?:[^']|'')*'/g, "''"))) return undefined;
  for (const part of body.split('&&')) {
    const bare = part.trim().replace(/^\(\s*([^()]*?)\s*\)$/, '$1');
    for (const pattern of BRANCH_REF) {
      const ref = pattern.exec(bare)?.[1];
      if (ref !== undefined) return ref;
    }
  }
  return undefined;
}

const keys = (node: unknown): string[] =>
  isMap(node) ? node.items.flatMap((p) => (isScalar(p.key) ? [String(p.key.value)] : [])) : isSeq(node) ? node.items.flatMap((i) => (isScalar(i) ? [String(i.value)] : [])) : isScalar(node) && node.value !== null ? [String(node.value)] : [];

/**
 * The events that start the workflow when each of them sets github.ref to a tag: `release`, and a
 * `push` filtered on tags only (GitHub then runs it for no branch). Undefined when any event may
 * run on a branch.
 */
export function tagOnlyEvents(root: YAMLMap): string[] | undefined {
  const on = root.get('on', true);
  const events = keys(on);
  if (events.length === 0) return undefined;
  for (const event of events) {
    if (event === 'release') continue;
    const filters = event === 'push' && isMap(on) ? on.get('push', true) : undefined;
    const tagsOnly = isMap(filters) && (filters.has('tags') || filters.has('tags-ignore')) && !filters.has('branches') && !filters.has('branches-ignore');
    if (!tagsOnly) return undefined;
  }
  return events.map((event) => (event === 'push' ? 'a tag push' : event));
}

/** Publishing jobs and publish steps whose `if:` needs a branch ref in a workflow only tags start. */
export function branchRefOnTags(workflow: Workflow): Finding[] {
  const events = tagOnlyEvents(workflow.root);
  if (!events) return [];
  const findings: Finding[] = [];
  for (const job of workflow.jobs.filter((j) => j.publishes)) {
    const targets = [{ map: job.node, step: false }, ...job.steps.filter((s) => s.publishes).map((s) => ({ map: s.node, step: true }))];
    for (const { map, step } of targets) {
      const node = map.get('if', true);
      const ref = isScalar(node) && typeof node.value === 'string' ? requiredBranchRef(node.value) : undefined;
      if (ref === undefined) continue;
      findings.push(
        workflow.finding(
          'branch-ref-on-tag',
          'warning',
          `The if: of ${step ? 'a publish step of ' : ''}job "${job.id}" needs github.ref to be the branch ${ref}, but ${events.join(' and ')} ${events.length > 1 ? 'set' : 'sets'} it to the tag (refs/tags/...): ${step ? 'the step' : 'the job'} never runs, so nothing is published.`,
          workflow.lineOf(node),
          "Drop the branch test (what starts the workflow already chooses the release), or test the tag instead: startsWith(github.ref, 'refs/tags/').",
        ),
      );
    }
  }
  return findings;
}
