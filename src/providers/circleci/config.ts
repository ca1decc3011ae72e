// The CircleCI publish job and workflow, and what to enter on npmjs.com for them.
import { installLine } from '../../render/commands.js';
import type { PackageManager, PublisherField } from '../../core/model.js';
import { cimgNodeTag, circleciId, contextName, vcsOrigin as checkVcsOrigin } from './validate.js';
import { template } from '../../render/handlebars.js';
import type { ProviderPublisher } from '../publisher.js';
import { ALLOW_PUBLISH_FIELD, accessUrl, emptyField } from '../../npm/publisher.js';
import { circleciTrustArgs, type CircleciTrust } from '../../npm/trust-command.js';
import { shellCommand } from '../../text/shell.js';
import { jobName as checkJobName, npmPackageName, packageDirectory, packageManager as checkPackageManager, ProviderInputError } from '../validate.js';

export interface CircleciInput extends CircleciTrust {
  /**
   * Names of the same contexts: a CircleCI workflow names its contexts, while npm matches their IDs.
   * Required when contextIds is set.
   */
  contextNames?: string[];
  /** Node.js version: `24` (becomes cimg/node:24.21) or a major.minor tag such as `24.21`. */
  node: string;
  packageManager: PackageManager;
  packageDir: string;
  packageName: string;
  hasBuild: boolean;
  hasTest: boolean;
  /** Whether a lockfile is in reach of packageDir (default true); without one, install is not a locked install. */
  lockfile?: boolean;
  /** Yarn 1: a locked install is `--frozen-lockfile` (Yarn 1 has no `--immutable`). */
  yarnClassic?: boolean;
  /** Name of the job and of the workflow; defaults to {@link CIRCLECI_JOB_NAME}. */
  jobName?: string;
}

export const CIRCLECI_JOB_NAME = 'npm-publish';
export const CIRCLECI_CONFIG_FILE = '.circleci/config.yml';
const RESERVED = ['version', 'jobs', 'workflows', 'orbs', 'commands', 'executors', 'parameters', 'setup'] as const;

export interface CircleciParts {
  jobName: string;
  workflowName: string;
  /** `jobName:` entry for `jobs:`, at column 0, with the marker comment on top. */
  job: string;
  /** `workflowName:` entry for `workflows:`, at column 0, with the marker comment on top. */
  workflow: string;
  /** The whole `.circleci/config.yml` for a project that has none. */
  config: string;
}

function context(input: CircleciInput) {
  const contextIds = (input.contextIds ?? []).map((id) => circleciId(id, 'context ID'));
  const contextNames = (input.contextNames ?? []).map(contextName);
  if (contextIds.length > 0 && contextNames.length !== contextIds.length) {
    throw new ProviderInputError(
      'context IDs need the names of the same contexts: npm matches the IDs, but the workflow refers to contexts by name',
    );
  }
  const packageDir = packageDirectory(input.packageDir);
  const name = checkJobName(input.jobName ?? CIRCLECI_JOB_NAME, RESERVED);
  return {
    jobName: name,
    workflowName: name,
    orgId: circleciId(input.orgId, 'organization ID'),
    projectId: circleciId(input.projectId, 'project ID'),
    pipelineDefinitionId: circleciId(input.pipelineDefinitionId, 'pipeline definition ID'),
    vcsOrigin: checkVcsOrigin(input.vcsOrigin),
    contextNames,
    image: `cimg/node:${cimgNodeTag(input.node)}`,
    packageManager: checkPackageManager(input.packageManager),
    // Run steps take it relative to the job's directory, where checkout puts the repository root.
    packageDir,
    packageName: npmPackageName(input.packageName),
    hasBuild: input.hasBuild,
    hasTest: input.hasTest,
    installCommand: installLine(input.packageManager, input.lockfile !== false, input.yarnClassic === true),
  };
}

export function renderCircleciParts(input: CircleciInput): CircleciParts {
  const ctx = context(input);
  return {
    jobName: ctx.jobName,
    workflowName: ctx.workflowName,
    job: template('circleci/job.yml.hbs')(ctx),
    workflow: template('circleci/workflow.yml.hbs')(ctx),
    config: template('circleci/config.yml.hbs')(ctx),
  };
}

/** A `.circleci/config.yml` with only the publish job and its tag-filtered workflow. */
export function renderCircleciConfig(input: CircleciInput): string {
  return renderCircleciParts(input).config;
}

export type CircleciPublisherInput = CircleciTrust;

/** The fields of npm's CircleCI trusted-publisher form, in the order the form asks for them. */
export function circleciPublisherFields(input: CircleciPublisherInput): PublisherField[] {
  const contextIds = (input.contextIds ?? []).map((id) => circleciId(id, 'context ID'));
  return [
    { label: 'Publisher', value: 'CircleCI' },
    { label: 'Organization ID', value: circleciId(input.orgId, 'organization ID'), note: 'Organization Settings → Overview' },
    { label: 'Project ID', value: circleciId(input.projectId, 'project ID'), note: 'Project Settings → Overview' },
    {
      label: 'Pipeline definition ID',
      value: circleciId(input.pipelineDefinitionId, 'pipeline definition ID'),
      note: 'Project Settings → Project Setup',
    },
    { label: 'VCS origin', value: checkVcsOrigin(input.vcsOrigin), note: 'no https://, case-sensitive' },
    contextIds.length > 0
      ? { label: 'Context IDs', value: contextIds.join(', '), note: 'the publish job must use these contexts' }
      : emptyField('Context IDs'),
    ALLOW_PUBLISH_FIELD,
  ];
}

export function circleciPublisher(packageName: string, input: CircleciPublisherInput): ProviderPublisher {
  const name = npmPackageName(packageName);
  const fields = circleciPublisherFields(input);
  const value = (label: string) => fields.find((field) => field.label === label)!.value;
  const trust = circleciTrustArgs(name, {
    orgId: value('Organization ID'),
    projectId: value('Project ID'),
    pipelineDefinitionId: value('Pipeline definition ID'),
    vcsOrigin: value('VCS origin'),
    contextIds: (input.contextIds ?? []).map((id) => id.trim().toLowerCase()),
  });
  return { packageName: name, url: accessUrl(name), provider: 'CircleCI', fields, allow: 'npm publish', trustCommand: shellCommand('npm', ...trust) };
}
