// Why this product refuses some CI providers and runners, in words a user can act on.
// npm trusted publishing accepts ID tokens from GitHub-hosted runners, GitLab.com shared runners and
// CircleCI cloud only; anything else ends in an E404/E422 at publish time, after the token is gone.

export type SupportedProvider = 'github' | 'gitlab' | 'circleci';

const SUPPORTED_LINE =
  'npm trusted publishing accepts only GitHub Actions (GitHub-hosted runners), GitLab CI/CD on GitLab.com ' +
  '(GitLab-hosted shared runners) and CircleCI cloud.';

/** Known names of CI services and source hosts, lower case, with what to say about each. */
const REASONS: Record<string, string> = {
  'self-hosted':
    'Self-hosted runners cannot publish with trusted publishing: npm refuses their ID tokens (E422 "runner environment: self-hosted"). ' +
    'Run only the publish job on a hosted runner (GitHub-hosted, GitLab.com shared, CircleCI cloud Docker), and keep the rest where it is.',
  'gitlab-self-managed':
    'GitLab trusted publishing works only for projects on GitLab.com: npm trusts GitLab.com as the ID token issuer, not a self-managed GitLab. ' +
    'Mirror the project to GitLab.com or GitHub and publish from there, or keep a granular token (it can only stage publishes from January 2027).',
  'circleci-server':
    'CircleCI server (self-hosted) and CircleCI self-hosted runners are not trusted by npm: use a Docker or machine job on CircleCI cloud for the publish.',
  bitbucket:
    'Bitbucket Pipelines is not a trusted publisher for npm. Connect the repository to CircleCI cloud and publish from there, or mirror it to GitHub.',
  'azure-devops':
    'Azure Pipelines is not a trusted publisher for npm. Publish from GitHub Actions (a mirror of the repository is enough) or CircleCI cloud.',
  jenkins: 'Jenkins is not a trusted publisher for npm (and is self-hosted). Publish from GitHub Actions, GitLab.com or CircleCI cloud.',
  travis: 'Travis CI is not a trusted publisher for npm. Move the publish job to GitHub Actions, GitLab.com or CircleCI cloud.',
  woodpecker: 'Woodpecker CI is not a trusted publisher for npm. Move the publish job to GitHub Actions, GitLab.com or CircleCI cloud (a mirror of the repository is enough for GitHub).',
  drone: 'Drone CI is not a trusted publisher for npm. Move the publish job to GitHub Actions, GitLab.com or CircleCI cloud (a mirror of the repository is enough for GitHub).',
  buildkite: 'Buildkite is not among the providers npm documents for trusted publishing. Publish from GitHub Actions, GitLab.com or CircleCI cloud.',
  'gitea-forgejo':
    'Gitea, Forgejo and Codeberg Actions are not trusted publishers for npm. Mirror the repository to GitHub or GitLab.com and publish from there.',
  'github-enterprise-server':
    'GitHub Enterprise Server is self-hosted and not trusted by npm. Publish from github.com (a mirror of the repository is enough).',
};

/** Aliases: hosts and common spellings, mapped to a key of REASONS or to a supported provider. */
const ALIASES: Record<string, string> = {
  'github.com': 'github', 'github actions': 'github', 'github-actions': 'github', github: 'github',
  'gitlab.com': 'gitlab', gitlab: 'gitlab', 'gitlab ci': 'gitlab', 'gitlab-ci': 'gitlab',
  'circleci.com': 'circleci', circleci: 'circleci', 'app.circleci.com': 'circleci',
  'bitbucket.org': 'bitbucket', 'bitbucket pipelines': 'bitbucket', bitbucket: 'bitbucket',
  'dev.azure.com': 'azure-devops', 'visualstudio.com': 'azure-devops', azure: 'azure-devops', 'azure pipelines': 'azure-devops',
  'travis-ci.com': 'travis', 'travis-ci.org': 'travis', travis: 'travis', 'travis ci': 'travis',
  woodpecker: 'woodpecker', 'woodpecker ci': 'woodpecker', drone: 'drone', 'drone ci': 'drone',
  jenkins: 'jenkins', 'buildkite.com': 'buildkite', buildkite: 'buildkite',
  'codeberg.org': 'gitea-forgejo', gitea: 'gitea-forgejo', forgejo: 'gitea-forgejo', 'gitea.com': 'gitea-forgejo',
  'self-hosted': 'self-hosted', 'self hosted': 'self-hosted',
};

/**
 * Null when `hostOrProvider` (a git host like `gitlab.example.com`, or a provider name) is supported;
 * otherwise a paragraph that says why not and what to do instead.
 */
export function unsupportedProviderReason(hostOrProvider: string): string | null {
  const key = hostOrProvider.trim().toLowerCase().replace(/^www\./, '');
  const alias = ALIASES[key];
  if (alias === 'github' || alias === 'gitlab' || alias === 'circleci') return null;
  const reason = alias ? REASONS[alias] : REASONS[key];
  if (reason) return `${reason} ${SUPPORTED_LINE}`;
  // A host we do not know: a GitHub Enterprise or GitLab self-managed host usually says so in its name.
  if (/(^|\.)gitlab\./.test(key)) return `${REASONS['gitlab-self-managed']} ${SUPPORTED_LINE}`;
  if (/(^|\.)github\./.test(key)) return `${REASONS['github-enterprise-server']} ${SUPPORTED_LINE}`;
  return `${JSON.stringify(hostOrProvider)} is not a CI service npm trusts for publishing. ${SUPPORTED_LINE} Publish from one of them (a mirror of the repository is enough for GitHub).`;
}

/** The supported provider for a git host, when there is one. */
export function providerForHost(host: string): SupportedProvider | undefined {
  const alias = ALIASES[host.trim().toLowerCase().replace(/^www\./, '')];
  return alias === 'github' || alias === 'gitlab' || alias === 'circleci' ? alias : undefined;
}

/**
 * Why a GitLab CI file cannot publish with trusted publishing when the remote "origin" is on
 * `host`, or null: GitLab.com (which also runs pipelines for projects it mirrors from GitHub and
 * Bitbucket Cloud) is the only GitLab npm trusts; any other host is a self-managed GitLab.
 */
export function gitlabCiHostReason(host: string): string | null {
  const key = host.trim().toLowerCase().replace(/^www\./, '');
  return ['gitlab.com', 'github.com', 'bitbucket.org'].includes(key) ? null : `${REASONS['gitlab-self-managed']}\n${SUPPORTED_LINE}`;
}
