// What starts a migrated workflow, read from its `on:` block, for the checklist's "publish a release" step.
import { isMap, isScalar, isSeq, parseDocument, type YAMLMap } from 'yaml';
import type { WorkflowStart } from '../plan/workflow-start.js';

const names = (node: unknown): string[] =>
  isSeq(node) ? node.items.flatMap((item) => (isScalar(item) && item.value !== null ? [String(item.value)] : [])) : isScalar(node) && node.value !== null ? [String(node.value)] : [];

/** The events of a workflow's `on:` and how a push starts it; undefined when the file or its `on:` cannot be read. */
export function workflowStart(content: string): WorkflowStart | undefined {
  let root: unknown;
  try {
    root = parseDocument(content).contents;
  } catch {
    return undefined;
  }
  if (!isMap(root)) return undefined;
  const on = root.get('on', true);
  const events = isMap(on) ? on.items.flatMap((p) => (isScalar(p.key) ? [String(p.key.value)] : [])) : names(on);
  if (events.length === 0) return undefined;
  const push = isMap(on) ? (on.get('push', true) as unknown) : undefined;
  const filters = isMap(push) ? (push as YAMLMap) : undefined;
  const dispatch = isMap(on) ? on.get('workflow_dispatch', true) : undefined;
  const declared = isMap(dispatch) ? dispatch.get('inputs', true) : undefined;
  const inputs = isMap(declared) ? declared.items.flatMap((p) => (isScalar(p.key) && isMap(p.value) && p.value.get('required') === true && !p.value.has('default') ? [String(p.key.value)] : [])) : [];
  const branches = names(filters?.get('branches', true));
  const tags = names(filters?.get('tags', true));
  // A push with no ref filter starts on every branch and tag; one with tags only, on those tags; `branches-ignore`: on the other branches.
  const anyBranch = events.includes('push') && branches.length === 0 && (tags.length === 0 || filters?.has('branches-ignore') === true);
  return {
    release: events.includes('release'),
    tag: tags.length > 0 || (events.includes('push') && filters?.has('tags') !== true && filters?.has('branches') !== true && filters?.has('branches-ignore') !== true),
    dispatch: events.includes('workflow_dispatch'),
    branchPush: anyBranch ? ['*'] : branches,
    branchesIgnored: names(filters?.get('branches-ignore', true)),
    pullRequest: events.includes('pull_request') || events.includes('pull_request_target'),
    ...(inputs.length > 0 ? { inputs } : {}),
  };
}
