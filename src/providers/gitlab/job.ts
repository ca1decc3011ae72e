// The GitLab CI/CD publish job and what to enter on npmjs.com for it.
import { installLine } from '../../render/commands.js';
import type { PackageManager, PublisherField } from '../../core/model.js';
import { template } from '../../render/handlebars.js';
import type { ProviderPublisher } from '../publisher.js';
import { ALLOW_PUBLISH_FIELD, accessUrl, emptyField } from '../../npm/publisher.js';
import { gitlabTrustArgs } from '../../npm/trust-command.js';
import { shellCommand } from '../../text/shell.js';
import {
  gitlabCiFile,
  gitlabEnvironment,
  gitlabNamespace,
  gitlabProject,
  jobName as checkJobName,
  nodeVersion,
  npmPackageName,
  packageDirectory,
  packageManager as checkPackageManager,
} from '../validate.js';

export interface GitlabJobInput {
  /** `group` or `group/subgroup`, as in the project URL. */
  namespace: string;
  /** The project's path (URL slug), not its display name. */
  project: string;
  /** GitLab environment name, or null for none. */
  environment: string | null;
  /** Node.js version, the tag of the official `node` image: `24` (default choice) or `24.21`. */
  node: string;
  packageManager: PackageManager;
  /** Directory of the package relative to the repository root, '' for the root. */
  packageDir: string;
  packageName: string;
  hasBuild: boolean;
  hasTest: boolean;
  /** Whether a lockfile is in reach of packageDir (default true); without one, install is not a locked install. */
  lockfile?: boolean;
  /** Yarn 1: a locked install is `--frozen-lockfile` (Yarn 1 has no `--immutable`). */
  yarnClassic?: boolean;
  /** The top-level CI file, usually `.gitlab-ci.yml`. Only shown in the job's header comment. */
  ciFile: string;
  /** Defaults to {@link GITLAB_JOB_NAME}. */
  jobName?: string;
}

export const GITLAB_JOB_NAME = 'npm-publish';
export const GITLAB_CI_FILE = '.gitlab-ci.yml';
export const GITLAB_TEMPLATE = 'gitlab/publish-job.yml.hbs';

/** Top-level keys of .gitlab-ci.yml that are keywords, not jobs. */
export const GITLAB_GLOBAL_KEYWORDS = [
  'default', 'include', 'stages', 'variables', 'workflow', 'spec',
  // deprecated globals, still accepted by GitLab
  'image', 'services', 'cache', 'before_script', 'after_script',
  // `pages` is a job, but a special one that deploys GitLab Pages
  'pages',
] as const;

/** `$CI_COMMIT_TAG =~ /^v1.2.3/` in the canonical project. `[.]`, not `\.`, so no backslash needs escaping. */
export function gitlabRulesIf(projectPath: string): string {
  // The path is validated (no quotes, `$` or backslashes): a single-quoted GitLab string literal holds it as is.
  return `$CI_PROJECT_PATH == '${projectPath}' && $CI_COMMIT_TAG =~ /^v[0-9]+[.][0-9]+[.][0-9]+/`;
}

export function renderGitlabJob(input: GitlabJobInput): string {
  const namespace = gitlabNamespace(input.namespace);
  const project = gitlabProject(input.project);
  const node = nodeVersion(input.node);
  const packageDir = packageDirectory(input.packageDir);
  const packageManager = checkPackageManager(input.packageManager);
  return template(GITLAB_TEMPLATE)({
    jobName: checkJobName(input.jobName ?? GITLAB_JOB_NAME, GITLAB_GLOBAL_KEYWORDS),
    packageName: npmPackageName(input.packageName),
    projectPath: `${namespace}/${project}`,
    ciFile: gitlabCiFile(input.ciFile),
    environment: input.environment === null ? null : gitlabEnvironment(input.environment),
    image: `node:${node.text}`,
    rulesIf: gitlabRulesIf(`${namespace}/${project}`),
    upgradeNpm: node.major < 24,
    installCorepack: node.major >= 25,
    packageManager,
    packageDir,
    cdCommand: `cd ${packageDir}`,
    hasBuild: input.hasBuild,
    hasTest: input.hasTest,
    installCommand: installLine(packageManager, input.lockfile !== false, input.yarnClassic === true),
  });
}

export interface GitlabPublisherInput {
  namespace: string;
  project: string;
  ciFile: string;
  environment: string | null;
}

/** The fields of npm's GitLab CI/CD trusted-publisher form, in the order the form asks for them. */
export function gitlabPublisherFields(input: GitlabPublisherInput): PublisherField[] {
  const env = input.environment === null ? null : gitlabEnvironment(input.environment);
  return [
    { label: 'Publisher', value: 'GitLab CI/CD' },
    { label: 'Namespace', value: gitlabNamespace(input.namespace), note: 'group or group/subgroup, as in the project URL; case-sensitive' },
    { label: 'Project name', value: gitlabProject(input.project), note: 'the path in the URL, not the display name' },
    { label: 'Top-level CI file path', value: gitlabCiFile(input.ciFile), note: 'the file that holds the publish job, or includes it' },
    env
      ? { label: 'Environment name', value: env, note: 'must match the job' }
      : emptyField('Environment name'),
    ALLOW_PUBLISH_FIELD,
  ];
}

export function gitlabPublisher(packageName: string, input: GitlabPublisherInput): ProviderPublisher {
  const name = npmPackageName(packageName);
  const fields = gitlabPublisherFields(input);
  const ciFile = gitlabCiFile(input.ciFile);
  // `npm trust gitlab --file` takes a bare file name; a CI file in a folder is entered on the website only.
  const trust = gitlabTrustArgs(name, { ciFile, project: `${input.namespace}/${input.project}`, environment: input.environment });
  return {
    packageName: name,
    url: accessUrl(name),
    provider: 'GitLab CI/CD',
    fields,
    allow: 'npm publish',
    trustCommand: ciFile.includes('/') ? null : shellCommand('npm', ...trust),
  };
}
