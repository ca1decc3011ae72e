// excessive-permissions: least privilege for the GITHUB_TOKEN and the OIDC token.
import { isMap, isScalar, type Node } from 'yaml';
import type { Finding } from '../core/model.js';
import { needsIdTokenElsewhere } from './other-oidc.js';
import { value, type Job, type Workflow } from './workflow-model.js';

/** True when a `permissions` value grants `scope: write` (directly or through `write-all`). */
export function grantsWrite(permissions: Node | undefined, scope: string): boolean {
  if (isScalar(permissions)) return permissions.value === 'write-all';
  return isMap(permissions) && permissions.get(scope) === 'write';
}

/** The `permissions` that apply to a job: its own, else the workflow's. */
export function effectivePermissions(workflow: Workflow, job: Job): Node | undefined {
  return value(job.node, 'permissions') ?? value(workflow.root, 'permissions');
}

function writeScopes(workflow: Workflow, permissions: Node | undefined, where: string): Finding[] {
  if (isScalar(permissions) && permissions.value === 'write-all') {
    return [workflow.finding('excessive-permissions', 'warning', `${where} grants every permission (write-all).`, workflow.lineOf(permissions), 'List only the scopes needed, e.g. `contents: read`.')];
  }
  if (!isMap(permissions)) return [];
  return permissions.items
    .filter((item) => isScalar(item.value) && item.value.value === 'write')
    .map((item) => ({ item, scope: isScalar(item.key) ? String(item.key.value) : '?' }))
    .map(({ item, scope }) =>
      workflow.finding(
        'excessive-permissions',
        'warning',
        `${where} grants ${scope}: write to every job.`,
        workflow.lineOf(item),
        'Keep `permissions: {}` at the top and grant write scopes only on the job that needs them.',
      ),
    );
}

export function excessivePermissions(workflow: Workflow): Finding[] {
  const findings: Finding[] = [];
  const top = value(workflow.root, 'permissions');
  if (top === undefined) {
    const unscoped = workflow.jobs.filter((job) => value(job.node, 'permissions') === undefined);
    if (unscoped.length > 0) {
      findings.push(
        workflow.finding('excessive-permissions', 'warning', `No top-level permissions: job(s) ${unscoped.map((job) => `"${job.id}"`).join(', ')} get the repository's default GITHUB_TOKEN permissions, which may include write access.`, 1, 'Add `permissions: {}` at the top level and grant scopes per job.'),
      );
    }
  } else {
    findings.push(...writeScopes(workflow, top, 'The workflow-level permissions block'));
  }
  for (const job of workflow.jobs) {
    const own = value(job.node, 'permissions');
    if (isScalar(own) && own.value === 'write-all') {
      findings.push(...writeScopes(workflow, own, `Job "${job.id}"`));
    } else if (workflow.publishes && !job.publishes && job.uses === undefined && grantsWrite(own, 'id-token') && !needsIdTokenElsewhere(job.steps.map((step) => step.uses))) {
      findings.push(
        workflow.finding('excessive-permissions', 'warning', `Job "${job.id}" does not publish but has id-token: write.`, workflow.lineOf(isMap(own) ? own.items.find((item) => isScalar(item.key) && item.key.value === 'id-token') : own), 'Grant id-token: write only on the job that runs the publish.'),
      );
    }
  }
  return findings;
}
