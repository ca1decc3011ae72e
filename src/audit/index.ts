// The workflow rules as code: what `doctor` reports and what generated workflows must pass.
import type { Finding, RepoRef } from '../core/model.js';
import { adhocPackages, artipacked, cachePoisoning, invalidNeeds, invalidSteps, secretCallInputs, secretIfConditions, unpinnedUses } from './rules-actions.js';
import { dangerousTriggers, ignoredFilter, templateInjection } from './rules-injection.js';
import { excessivePermissions } from './rules-permissions.js';
import { publishRules } from './rules-publish.js';
import { pullRequestPublish } from './rules-pull-request.js';
import { branchRefOnTags } from './tag-ref-conditions.js';
import { parseWorkflow } from './workflow-model.js';
import { unknownEvent } from './trigger-events.js';
import type { PublishContext } from './publish-rule.js';

export { parseWorkflow, type Workflow, type Job, type Step } from './workflow-model.js';
export { jobHasToken, stepPublishes } from './publishing.js';
export * from './publish-rule.js';

/** Every finding id `auditWorkflow` can report. */
export const AUDIT_RULES = [
  'invalid-yaml',
  'duplicate-keys',
  'workflow-too-large',
  'invalid-step',
  'invalid-needs',
  'invalid-call-input',
  'invalid-if-context',
  'unpinned-uses',
  'excessive-permissions',
  'artipacked',
  'cache-poisoning',
  'template-injection',
  'dangerous-triggers',
  'ignored-filter',
  'unknown-event',
  'adhoc-packages',
  'use-trusted-publishing',
  'registry-proxy',
  'other-registry',
  'no-environment',
  'no-fork-guard',
  'old-npm',
  'npm-ci-no-lockfile',
  'pull-request-publish',
  'branch-ref-on-tag',
] as const;
export type AuditRule = (typeof AUDIT_RULES)[number];

/**
 * Checks one workflow file. General rules apply to every workflow; the publish rules
 * (cache-poisoning, use-trusted-publishing, no-environment, no-fork-guard, old-npm) only to
 * jobs that publish. `opts.repo` lets the fork guard be checked against the real repository.
 */
export function auditWorkflow(content: string, path: string, opts: { repo?: RepoRef; context?: PublishContext } = {}): Finding[] {
  const parsed = parseWorkflow(content, path, opts.context);
  if (!parsed.ok) return parsed.findings;
  const workflow = parsed.workflow;
  const findings = [
    ...invalidSteps(workflow),
    ...invalidNeeds(workflow),
    ...secretCallInputs(workflow),
    ...secretIfConditions(workflow),
    ...dangerousTriggers(workflow),
    ...ignoredFilter(workflow),
    ...unknownEvent(workflow),
    ...excessivePermissions(workflow),
    ...unpinnedUses(workflow),
    ...artipacked(workflow),
    ...templateInjection(workflow),
    ...adhocPackages(workflow),
    ...cachePoisoning(workflow),
    ...publishRules(workflow, opts.repo, opts.context?.readFile),
    ...pullRequestPublish(workflow),
    ...branchRefOnTags(workflow),
  ];
  return findings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}
