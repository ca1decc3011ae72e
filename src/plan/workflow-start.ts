// How a workflow is started (read from its `on:` block by migrate/workflow-start.ts): what the
// checklist's "publish a release" step tells the user to do for a migrated workflow.
// No YAML parser here: the checklist is on the start-up path.
import { filterMatches } from './release-tag.js';

export interface WorkflowStart {
  release: boolean;
  /** A push of a tag (`push: tags:`). */
  tag: boolean;
  dispatch: boolean;
  /** The branches a push to which starts it (`['*']` when a push to any branch does); empty: no branch push. */
  branchPush: string[];
  /** The branches its `branches-ignore` leaves out (a push to any other starts it). */
  branchesIgnored: string[];
  pullRequest: boolean;
  /** The `workflow_dispatch` inputs that are required and have no default: a hand start must give them. */
  inputs?: string[];
}

/** True when a push to `branch` starts the workflow. */
export const pushStarts = (started: WorkflowStart, branch: string): boolean =>
  started.branchPush.some((pattern) => pattern === '*' || filterMatches(pattern, branch)) && !started.branchesIgnored.some((pattern) => filterMatches(pattern, branch));

