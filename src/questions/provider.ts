// Where the publish job runs, and the GitLab questions. GitLab and CircleCI jobs publish one package
// on a pushed v* tag: the GitHub-only questions (repository, workflow, trigger, release tool) do not
// apply to them, and theirs do not apply to GitHub.
import { CI_PROVIDERS, type Answers, type CiProvider, type Detected } from '../core/model.js';
import { providerForHost, unsupportedProviderReason } from '../providers/unsupported.js';
import { cimgNodeTag } from '../providers/circleci/validate.js';
import { gitlabCiFile, gitlabNamespace, gitlabProject as checkGitlabProject, nodeVersion, ProviderInputError } from '../providers/validate.js';
import { GITLAB_CI_PATH } from '../detect/ci-files.js';
import { fail, ok, type Parsed, type SelectQuestion, type TextQuestion } from './types.js';

export const PROVIDER_NAMES: Record<CiProvider, string> = { github: 'GitHub Actions', gitlab: 'GitLab CI/CD', circleci: 'CircleCI' };

/** An `applies` for questions of some providers; true while the provider is not known yet. */
export const forProviders =
  (...providers: CiProvider[]) =>
  (answers: Partial<Answers>): boolean =>
    answers.provider === undefined || providers.includes(answers.provider);

/** A provider validator (which throws) as a parse result. */
export function checkedBy<T>(check: () => T): Parsed<T> {
  try {
    return ok(check());
  } catch (error) {
    if (error instanceof ProviderInputError) return fail(error.message);
    throw error;
  }
}

/**
 * The provider the repository points to: its host (github.com, gitlab.com), or CircleCI when a
 * CircleCI config is there and nothing else publishes (a CircleCI project usually lives on GitHub).
 * GitHub when nothing says otherwise; an unsupported host is refused before this is asked.
 */
export function detectedProvider(d: Detected): CiProvider {
  const fromHost = d.git.host ? providerForHost(d.git.host) : undefined;
  const circleci = d.ciFiles.some((f) => f.provider === 'circleci');
  const othersPublish = d.workflows.some((w) => w.publishes) || d.ciFiles.some((f) => f.provider === 'gitlab' && f.publishes);
  if (circleci && !othersPublish) return 'circleci';
  return fromHost ?? 'github';
}

export const provider: SelectQuestion<'provider'> = {
  id: 'provider',
  kind: 'select',
  flag: 'provider',
  label: 'Publish from',
  help: 'The CI service whose job publishes; npm trusts GitHub Actions, GitLab.com and CircleCI cloud.',
  choices: [
    { value: 'github', label: 'GitHub Actions', hint: 'a workflow in .github/workflows' },
    { value: 'gitlab', label: 'GitLab CI/CD', hint: 'a job in .gitlab-ci.yml, GitLab.com only' },
    { value: 'circleci', label: 'CircleCI', hint: 'cloud; needs the organization, project and pipeline IDs' },
  ],
  defaultValue: detectedProvider,
  // The host says it, and no CircleCI config suggests the job runs elsewhere.
  certain: (d) => d.git.host !== undefined && providerForHost(d.git.host) !== undefined && !d.ciFiles.some((f) => f.provider === 'circleci'),
  parse: (input) => {
    const value = input.trim();
    if ((CI_PROVIDERS as readonly string[]).includes(value)) return ok(value as CiProvider);
    const alias = providerForHost(value);
    if (alias) return ok(alias);
    return fail(unsupportedProviderReason(value) ?? `Choose one of: ${CI_PROVIDERS.join(', ')}.`);
  },
  format: (v) => v ?? '',
};

/** `namespace/project`, each part checked by GitLab's path rules. */
export function parseGitlabProject(input: string): Parsed<string> {
  const value = input.trim().replace(/^https?:\/\/gitlab\.com\//, '');
  const slash = value.lastIndexOf('/');
  if (slash <= 0) return fail('Write the project as namespace/project (subgroups too: group/sub/project), as in its URL.');
  return checkedBy(() => `${gitlabNamespace(value.slice(0, slash))}/${checkGitlabProject(value.slice(slash + 1))}`);
}

export const gitlabProject: TextQuestion<'gitlabProject'> = {
  id: 'gitlabProject',
  kind: 'text',
  flag: 'gitlab-project',
  label: 'GitLab project',
  help: 'namespace/project as in the project URL (subgroups included); npm matches it exactly, case too.',
  whereToFind: 'the path after gitlab.com/ in the project URL',
  optional: true,
  defaultValue: (d) => {
    if (d.git.host !== 'gitlab.com' || !d.git.slug) return undefined;
    const parsed = parseGitlabProject(d.git.slug);
    return parsed.ok ? parsed.value : undefined;
  },
  certain: (d) => gitlabProject.defaultValue(d) !== undefined,
  applies: forProviders('gitlab'),
  parse: parseGitlabProject,
  format: (v) => v ?? '',
};

export const ciFile: TextQuestion<'ciFile'> = {
  id: 'ciFile',
  kind: 'text',
  flag: 'ci-file',
  label: 'GitLab CI file',
  help: 'The top-level CI file (Settings → CI/CD → CI/CD configuration file); the job goes in it, and npm matches its path.',
  optional: true,
  defaultValue: () => GITLAB_CI_PATH,
  certain: () => false,
  applies: forProviders('gitlab'),
  parse: (input) => checkedBy(() => gitlabCiFile(input.trim())),
  format: (v) => v ?? '',
};

/**
 * What a GitLab or CircleCI job cannot do with these answers, and the question that decides it;
 * undefined when fine. The jobs publish one package from its folder, on the provider's Node image.
 */
export function providerConflict(answers: Pick<Answers, 'provider' | 'packages' | 'node'>): { id: keyof Answers; message: string } | undefined {
  if (answers.provider === 'github') return undefined;
  const name = PROVIDER_NAMES[answers.provider];
  if (answers.packages.length > 1) {
    return {
      id: 'packages',
      message: `The ${name} job publishes one package: choose one with --packages, or publish several from GitHub Actions (--provider github).`,
    };
  }
  const node = checkedBy(() => (answers.provider === 'circleci' ? cimgNodeTag(answers.node) : nodeVersion(answers.node)));
  return node.ok ? undefined : { id: 'node', message: `--node: ${node.reason}` };
}
