// A flow config, answers and plans small enough to read, for the state machine's tests.
import { flowStep, type FlowConfig, type FlowState } from '../../src/commands/create/flow/machine.js';
import { questionFor, type AnyQuestion } from '../../src/questions/list.js';
import type { Answers, FileChange, Plan } from '../../src/core/model.js';

export const answers = { provider: 'github', repo: 'acme/widget', workflow: 'publish.yml', trigger: 'release', environment: 'npm', node: '24', packageManager: 'npm', fixRepository: true } as Answers;
export const change = (c: Partial<FileChange>): FileChange => ({ path: '.github/workflows/publish.yml', kind: 'create', after: 'x\n', reason: '', needsConsent: false, ...c });
export const plan = (changes: FileChange[]): Plan => ({ answers, repo: { owner: 'acme', name: 'widget' }, changes, manual: [], publishers: [], checklist: [{ id: 'commit', title: 'Commit', detail: 'd' }], notes: [] });
export const config = (c: Partial<FlowConfig> = {}): FlowConfig => ({
  questions: [questionFor('trigger'), questionFor('environment')] as AnyQuestion[],
  answers,
  force: false,
  offerOpen: true,
  existingWorkflows: ['publish.yml'],
  ...c,
});
export const run = (state: FlowState, ...actions: Parameters<typeof flowStep>[1][]) => actions.reduce(flowStep, state);
