// The GitLab and CircleCI job for one package: rendered, merged into the existing CI file (or
// refused, with the text to paste), and the npmjs.com values for it.
import type { Answers, Detected, PackageInfo, PublisherSettings, RepoRef } from '../core/model.js';
import {
  CIRCLECI_CONFIG_FILE,
  GITLAB_CI_FILE,
  GITLAB_JOB_NAME,
  circleciPublisher,
  gitlabPublisher,
  mergeIntoCircleciConfig,
  mergeIntoGitlabCi,
  renderCircleciParts,
  renderGitlabJob,
  type MergeResult,
} from '../providers/index.js';
import { lockfileInReach } from '../detect/lockfile-reach.js';
import { AnswerError } from '../core/errors.js';

export interface CiJob {
  /** The repository the provider runs for (GitLab namespace/project; CircleCI from the VCS origin). */
  repo: RepoRef;
  /** The CI file, relative to the repository root. */
  path: string;
  existing?: string;
  merged: MergeResult;
  publisher: PublisherSettings;
  /** Shown beside the file in the plan. */
  reason: string;
}

/** `a/b/c` -> owner `a/b`, name `c`. */
function splitPath(path: string): RepoRef {
  const slash = path.lastIndexOf('/');
  return { owner: path.slice(0, slash), name: path.slice(slash + 1) };
}

/** An answer the provider cannot do without; resolveDefaults asks for it first, so this is a backstop. */
function required<K extends keyof Answers>(value: string | undefined, answer: K): string {
  if (!value) throw new AnswerError(answer, 'missing', 'It is needed to publish from this provider');
  return value;
}

const existingFile = (d: Detected, path: string) => d.ciFiles.find((f) => f.path === path)?.content;

function packageFacts(d: Detected, answers: Answers, pkg: PackageInfo) {
  return {
    packageDir: pkg.dir,
    lockfile: lockfileInReach(d, answers.packageManager, pkg.dir),
    yarnClassic: answers.packageManager === 'yarn' && d.packageManager.yarnClassic === true,
    packageName: pkg.name ?? '',
    hasBuild: Boolean(pkg.scripts.build),
    hasTest: Boolean(pkg.scripts.test),
  };
}

export function gitlabJob(d: Detected, answers: Answers, pkg: PackageInfo): CiJob {
  const repo = splitPath(required(answers.gitlabProject, 'gitlabProject'));
  const ciFile = answers.ciFile ?? GITLAB_CI_FILE;
  const job = renderGitlabJob({
    namespace: repo.owner,
    project: repo.name,
    environment: answers.environment,
    node: answers.node,
    packageManager: answers.packageManager,
    ciFile,
    ...packageFacts(d, answers, pkg),
  });
  const existing = existingFile(d, ciFile);
  return {
    repo,
    path: ciFile,
    ...(existing === undefined ? {} : { existing }),
    merged: mergeIntoGitlabCi(existing, job, GITLAB_JOB_NAME),
    publisher: gitlabPublisher(pkg.name ?? '', { namespace: repo.owner, project: repo.name, ciFile, environment: answers.environment }),
    reason: 'adds a job that publishes to npm with trusted publishing (OIDC) on v* tags, no token',
  };
}

export function circleciJob(d: Detected, answers: Answers, pkg: PackageInfo): CiJob {
  const vcsOrigin = required(answers.vcsOrigin, 'vcsOrigin');
  const ids = {
    orgId: required(answers.circleciOrgId, 'circleciOrgId'),
    projectId: required(answers.circleciProjectId, 'circleciProjectId'),
    pipelineDefinitionId: required(answers.circleciPipelineId, 'circleciPipelineId'),
    vcsOrigin,
    contextIds: (answers.circleciContexts ?? []).map((c) => c.id),
  };
  const parts = renderCircleciParts({
    ...ids,
    contextNames: (answers.circleciContexts ?? []).map((c) => c.name),
    node: answers.node,
    packageManager: answers.packageManager,
    ...packageFacts(d, answers, pkg),
  });
  const existing = existingFile(d, CIRCLECI_CONFIG_FILE);
  return {
    // github.com/owner/repo: the host is not part of the repository's name.
    repo: splitPath(vcsOrigin.slice(vcsOrigin.indexOf('/') + 1)),
    path: CIRCLECI_CONFIG_FILE,
    ...(existing === undefined ? {} : { existing }),
    merged: mergeIntoCircleciConfig(existing, parts),
    publisher: circleciPublisher(pkg.name ?? '', ids),
    reason: 'adds a job and workflow that publish to npm with trusted publishing (OIDC) on v* tags, no token',
  };
}
