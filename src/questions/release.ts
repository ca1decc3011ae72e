// How releases are made: a plain publish on a trigger, a release tool, or staged publishing.
import { BRANCH_FLOWS, RELEASE_FLOWS, type Answers, type ReleaseFlow } from '../core/model.js';
import { fail, ok, type SelectQuestion } from './types.js';
import { forProviders } from './provider.js';

/** True when the flow publishes on the chosen trigger (release, tag or by hand). */
export function usesTrigger(release: ReleaseFlow | undefined): boolean {
  return release === undefined || !BRANCH_FLOWS.includes(release);
}

export const release: SelectQuestion<'release'> = {
  id: 'release',
  kind: 'select',
  flag: 'release',
  label: 'How releases are made',
  help: 'Keep the release tool you use: the workflow runs it with trusted publishing instead of a token.',
  choices: [
    { value: 'publish', label: 'npm publish when I release', hint: 'on a GitHub release, a tag, or by hand' },
    { value: 'changesets', label: 'Changesets', hint: 'version PR, then publish on merge' },
    { value: 'release-please', label: 'release-please', hint: 'release PR, then publish in the same workflow' },
    { value: 'semantic-release', label: 'semantic-release', hint: 'version 25 or newer' },
    { value: 'staged', label: 'Staged: CI stages, I approve on npmjs.com', hint: 'npm stage publish, 2FA to approve' },
  ],
  defaultValue: (d) => d.release?.flow ?? 'publish',
  certain: () => false,
  // GitLab and CircleCI jobs publish on a pushed v* tag; release tools run in GitHub workflows here.
  applies: forProviders('github'),
  parse: (input) => {
    const value = input.trim();
    return (RELEASE_FLOWS as readonly string[]).includes(value)
      ? ok(value as ReleaseFlow)
      : fail(`Choose one of: ${RELEASE_FLOWS.join(', ')}.`);
  },
  format: (v) => v,
};

/** The trigger question applies only to flows that publish on a trigger. */
export const triggerApplies = (answers: Partial<Answers>): boolean => usesTrigger(answers.release);
