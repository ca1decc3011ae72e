// The shapes the CI providers besides GitHub Actions add (re-exported by model.ts).
import type { TokenUse } from './model.js';

/** Where the publish job runs: the CI services npm trusts for trusted publishing. */
export const CI_PROVIDERS = ['github', 'gitlab', 'circleci'] as const;
export type CiProvider = (typeof CI_PROVIDERS)[number];

/** A CI configuration file of another provider than GitHub Actions. */
export interface CiFile {
  provider: 'gitlab' | 'circleci';
  /** Path relative to the repository root, e.g. `.gitlab-ci.yml`. */
  path: string;
  content: string;
  /** True when a line runs a publish command. */
  publishes: boolean;
  tokenUses: TokenUse[];
}

/** A CircleCI context the publish job uses: npm matches its ID, the workflow names it. */
export interface CircleciContext {
  id: string;
  name: string;
}

/** The answers of the GitLab and CircleCI questions (part of Answers). */
export interface ProviderAnswers {
  /** GitLab: `namespace/project`, subgroups included, as in the project URL. */
  gitlabProject?: string;
  /** GitLab: the top-level CI file, relative to the repository root. */
  ciFile?: string;
  /** CircleCI: organization, project and pipeline definition IDs (UUIDs). */
  circleciOrgId?: string;
  circleciProjectId?: string;
  circleciPipelineId?: string;
  /** CircleCI: `github.com/owner/repo`, as CircleCI shows it. */
  vcsOrigin?: string;
  circleciContexts?: CircleciContext[];
}

/** An edit the product could not make safely: the user pastes it (e.g. next to a hand-written job of the same name). */
export interface ManualEdit {
  path: string;
  /** Why it was not written, in one sentence. */
  reason: string;
  /** The text to paste. */
  snippet: string;
}
