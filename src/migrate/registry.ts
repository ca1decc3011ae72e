// Where a publishing job publishes, as the audit model reads it (audit/registry.ts). Trusted
// publishing exists only on registry.npmjs.org: a job that publishes only to another registry
// (GitHub Packages, a private one) is out of scope, and a proxy in front of npmjs.com (Wombat
// Dressing Room) is switched only with consent.
import { registryKind } from '../audit/publish-rule.js';
import { npmPublishSteps, stepRegistry } from '../audit/registry.js';
import type { Job, Workflow } from '../audit/workflow-model.js';

export const isProxy = (url: string): boolean => registryKind(url) === 'proxy';
export const isNpmjs = (url: string): boolean => registryKind(url) === 'npmjs';

/** A script line that points npm (or one scope) at registry.npmjs.com: `npm set @x:registry=https://registry.npmjs.com/`. */
const SETS_DOT_COM = /(\bregistry\b['"]?[=\s]+['"]?https?:\/\/)registry\.npmjs\.com\b/gi;

/**
 * `line` with registry.npmjs.com written registry.npmjs.org where it sets a registry. Both names
 * serve the same registry, but npm asks the CI provider for an ID token whose audience is
 * `npm:` and the host of the registry the package goes to, and trusted publishing is documented
 * for `npm:registry.npmjs.org` only.
 */
export const dotOrgRegistry = (line: string): string => line.replace(SETS_DOT_COM, '$1registry.npmjs.org');

/** The registries a model job publishes to, when none of them is npmjs.com or a proxy for it; else undefined. */
export function elsewhereOnly(workflow: Workflow, job: Job): string[] | undefined {
  if (!job.publishes || npmPublishSteps(workflow, job).length > 0) return undefined;
  return [...new Set(job.steps.filter((step) => step.publishes).map((step) => stepRegistry(workflow, job, step) ?? 'another registry'))];
}
