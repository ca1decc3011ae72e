// Where a publishing step publishes: registry.npmjs.org, a proxy in front of it, or another
// registry (GitHub Packages...). Only the first two concern trusted publishing.
import { nodeLines } from './source-lines.js';
import { mapAt, text, type Job, type Step, type Workflow } from './workflow-model.js';
import { commandPublishes, REGISTRY_ENV, registryIn, registryKind, type RegistryKind } from './publish-rule.js';

export const isSetupNode = (uses: string | undefined): boolean => /^actions\/setup-node@/i.test(uses ?? '');

/** The registry a step talks to: its own `--registry`, else the last one configured before it in the job. */
export function stepRegistry(workflow: Workflow, job: Job, step: Step): string | undefined {
  let registry: string | undefined;
  const fromEnv = (env: Step['env']) => REGISTRY_ENV.map((name) => text(env, name)).find((v) => v !== undefined);
  registry = fromEnv(mapAt(workflow.root, 'env')) ?? fromEnv(mapAt(job.node, 'env'));
  for (const s of job.steps) {
    if (isSetupNode(s.uses) && text(s.with, 'registry-url') !== undefined) registry = text(s.with, 'registry-url');
    for (const { text: line } of nodeLines(workflow, s.runNode)) {
      const named = registryIn(line);
      if (!named) continue;
      if (/\bnpm\s+config\s+set\s+registry/.test(line)) registry = named;
      else if (s === step && (commandPublishes(line) || /REGISTRY=/.test(line))) return named;
    }
    if (s === step) return fromEnv(s.env) ?? registry;
  }
  return registry;
}

/** npmjs.com, a proxy in front of it, or another registry, for the step. */
export const stepRegistryKind = (workflow: Workflow, job: Job, step: Step): RegistryKind => {
  const registry = stepRegistry(workflow, job, step);
  return registry === undefined || registry.includes('${{') ? 'npmjs' : registryKind(registry);
};

/** The steps of a publishing job that publish to npmjs.com (directly or through a proxy). */
export const npmPublishSteps = (workflow: Workflow, job: Job): Step[] =>
  job.steps.filter((step) => step.publishes && stepRegistryKind(workflow, job, step) !== 'other');

/** True when the job publishes to npmjs.com (not only to another registry). */
export const publishesToNpm = (workflow: Workflow, job: Job): boolean => job.publishes && npmPublishSteps(workflow, job).length > 0;
