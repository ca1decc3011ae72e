// The `npm trust <provider>` command lines: the terminal's way to add the same trusted
// publisher the npmjs.com form adds. Arguments after `npm`; quote them with shellCommand.
import type { RepoRef } from '../core/model.js';

/** A GitHub Actions trusted publisher, as `npm trust github` takes it. */
export interface GithubTrust {
  repo: RepoRef;
  /** Bare workflow file name npm matches. */
  workflow: string;
  environment: string | null;
  /** Only `npm stage publish` (--allow-stage-publish) instead of `npm publish`. */
  stage: boolean;
}

/** The `npm trust github` options after the package name. */
export function githubTrustFlags(t: GithubTrust): string[] {
  const args = ['--file', t.workflow, '--repo', `${t.repo.owner}/${t.repo.name}`];
  if (t.environment) args.push('--env', t.environment);
  args.push(t.stage ? '--allow-stage-publish' : '--allow-publish');
  return args;
}

export const githubTrustArgs = (packageName: string, t: GithubTrust): string[] => ['trust', 'github', packageName, ...githubTrustFlags(t)];

/** `npm trust gitlab`: `ciFile` is a bare file name (npm's --file takes no folder). */
export function gitlabTrustArgs(packageName: string, t: { ciFile: string; project: string; environment: string | null }): string[] {
  const args = ['trust', 'gitlab', packageName, '--file', t.ciFile, '--project', t.project];
  if (t.environment !== null) args.push('--env', t.environment);
  args.push('--allow-publish');
  return args;
}

/** A CircleCI trusted publisher, as `npm trust circleci` (and npm's form) takes it. */
export interface CircleciTrust {
  orgId: string;
  projectId: string;
  pipelineDefinitionId: string;
  /** `github.com/owner/repo`, as CircleCI shows it. */
  vcsOrigin: string;
  /** IDs for npm's optional "Context IDs" field. */
  contextIds?: readonly string[];
}

export function circleciTrustArgs(packageName: string, t: CircleciTrust): string[] {
  const args = ['trust', 'circleci', packageName, '--org-id', t.orgId, '--project-id', t.projectId];
  args.push('--pipeline-definition-id', t.pipelineDefinitionId, '--vcs-origin', t.vcsOrigin);
  for (const id of t.contextIds ?? []) args.push('--context-id', id);
  args.push('--allow-publish');
  return args;
}
