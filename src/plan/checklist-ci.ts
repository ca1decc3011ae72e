// The GitLab and CircleCI checklist, in the same safe order as GitHub's: the new job publishes once
// before tokens are disallowed and revoked.
import type { Answers, ChecklistItem, Detected, ManualEdit, PackageInfo, PublisherSettings, RepoRef } from '../core/model.js';
import { GITLAB_CI_FILE } from '../providers/index.js';
import { PROVIDER_NAMES } from '../questions/provider.js';
import { accessUrl } from '../npm/publisher.js';
import { shellWord } from '../text/shell.js';
import { NO_VERSION } from './checklist-release.js';
import { commitItem, disallowTokensItem, revokeTokenItem } from './checklist-common.js';

export interface CiChecklistInput {
  detected: Detected;
  answers: Answers;
  repo: RepoRef;
  pkg: PackageInfo;
  publisher: PublisherSettings;
  ciFile: string;
  /** Files the plan writes. */
  written: string[];
  manual: ManualEdit[];
}

function gitlabSettings(repo: RepoRef, env: string | null, ciFile: string): ChecklistItem[] {
  const base = `https://gitlab.com/${repo.owner}/${repo.name}/-/settings`;
  const items: ChecklistItem[] = [
    {
      id: 'protect-tags',
      title: 'Protect v* tags',
      detail: 'The job publishes for every v* tag: Settings → Repository → Protected tags, add v* and allow only Maintainers to create it.',
      url: `${base}/repository`,
    },
  ];
  if (ciFile !== GITLAB_CI_FILE) {
    // GitLab runs .gitlab-ci.yml unless the project names another file; npm matches the file that runs.
    items.push({
      id: 'ci-config-path',
      title: `Set the CI/CD configuration file to ${ciFile}`,
      detail: 'Settings → CI/CD → General pipelines: GitLab runs only that file.',
      url: `${base}/ci_cd`,
    });
  }
  if (env) {
    items.push({
      id: 'environment',
      title: `Protect the "${env}" environment`,
      detail: 'Settings → CI/CD → Protected environments: allow only Maintainers to deploy, and add an approval rule for a second look before each publish.',
      url: `${base}/ci_cd`,
    });
  }
  items.push({
    id: 'runners',
    title: 'Keep GitLab.com instance runners enabled',
    detail: 'The job runs on GitLab-hosted runners: npm refuses ID tokens from self-hosted ones. Settings → CI/CD → Runners → "Enable instance runners for this project".',
    url: `${base}/ci_cd`,
  });
  return items;
}

function provenanceStep(answers: Answers, name: string): ChecklistItem {
  const page = `https://www.npmjs.com/package/${name}`;
  if (answers.provider === 'circleci') {
    return {
      id: 'provenance',
      title: 'Check the release arrived (no provenance from CircleCI)',
      detail: 'npm makes no provenance attestations for CircleCI publishes: the package page shows no badge, and that is expected.',
      command: `npm view ${shellWord(name)} version`,
      url: page,
    };
  }
  return {
    id: 'provenance',
    title: 'Confirm the release has provenance',
    detail: 'A public project gets a provenance badge on the package page (the job signs through Sigstore); a private project publishes without one, which is expected.',
    command: `npm view ${shellWord(name)} dist.attestations`,
    url: page,
  };
}

/** Where the old token lives: a GitLab CI/CD variable, or a CircleCI project variable or context. */
function tokenVariableSteps(input: CiChecklistInput, uses: { what: string }[]): ChecklistItem[] {
  const names = [...new Set(uses.map((u) => u.what).filter((w) => w !== '_authToken'))].sort();
  const { answers, repo } = input;
  return (names.length > 0 ? names : ['NPM_TOKEN']).map((name) =>
    answers.provider === 'gitlab'
      ? {
          id: `variable:${name}`,
          title: `Delete the ${name} CI/CD variable`,
          detail: 'Settings → CI/CD → Variables (and the group\'s, if it is set there). A read-only token for installing private packages can stay.',
          url: `https://gitlab.com/${repo.owner}/${repo.name}/-/settings/ci_cd`,
        }
      : {
          id: `variable:${name}`,
          title: `Delete the ${name} environment variable or context`,
          detail: 'Project Settings → Environment Variables, or Organization Settings → Contexts if a context holds it. A read-only token for installing private packages can stay.',
          url: `https://app.circleci.com/settings/project/circleci/${answers.circleciOrgId}/${answers.circleciProjectId}/environment-variables`,
        },
  );
}

export function ciChecklist(input: CiChecklistInput): ChecklistItem[] {
  const { detected, answers, repo, pkg, publisher, ciFile } = input;
  const name = pkg.name ?? '';
  const provider = PROVIDER_NAMES[answers.provider];
  const items: ChecklistItem[] = input.manual.map((m) => ({
    id: `paste:${m.path}`,
    title: `Add the publish job to ${m.path} by hand`,
    detail: `${m.reason}. The text to paste is shown with the plan; a later run recognises it by its first comment line.`,
  }));
  const files = input.written.length > 0 ? input.written : [ciFile];
  items.push(commitItem(files, `Commit and push ${files.join(' and ')}`, `${provider} reads the job from the pushed commit: push it before the first release.`));
  const values = publisher.fields.filter((f) => f.label !== 'Publisher' && f.label !== 'Allowed actions').map((f) => f.value || '(empty)');
  items.push({
    id: `publisher:${name}`,
    title: `Add the trusted publisher for ${name} on npmjs.com`,
    detail: `Publisher ${provider}; values: ${values.join(' / ')}; tick "Allow npm publish".`,
    url: accessUrl(name),
  });
  if (answers.provider === 'gitlab') items.push(...gitlabSettings(repo, answers.environment, ciFile));
  const tag = pkg.version === undefined ? undefined : shellWord(`v${pkg.version}`);
  const publishDetail =
    'A new trusted publisher that sees no publish for about two days may expire. The job checks that the tag matches package.json "version": bump it first if that version is on npm.';
  items.push({
    id: 'publish',
    title: 'Publish a release with the new job, soon',
    detail: tag ? publishDetail : `${publishDetail} ${NO_VERSION}`,
    ...(tag ? { command: `git tag ${tag} && git push origin ${tag}` } : {}),
  });
  items.push(provenanceStep(answers, name));
  items.push(disallowTokensItem([name]), revokeTokenItem());
  const uses = [...detected.ciFiles.flatMap((f) => f.tokenUses), ...detected.workflows.flatMap((w) => w.tokenUses)];
  items.push(...tokenVariableSteps(input, uses));
  if (uses.length > 0) {
    items.push({
      id: 'token-env',
      title: 'Remove the token from the CI files',
      detail: uses.map((u) => `${u.file}:${u.line} ${u.what}`).join('\n'),
    });
  }
  return items;
}
