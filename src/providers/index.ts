// The CI providers besides GitHub Actions: renderers, mergers, npm publisher settings, refusals.
export { mergeIntoCircleciConfig } from './circleci/merge.js';
export {
  CIRCLECI_CONFIG_FILE,
  CIRCLECI_JOB_NAME,
  circleciPublisher,
  circleciPublisherFields,
  renderCircleciConfig,
  renderCircleciParts,
  type CircleciInput,
  type CircleciParts,
  type CircleciPublisherInput,
} from './circleci/config.js';
export { mergeIntoGitlabCi } from './gitlab/merge.js';
export {
  GITLAB_CI_FILE,
  GITLAB_JOB_NAME,
  gitlabPublisher,
  gitlabPublisherFields,
  renderGitlabJob,
  type GitlabJobInput,
  type GitlabPublisherInput,
} from './gitlab/job.js';
export type { ProviderPublisher } from './publisher.js';
export { providerForHost, unsupportedProviderReason, type SupportedProvider } from './unsupported.js';
export { ProviderInputError } from './validate.js';
export { type MergeResult } from './yaml-merge.js';
