// Where a publishing job publishes, as the audit model reads it (audit/registry.ts). Trusted
// publishing exists only on registry.npmjs.org: a job that publishes only to another registry
// (GitHub Packages, a private one) is out of scope, and a proxy in front of npmjs.com (Wombat
// Dressing Room) is switched only with consent.
import { registryKind } from '../audit/publish-rule.js';
import { npmPublishSteps, stepRegistry } from '../audit/registry.js';
import type { Job, Workflow } from '../audit/workflow-model.js';

export const isProxy = (url: string): boolean => registryKind(url) === 'proxy';
export const isNpmjs = (url: string): boolean => registryKind(url) === 'npmjs';

/** The registries a model job publishes to, when none of them is npmjs.com or a proxy for it; else undefined. */
export function elsewhereOnly(workflow: Workflow, job: Job): string[] | undefined {
  if (!job.publishes || npmPublishSteps(workflow, job).length > 0) return undefined;
  return [...new Set(job.steps.filter((step) => step.publishes).map((step) => stepRegistry(workflow, job, step) ?? 'another registry'))];
}
