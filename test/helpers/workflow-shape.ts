// What each release flow's workflow must look like, from its input: the jobs and their
// permissions, the trigger, and the step that publishes.
import { usesTrigger } from '../../src/questions/release.js';
import { nodeMajor, type WorkflowInput } from '../../src/providers/github/workflow.js';

export interface WorkflowStep {
  name?: string;
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
export interface WorkflowJob {
  permissions?: unknown;
  environment?: string;
  if?: string;
  needs?: string;
  defaults?: unknown;
  steps: WorkflowStep[];
}
export interface WorkflowDoc {
  name: string;
  on: Record<string, unknown>;
  permissions: unknown;
  jobs: Record<string, WorkflowJob>;
}

const OIDC = { contents: 'read', 'id-token': 'write' };

export function expectedShape(input: WorkflowInput) {
  const release = input.release ?? 'publish';
  const monorepo = input.packages !== undefined;
  const staged = release === 'staged';
  const command = staged ? 'npm stage publish' : 'npm publish';
  const branchOn = { push: { branches: [input.branch ?? 'main'] } };
  const tags = monorepo ? ['v*', ...(input.packages ?? []).map((p) => `${p.name}@*`)] : ['v*'];
  const triggerOn = { release: { release: { types: ['published'] } }, tag: { push: { tags } }, manual: { workflow_dispatch: null } }[input.trigger];
  const publishStep = (step: WorkflowStep) => {
    const run = step.run ?? '';
    if (monorepo) return run.includes('while IFS= read -r dir <&3') && run.includes(command) && run.includes('cannot publish over');
    return input.pack ? run.includes(`${command} "$RUNNER_TEMP"/pack/*.tgz`) : run === command;
  };
  const major = nodeMajor(input.node);
  const common = {
    upgradeNpm: staged || (major !== undefined && major < 24),
    npmMinimum: staged ? '11.15.0' : '11.5.1',
    tagCheck: usesTrigger(release) && input.trigger !== 'manual',
    builds: input.hasBuild || (monorepo && (input.workspaceBuilds?.length ?? 0) > 0),
  };
  switch (release) {
    case 'publish':
    case 'staged':
      return { ...common, jobs: ['publish'], permissions: { publish: OIDC }, publishJob: 'publish', on: triggerOn, publishes: publishStep };
    case 'release-please':
      return {
        ...common,
        jobs: ['release-please', 'publish'],
        permissions: { 'release-please': { contents: 'write', issues: 'write', 'pull-requests': 'write' }, publish: OIDC },
        publishJob: 'publish',
        on: branchOn,
        publishes: publishStep,
      };
    case 'changesets':
      return {
        ...common,
        jobs: ['release'],
        permissions: { release: { contents: 'write', 'pull-requests': 'write', 'id-token': 'write' } },
        publishJob: 'release',
        on: branchOn,
        publishes: (step: WorkflowStep) =>
          Boolean(step.uses?.startsWith('changesets/action@')) && String(step.with?.['publish-script']).endsWith('changeset publish'),
      };
    case 'semantic-release':
      return {
        ...common,
        jobs: ['release'],
        permissions: { release: { contents: 'write', issues: 'write', 'pull-requests': 'write', 'id-token': 'write' } },
        publishJob: 'release',
        on: branchOn,
        publishes: (step: WorkflowStep) => Boolean(step.run?.endsWith('semantic-release')) && step.env?.NPM_TOKEN === undefined,
      };
  }
}
