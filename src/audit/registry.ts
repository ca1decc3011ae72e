// Where a publishing step publishes: registry.npmjs.org, a proxy in front of it, or another
// registry (GitHub Packages...). Only the first two concern trusted publishing.
import { nodeLines } from './source-lines.js';
import { mapAt, text, type Job, type Step, type Workflow } from './workflow-model.js';
import { commandPublishes, REGISTRY_ENV, registryIn, registryKind, type RegistryKind } from './publish-rule.js';
import { writesAuthToken } from './token-forms.js';

export const isSetupNode = (uses: string | undefined): boolean => /^actions\/setup-node@/i.test(uses ?? '');

/**
 * setup-node writes `@scope:registry=<url>` when given `scope:`, and for npm.pkg.github.com (the
 * repository owner's scope, '' when the owner is unknown); only without both `registry=<url>`
 * (src/authutil.ts, v2 to v6).
 */
const scopeOf = (s: Step, url: string, owner: string | undefined): string | undefined =>
  (text(s.with, 'scope') ?? (/npm\.pkg\.github\.com/i.test(url) ? (owner ?? '') : undefined))?.replace(/^@?/, '@').replace(/^@$/, '').toLowerCase();

/** The host a line writes an `_authToken` for (`npm config set '//registry.npmjs.org/:_authToken' ...`). */
const tokenHost = (line: string): string | undefined => (writesAuthToken(line) ? /\/\/([\w.-]+)(?::\d+)?\/?[^\s'"=]*:_authToken\b/.exec(line)?.[1]?.toLowerCase() : undefined);

/** A package of the repository (the top, its npm workspaces) that goes elsewhere: its publishConfig.registry, or the scope setup-node sent elsewhere. */
function packagesElsewhere(workflow: Workflow, scope: string): boolean {
  const { readFile, workspaces = [] } = workflow.context ?? {};
  return ['', ...workspaces.map((w) => `${w.dir}/`)].some((dir) => {
    try {
      const pkg = JSON.parse(readFile?.(`${dir}package.json`) ?? '{}') as { name?: unknown; publishConfig?: { registry?: unknown } };
      const registry = pkg.publishConfig?.registry;
      return (typeof registry === 'string' && registryKind(registry) === 'other') || (scope !== '' && String(pkg.name).toLowerCase().startsWith(`${scope}/`));
    } catch {
      return false;
    }
  });
}

/**
 * The registry a step talks to: its own `--registry`, else the last one configured before it in the
 * job. A scoped setup-node registry leaves npmjs.com the default: after it, a token the job writes
 * last for registry.npmjs.org means the publish goes there (unless a package is sent elsewhere).
 */
export function stepRegistry(workflow: Workflow, job: Job, step: Step): string | undefined {
  let registry: string | undefined;
  let scope: string | undefined;
  let host: string | undefined;
  const fromEnv = (env: Step['env']) => REGISTRY_ENV.map((name) => text(env, name)).find((v) => v !== undefined);
  registry = fromEnv(mapAt(workflow.root, 'env')) ?? fromEnv(mapAt(job.node, 'env'));
  // publib-npm publishes to its NPM_REGISTRY (a host), else registry.npmjs.org, whatever npm's settings say.
  if (/\bpublib-npm\b/.test(step.run ?? '')) return [step.env, mapAt(job.node, 'env'), mapAt(workflow.root, 'env')].map((env) => text(env, 'NPM_REGISTRY')).find((v) => v !== undefined) ?? 'registry.npmjs.org';
  for (const s of job.steps) {
    const url = isSetupNode(s.uses) ? text(s.with, 'registry-url') : undefined;
    if (url !== undefined) [registry, scope] = [url, scopeOf(s, url, workflow.context?.self?.split('/')[0])];
    for (const { text: line } of nodeLines(workflow, s.runNode)) {
      host = tokenHost(line) ?? host;
      const named = registryIn(line);
      if (!named) continue;
      if (/\bnpm\s+config\s+set\s+registry/.test(line)) [registry, scope] = [named, undefined];
      else if (s === step && (commandPublishes(line) || /REGISTRY=/.test(line))) return named;
    }
    if (s === step) return fromEnv(s.env) ?? (scope !== undefined && host === 'registry.npmjs.org' && !packagesElsewhere(workflow, scope) ? 'https://registry.npmjs.org/' : registry);
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
