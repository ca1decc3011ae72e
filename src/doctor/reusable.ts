// Reusable publish workflows: npm matches the CALLER's workflow file name (the top-level
// workflow in the OIDC token), and the caller's job must grant id-token: write too.
import { isMap } from 'yaml';
import type { Finding } from '../core/model.js';
import type { Workflow } from '../audit/index.js';
import { effectivePermissions, grantsWrite } from '../audit/rules-permissions.js';
import { isReusableWorkflow, mapAt, pair, value } from '../audit/workflow-model.js';
import { scalarPairs } from '../audit/publishing.js';
import { isTokenEnv } from '../audit/token-forms.js';

export interface NamedWorkflow {
  fileName: string;
  workflow: Workflow;
}

/** A job that calls a publishing workflow without granting id-token: write. */
const callerPermissions = (workflow: Workflow, job: Workflow['jobs'][number], callee: string): Finding =>
  workflow.finding('reusable-caller-permissions', 'error', `Job "${job.id}" calls ${callee}, which publishes, but does not grant id-token: write: the called workflow cannot get an OIDC token.`, job.line, 'Add `permissions: { contents: read, id-token: write }` to the calling job.');

/** Jobs in `all` that call `fileName` from this repository. */
export function callersOf(fileName: string, all: readonly NamedWorkflow[]) {
  const target = `./.github/workflows/${fileName}`;
  return all.flatMap((caller) => caller.workflow.jobs.filter((job) => job.uses === target).map((job) => ({ caller, job })));
}

/**
 * The workflows that start `fileName`: its callers, where a caller that is itself reusable gives
 * way to the workflows that call it (npm matches the top-level workflow). A reusable caller that
 * nothing here calls stays named.
 */
function startingWorkflows(fileName: string, all: readonly NamedWorkflow[], seen = new Set<string>([fileName])): string[] {
  const names: string[] = [];
  for (const { caller } of callersOf(fileName, all)) {
    if (seen.has(caller.fileName)) continue;
    seen.add(caller.fileName);
    const above = isReusableWorkflow(caller.workflow) ? startingWorkflows(caller.fileName, all, seen) : [];
    names.push(...(above.length > 0 ? above : [caller.fileName]));
  }
  return [...new Set(names)];
}

export function reusableFindings(callee: NamedWorkflow, all: readonly NamedWorkflow[]): Finding[] {
  const { workflow } = callee;
  if (!workflow.publishes || !isReusableWorkflow(workflow)) return [];
  const on = value(workflow.root, 'on');
  const line = isMap(on) ? workflow.lineOf(pair(on, 'workflow_call')) : workflow.lineOf(pair(workflow.root, 'on'));
  const callers = callersOf(callee.fileName, all);
  const direct = [...new Set(callers.map((c) => c.caller.fileName))];
  const names = startingWorkflows(callee.fileName, all);
  const through = names.some((name) => !direct.includes(name)) ? ` (through ${direct.join(', ')})` : '';
  const findings: Finding[] = [];
  if (names.length > 0) {
    findings.push(
      workflow.finding('reusable-workflow', 'info', `${callee.fileName} is a reusable workflow called by ${names.join(', ')}${through}: npm matches the caller's file name, not ${callee.fileName}.`, line, `Enter ${names.join(' or ')} as the workflow file name of the trusted publisher on npmjs.com (one publisher per caller).`),
    );
  } else {
    findings.push(
      workflow.finding('reusable-workflow', 'info', `${callee.fileName} is a reusable workflow and nothing in this repository calls it: npm matches the calling workflow's file name and repository.`, line, 'Enter the caller\'s repository and workflow file name in the trusted publisher on npmjs.com.'),
    );
  }
  for (const { caller, job } of callers) {
    if (grantsWrite(effectivePermissions(caller.workflow, job), 'id-token')) continue;
    findings.push(
      callerPermissions(caller.workflow, job, callee.fileName),
    );
  }
  return findings;
}

/**
 * Jobs that hand an npm token to a reusable workflow (in this repository or another): the called
 * workflow publishes with it. The caller is the trusted publisher, and its job needs id-token: write.
 */
export function tokenCallFindings(named: NamedWorkflow): Finding[] {
  const { workflow } = named;
  const findings: Finding[] = [];
  for (const job of workflow.jobs.filter((j) => j.passesToken)) {
    const secrets = mapAt(job.node, 'secrets');
    for (const [name, raw] of scalarPairs(secrets)) {
      if (!isTokenEnv(name, raw)) continue;
      findings.push(workflow.finding('use-trusted-publishing', 'error', `Job "${job.id}" hands ${name} to ${job.uses}, which publishes with it.`, workflow.lineOf(pair(secrets, name)), `Remove it once the called workflow uses OIDC; the trusted publisher is ${named.fileName}.`));
    }
    // A local callee that publishes is reusableFindings' business.
    if (!job.uses!.startsWith('./') && !grantsWrite(effectivePermissions(workflow, job), 'id-token')) {
      findings.push(callerPermissions(workflow, job, job.uses!));
    }
  }
  return findings;
}
