// The one list of questions. The flags, the Ink wizard and the plain prompts all read it:
// an answer resolves as flag ?? prompt (interactive only) ?? default.
import { PACKAGE_MANAGERS, TRIGGERS, type Answers, type Detected } from '../core/model.js';
import { packages } from './packages.js';
import { ciFile, forProviders, gitlabProject, provider } from './provider.js';
import { circleciContexts, circleciOrgId, circleciPipelineId, circleciProjectId, vcsOrigin } from './circleci.js';
import { release, triggerApplies } from './release.js';
import { fail, ok, type ConfirmQuestion, type Parsed, type Question, type SelectQuestion, type TextQuestion } from './types.js';
import { parseEnvironment, parseGithubRepo, parseWorkflowFile } from '../validate/github.js';
import { parseNodeVersion } from '../validate/node-version.js';
import { withValue } from '../validate/parsed.js';

export type {
  Choice,
  ConfirmQuestion,
  MultiSelectQuestion,
  Parsed,
  Question,
  QuestionBase,
  SelectQuestion,
  TextQuestion,
} from './types.js';

function oneOf<T extends string>(values: readonly T[], what: string) {
  return (input: string): Parsed<T> =>
    (values as readonly string[]).includes(input) ? ok(input as T) : fail(`${what} must be one of: ${values.join(', ')}.`);
}

/** True when a package.json "repository" does not match the repository (npm fails with E422). */
export function needsRepositoryFix(d: Detected): boolean {
  return d.repositoryMismatches.length > 0;
}

const repo: TextQuestion<'repo'> = {
  id: 'repo',
  kind: 'text',
  flag: 'repo',
  label: 'GitHub repository',
  help: 'owner/name of the repository whose workflow publishes; npm checks it on every publish.',
  optional: true,
  // A fork clone (package.json names another remote's repository) is asked, never assumed;
  // the default keeps package.json as it is (the other answer repoints it at the fork).
  defaultValue: (d) => {
    if (d.fork?.host === 'github.com') return d.fork.slug;
    return d.git.github ? `${d.git.github.owner}/${d.git.github.name}` : undefined;
  },
  certain: (d) => d.git.github !== undefined && d.fork === undefined,
  applies: forProviders('github'),
  parse: (input) => withValue(parseGithubRepo(input.trim()), input.trim()),
  format: (v) => v ?? '',
};

const githubOnly = forProviders('github');

const workflow: TextQuestion<'workflow'> = {
  id: 'workflow',
  kind: 'text',
  flag: 'workflow',
  label: 'Workflow file name',
  help: 'npm matches this file name exactly (case too): you will type the same name on npmjs.com.',
  defaultValue: () => 'publish.yml',
  certain: () => false,
  applies: githubOnly,
  parse: (input) => parseWorkflowFile(input.trim()),
  format: (v) => v,
};

const trigger: SelectQuestion<'trigger'> = {
  id: 'trigger',
  kind: 'select',
  flag: 'trigger',
  label: 'Publish when',
  help: 'What starts a publish. A GitHub release is the easiest to review and to undo.',
  choices: [
    { value: 'release', label: 'A GitHub release is published', hint: 'recommended' },
    { value: 'tag', label: 'A v* tag is pushed', hint: 'e.g. git push origin v1.2.3' },
    { value: 'manual', label: 'I start it by hand', hint: 'Actions tab → Run workflow' },
  ],
  defaultValue: () => 'release',
  certain: () => false,
  applies: (answers) => githubOnly(answers) && triggerApplies(answers),
  parse: oneOf(TRIGGERS, '--trigger'),
  format: (v) => v,
};

const environment: TextQuestion<'environment'> = {
  id: 'environment',
  kind: 'text',
  flag: 'environment',
  label: 'GitHub environment',
  labelFor: (answers) => (answers.provider === 'gitlab' ? 'GitLab environment' : 'GitHub environment'),
  help: 'A protected environment lets you require a reviewer before each publish; npm checks its name too.',
  emptyMeans: 'no environment',
  defaultValue: () => 'npm',
  certain: () => false,
  // CircleCI's trusted publisher has no environment.
  applies: forProviders('github', 'gitlab'),
  parse: (input) => {
    const value = input.trim();
    if (value === '') return ok(null);
    return parseEnvironment(value);
  },
  format: (v) => v ?? '',
};

const node: TextQuestion<'node'> = {
  id: 'node',
  kind: 'text',
  flag: 'node',
  label: 'Node.js version in CI',
  help: 'Node 24 ships npm 11, which trusted publishing needs (npm 11.5.1 or newer).',
  defaultValue: () => '24',
  certain: () => false,
  parse: (input) => parseNodeVersion(input.trim()),
  format: (v) => v,
};

const packageManager: SelectQuestion<'packageManager'> = {
  id: 'packageManager',
  kind: 'select',
  flag: 'package-manager',
  label: 'Package manager',
  help: 'Installs dependencies in CI from your lockfile; publishing always goes through npm.',
  choices: PACKAGE_MANAGERS.map((value) => ({ value, label: value })),
  defaultValue: (d) => d.packageManager.name,
  certain: (d) => d.packageManager.source !== 'default',
  parse: oneOf(PACKAGE_MANAGERS, '--package-manager'),
  format: (v) => v,
};

const fixRepository: ConfirmQuestion<'fixRepository'> = {
  id: 'fixRepository',
  kind: 'confirm',
  flag: 'fix-repository',
  label: 'Fix "repository" in package.json?',
  help: 'npm refuses a trusted publish (E422) when package.json "repository" does not name this repository.',
  defaultValue: () => true,
  certain: (d) => !needsRepositoryFix(d),
  // CircleCI publishes without provenance, which is what compares "repository".
  applies: forProviders('github', 'gitlab'),
  parse: (input) => {
    const v = input.trim().toLowerCase();
    if (['y', 'yes', 'true', '1'].includes(v)) return ok(true);
    if (['n', 'no', 'false', '0'].includes(v)) return ok(false);
    return fail('Answer yes or no.');
  },
  format: (v) => (v ? 'yes' : 'no'),
};

/** In the order they are asked. */
export const QUESTIONS = [
  provider,
  repo,
  gitlabProject,
  circleciOrgId,
  circleciProjectId,
  circleciPipelineId,
  vcsOrigin,
  circleciContexts,
  packages,
  packageManager,
  release,
  trigger,
  environment,
  workflow,
  ciFile,
  node,
  fixRepository,
] as const;

export type AnyQuestion = (typeof QUESTIONS)[number];

/** True when the question matters for these answers (see QuestionBase.applies). */
export function questionApplies(q: AnyQuestion, answers: Partial<Answers>): boolean {
  return q.applies?.(answers) !== false;
}

/** The question's label for these answers (some name the provider). */
export function labelOf(q: AnyQuestion, answers: Partial<Answers>): string {
  return q.labelFor?.(answers) ?? q.label;
}

export function questionFor<K extends keyof Answers>(id: K): Question<K> {
  const q = QUESTIONS.find((x) => x.id === id);
  if (!q) throw new Error(`unknown question ${id}`);
  return q as unknown as Question<K>;
}
