// pull-request-publish: a job that publishes with trusted publishing in a workflow that pull
// requests start. npm's trusted publisher matches the repository, the workflow file and the
// environment (when one is set), not the event or the branch: any run of the file that reaches the
// publish step with an OIDC token can publish. GitHub gives a pull request from a fork no OIDC
// token on `pull_request` (id-token is read at most there), but gives it on `pull_request_target`,
// which runs in this repository's context.
import { isMap, isScalar, isSeq } from 'yaml';
import type { Finding } from '../core/model.js';
import { effectivePermissions, grantsWrite } from './rules-permissions.js';
import { npmPublishSteps } from './registry.js';
import { text, value, type Job, type Step, type Workflow } from './workflow-model.js';

type PullRequestEvent = 'pull_request' | 'pull_request_target';
const EVENTS: readonly PullRequestEvent[] = ['pull_request', 'pull_request_target'];

/** The events that start the workflow. */
function events(workflow: Workflow): string[] {
  const on = value(workflow.root, 'on');
  if (isScalar(on)) return [String(on.value)];
  if (isSeq(on)) return on.items.flatMap((item) => (isScalar(item) ? [String(item.value)] : []));
  if (isMap(on)) return on.items.flatMap((item) => (isScalar(item.key) ? [String(item.key.value)] : []));
  return [];
}

/**
 * Does an `if:` keep runs of `event` out? Read only when it is one condition or several joined
 * by `&&`: `github.event_name == 'push'`, `github.event_name != 'pull_request'`, a tag ref, a
 * merged pull request (a maintainer merged it), or, for pull_request only, a branch ref (its ref
 * is refs/pull/N/merge; pull_request_target runs on the base branch's ref).
 */
export function keepsOut(condition: string | undefined, event: PullRequestEvent): boolean {
  if (condition === undefined || /\|\||!\s*\(/.test(condition)) return false;
  const name = /github\.event_name\s*==\s*['"]([\w-]+)['"]/.exec(condition)?.[1];
  if (name !== undefined && name !== event) return true;
  if (new RegExp(`github\\.event_name\\s*!=\\s*['"]${event}['"]`).test(condition)) return true;
  if (/(?<!!\s*)startsWith\(\s*github\.ref\s*,\s*['"]refs\/tags\//i.test(condition) || /github\.ref_type\s*==\s*['"]tag['"]/.test(condition)) return true;
  if (/github\.event\.pull_request\.merged\s*(?:==\s*true\b|&&|$)/.test(condition.trim())) return true;
  return event === 'pull_request' && /github\.ref\s*==\s*['"]refs\/(?:heads|tags)\//.test(condition);
}

const condition = (node: Job['node'] | Step['node']): string | undefined => text(node, 'if');

export function pullRequestPublish(workflow: Workflow): Finding[] {
  const started = EVENTS.filter((event) => events(workflow).includes(event));
  if (started.length === 0) return [];
  const findings: Finding[] = [];
  for (const job of workflow.jobs.filter((j) => j.publishes)) {
    const steps = npmPublishSteps(workflow, job);
    if (steps.length === 0 || !grantsWrite(effectivePermissions(workflow, job), 'id-token')) continue;
    const reached = started.filter((event) => !keepsOut(condition(job.node), event) && !steps.every((step) => keepsOut(condition(step.node), event)));
    if (reached.length === 0) continue;
    const target = reached.includes('pull_request_target');
    const who = target
      ? 'pull_request_target runs in this repository\'s context, so a pull request from a fork gets the OIDC token too, and can publish'
      : 'a pull request from a branch of this repository can publish (one from a fork gets no OIDC token on pull_request)';
    findings.push(
      workflow.finding(
        'pull-request-publish',
        target ? 'warning' : 'info',
        `Job "${job.id}" publishes with trusted publishing and runs on ${reached.join(' and ')}: npm's trusted publisher matches the workflow file (and environment, when set), not the event, so any run of this file that reaches the publish step can publish; ${who}.`,
        job.line,
        `Keep pull requests out of the publish job (\`if: github.event_name != '${reached[0]}'\`), or publish from a workflow that runs on release or a tag push, or name an environment with required reviewers in the trusted publisher.`,
      ),
    );
  }
  return findings;
}
