// The jobs of a workflow document as the migration sees them: the live YAML nodes (to edit)
// and which ones publish (the same test the audit uses).
import { isMap, isScalar, isSeq, type YAMLMap } from 'yaml';
import { stepPublishes } from '../audit/publishing.js';
import { npmPublishSteps } from '../audit/registry.js';
import { ownCall, type Workflow } from '../audit/workflow-model.js';
import { elsewhereOnly } from './registry.js';
import { mapOf, mapsIn, nodeOf, textOf } from './nodes.js';
import type { Scopes } from './permissions.js';

export interface JobView {
  id: string;
  node: YAMLMap;
  steps: YAMLMap[];
  publishes: boolean;
  /** The steps that publish (the audit model's rule when jobViews is given the model). */
  publishing: Set<YAMLMap>;
  /** Job-level `uses:` (a reusable workflow call). */
  uses?: string;
  /** For a call of a reusable workflow that publishes: the scopes its jobs need. */
  calleeScopes?: Scopes;
  /** For a call of any other workflow of this repository: the scopes its jobs ask for. */
  calledScopes?: Scopes;
  /** The registries of a job that publishes only to others than npmjs.com (from the audit model). */
  elsewhere?: string[];
}

/** The bare file name a job calls in this repository (`./.github/workflows/x.yml`, or by its full path with `self`, -> `x.yml`). */
export function localCallee(uses: string | undefined, self?: string): string | undefined {
  const match = /^\.\/\.github\/workflows\/([^/@]+\.ya?ml)$/.exec(ownCall(uses ?? '', self));
  return match?.[1];
}

const publishesStep = (step: YAMLMap): boolean => stepPublishes(textOf(step, 'uses'), textOf(step, 'run'), mapOf(step, 'with'), mapOf(step, 'env'));

/** The steps of a job that publish. */
export const publishSteps = (job: JobView): YAMLMap[] => job.steps.filter((step) => job.publishing.has(step));

/** A job's steps that publish by the rule alone (no scripts or local actions followed). */
const publishingSteps = (steps: YAMLMap[]): YAMLMap[] => steps.filter(publishesStep);

/** True when a job publishes by the rule alone (what jobViews says without a model). */
export const jobPublishesAlone = (job: YAMLMap): boolean => mapsIn(job, 'steps').some(publishesStep);

/**
 * The jobs of a workflow. With the audit model of the same text, what publishes is taken from
 * it (one rule for doctor and migrate: scripts, local actions, token-only steps, registries),
 * jobs and steps lining up by position; a job that publishes only to another registry
 * publishes nothing here, and its registries are in `elsewhere`.
 */
export function jobViews(root: YAMLMap, callees: Readonly<Record<string, Scopes>> = {}, model?: Workflow, self?: string): JobView[] {
  const byId = new Map<string, Workflow['jobs'][number]>();
  for (const job of model?.jobs ?? []) if (!byId.has(job.id)) byId.set(job.id, job);
  const jobs = mapOf(root, 'jobs');
  const views: JobView[] = [];
  for (const item of jobs?.items ?? []) {
    if (!isScalar(item.key) || !isMap(item.value)) continue;
    const node = item.value;
    const id = String(item.key.value);
    const steps = mapsIn(node, 'steps');
    const written = textOf(node, 'uses');
    const uses = written === undefined ? undefined : ownCall(written, self);
    const callee = localCallee(uses);
    const job = byId.get(id);
    const view: JobView = { id, node, steps, publishes: false, publishing: new Set(), ...(uses !== undefined ? { uses } : {}), ...(callee && callees[callee] ? { calleeScopes: callees[callee] } : {}) };
    if (model && job && job.steps.length === steps.length) {
      const other = elsewhereOnly(model, job);
      if (other) view.elsewhere = other;
      const npm = new Set(npmPublishSteps(model, job));
      view.publishing = new Set(steps.filter((_, i) => npm.has(job.steps[i]!)));
      view.publishes = job.publishes && !other;
    } else {
      const publishing = publishingSteps(steps);
      view.publishing = new Set(publishing);
      view.publishes = publishing.length > 0;
    }
    views.push(view);
  }
  return views;
}

/** True when the workflow can be called by others (`on: workflow_call` in any form). */
/** A reusable workflow that also starts itself (`workflow_dispatch`, `push`...): npm sees the file itself as the workflow that runs. */
export function startsItself(root: YAMLMap): boolean {
  const on = nodeOf(root, 'on');
  const names = isScalar(on) ? [on.value] : isMap(on) ? on.items.map((item) => (isScalar(item.key) ? item.key.value : undefined)) : isSeq(on) ? on.items.map((item) => (isScalar(item) ? item.value : undefined)) : [];
  return names.some((name) => typeof name === 'string' && name !== 'workflow_call');
}

export function isReusable(root: YAMLMap): boolean {
  const on = nodeOf(root, 'on');
  if (isScalar(on)) return on.value === 'workflow_call';
  if (isMap(on)) return on.items.some((item) => isScalar(item.key) && item.key.value === 'workflow_call');
  return isSeq(on) && on.items.some((item) => isScalar(item) && item.value === 'workflow_call');
}
