// Preflight for the failure modes users hit on their first trusted publish, per workflow:
// setup-node's placeholder token, self-hosted runners, forced provenance, bun and Yarn 1.
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Finding } from '../core/model.js';
import type { Job, Workflow } from '../audit/index.js';
import { actionMajor } from '../audit/rules-actions.js';
import { nodeLines } from '../audit/source-lines.js';
import { publishesToNpm } from '../audit/registry.js';
import { mapAt, pair, text, value } from '../audit/workflow-model.js';
import { localRegistryUrls } from '../audit/local-action.js';
import { registryKind } from '../audit/publish-rule.js';
import { envHasToken, jobHasToken } from '../audit/publishing.js';
import { writesAuthToken } from '../audit/token-forms.js';
import { YARN1_PUBLISH } from './packages.js';
import { retiredRunner as retiredImage } from '../audit/retired-runners.js';
import { listedSelfHosted, selfHostedRunner } from '../audit/self-hosted-runners.js';
import { listedNeeds, upstreamJobs } from '../audit/job-needs.js';
import { scriptProxy } from './script-proxy.js';
import { makeRecipeFindings } from './make-recipe.js';
import { bunScriptPublish } from './bun-script-publish.js';

const isSetupNode = (uses: string | undefined) => /^actions\/setup-node@/i.test(uses ?? '');

const PLACEHOLDER = 'actions/setup-node with registry-url writes _authToken=${NODE_AUTH_TOKEN} to .npmrc and, up to v6, a placeholder token when none is set: a failed OIDC exchange then shows as a misleading E404 (actions/setup-node#1551).';
const PLACEHOLDER_FIX = 'Remove `registry-url` (registry.npmjs.org needs none), or use actions/setup-node v7.';

/** The job's own setup-node steps with registry-url, and those of the local composite actions it runs. */
function placeholderToken(workflow: Workflow, job: Job, readFile?: (path: string) => string | undefined): Finding[] {
  const own = job.steps
    .filter((step) => isSetupNode(step.uses) && pair(step.with, 'registry-url'))
    .filter((step) => (actionMajor(workflow, step) ?? 0) <= 6)
    .map((step) => workflow.finding('setup-node-placeholder-token', 'warning', PLACEHOLDER, workflow.lineOf(pair(step.with, 'registry-url')), PLACEHOLDER_FIX));
  const local = job.steps
    .flatMap((step) => (step.uses?.startsWith('./') ? localRegistryUrls(step.uses, readFile).map((found) => ({ found, uses: step.uses! })) : []))
    .filter(({ found }) => (found.major ?? 0) <= 6)
    .map(({ found, uses }): Finding => ({
      id: 'setup-node-placeholder-token',
      level: 'warning',
      message: `${PLACEHOLDER.replace('actions/setup-node', `actions/setup-node in ${uses}`)} Job "${job.id}" of ${workflow.path} runs it before publishing.`,
      file: found.path,
      line: found.line,
      fix: PLACEHOLDER_FIX,
    }));
  return [...own, ...local];
}

/** A local composite action the job runs that points setup-node at a proxy in front of npmjs.com. */
function localProxy(workflow: Workflow, job: Job, readFile?: (path: string) => string | undefined): Finding[] {
  return job.steps
    .flatMap((step) => (step.uses?.startsWith('./') ? localRegistryUrls(step.uses, readFile).map((found) => ({ found, uses: step.uses! })) : []))
    .filter(({ found }) => registryKind(found.registry) === 'proxy')
    .map(({ found, uses }): Finding => ({
      id: 'registry-proxy',
      level: 'error',
      message: `${found.registry} is a proxy: trusted publishing exists only on registry.npmjs.org. Job "${job.id}" of ${workflow.path} publishes through it (set up by ${uses}).`,
      file: found.path,
      line: found.line,
      fix: 'Remove `registry-url` (create-trusted-publish --migrate --switch-registry does it).',
    }));
}

const HOSTED = /^(?:ubuntu|windows|macos)-[\w.-]+$/i;

function runnerLabels(node: Node | undefined): { labels: string[]; group: boolean } {
  if (isScalar(node)) return { labels: [String(node.value)], group: false };
  if (isSeq(node)) return { labels: node.items.filter(isScalar).map((item) => String(item.value)), group: false };
  if (isMap(node)) {
    const inner = runnerLabels(value(node, 'labels'));
    return { labels: inner.labels, group: pair(node, 'group') !== undefined };
  }
  return { labels: [], group: false };
}

function selfHosted(workflow: Workflow, job: Job, listed: readonly string[]): Finding[] {
  const runsOn = pair(job.node, 'runs-on');
  const { labels, group } = runnerLabels(value(job.node, 'runs-on'));
  const line = workflow.lineOf(runsOn ?? job.node);
  const fix = 'Publish from a GitHub-hosted runner such as `ubuntu-latest`; build elsewhere if you must, and pass the tarball as an artifact.';
  if (labels.some((label) => selfHostedRunner(label, listed) === 'self-hosted')) {
    return [workflow.finding('self-hosted-runner', 'error', `Job "${job.id}" publishes from a self-hosted runner: trusted publishing and provenance only work on cloud-hosted runners (E422).`, line, fix)];
  }
  const provider = labels.find((label) => selfHostedRunner(label, listed) !== undefined);
  if (provider !== undefined) {
    const who = selfHostedRunner(provider, listed) === 'listed' ? `the runner label ${provider}, which .github/actionlint.yaml lists as self-hosted` : `a ${selfHostedRunner(provider)} runner (${provider}), which GitHub reports as self-hosted`;
    return [workflow.finding('self-hosted-runner', 'error', `Job "${job.id}" publishes on ${who}: trusted publishing and provenance only work on cloud-hosted runners (E422).`, line, fix)];
  }
  const custom = labels.filter((label) => !label.includes('${{') && !HOSTED.test(label));
  if (group || custom.length > 0) {
    const what = group ? 'a runner group' : `the runner label ${custom.join(', ')}`;
    return [
      workflow.finding(
        'self-hosted-runner',
        'warning',
        `Job "${job.id}" publishes on ${what}, which this tool cannot tell is GitHub-hosted: npm refuses trusted publishing from a self-hosted runner (E422); a GitHub-hosted larger runner is fine.`,
        line,
        `If it is self-hosted, ${fix[0]!.toLowerCase()}${fix.slice(1)} (Labels listed under self-hosted-runner in .github/actionlint.yaml count as self-hosted.)`,
      ),
    ];
  }
  return [];
}

/**
 * A publishing job, or a job it waits for through `needs:`, on a runner image GitHub has removed:
 * that job fails before it starts, so nothing publishes.
 */
function retiredRunner(workflow: Workflow, job: Job, publishing?: Job): Finding[] {
  const { labels } = runnerLabels(value(job.node, 'runs-on'));
  const retired = labels.filter((label) => retiredImage(label));
  const first = retired[0] === undefined ? undefined : retiredImage(retired[0]);
  if (!first) return [];
  const line = workflow.lineOf(pair(job.node, 'runs-on') ?? job.node);
  const who = publishing ? `Job "${job.id}", which the publishing job "${publishing.id}" waits for, runs on` : `Job "${job.id}" publishes on`;
  return [
    workflow.finding(
      'retired-runner',
      'error',
      `${who} ${retired.join(', ')}, a runner image GitHub has removed (${first.removed}): the job fails before it starts, so nothing publishes.`,
      line,
      `Use \`runs-on: ${first.instead}\` (create-trusted-publish --migrate does it).`,
    ),
  ];
}

/** retiredRunner for the jobs the publishing jobs wait for (each once, named with the first publishing job that waits for it). */
function retiredUpstream(workflow: Workflow, publishing: readonly Job[]): Finding[] {
  const byId = new Map(workflow.jobs.map((job) => [job.id, job]));
  const needsOf = (id: string) => listedNeeds(value(byId.get(id)?.node, 'needs'));
  const named = new Set<string>();
  return publishing.flatMap((job) =>
    upstreamJobs([job.id], needsOf)
      .filter((id) => !named.has(id) && !publishing.some((p) => p.id === id) && byId.has(id))
      .flatMap((id) => (named.add(id), retiredRunner(workflow, byId.get(id)!, job))),
  );
}

function forcedProvenance(workflow: Workflow, job: Job): Finding[] {
  const findings: Finding[] = [];
  const message = 'Provenance is forced. Trusted publishing adds provenance by itself for a public repository, and forcing it fails with E422 when the repository is private.';
  const fix = 'Remove --provenance (or NPM_CONFIG_PROVENANCE) unless the repository is public and stays public.';
  for (const step of job.steps.filter((s) => s.publishes)) {
    for (const { text: line, line: number } of nodeLines(workflow, step.runNode)) {
      if (/--provenance(?!=false)\b/.test(line)) findings.push(workflow.finding('forced-provenance', 'info', message, number, fix));
    }
  }
  for (const env of [mapAt(workflow.root, 'env'), mapAt(job.node, 'env'), ...job.steps.filter((s) => s.publishes).map((s) => s.env)]) {
    const item = pair(env, 'NPM_CONFIG_PROVENANCE') ?? pair(env, 'npm_config_provenance');
    if (item && text(env, String((item.key as { value: unknown }).value)) === 'true') findings.push(workflow.finding('forced-provenance', 'info', message, workflow.lineOf(item), fix));
  }
  return findings;
}

/** The command lines a step runs: its `run:`, or the `publish:` command it hands changesets/action. */
function commandLines(workflow: Workflow, step: Job['steps'][number]) {
  if (step.runNode) return nodeLines(workflow, step.runNode);
  return /^changesets\/action@/i.test(step.uses ?? '') ? nodeLines(workflow, value(step.with, 'publish')) : [];
}

function publishTools(workflow: Workflow, job: Job): Finding[] {
  const findings: Finding[] = [];
  for (const step of job.steps) {
    for (const { text: line, line: number } of commandLines(workflow, step)) {
      const code = line.replace(/#.*$/, '');
      if (/\bbun\s+publish\b/.test(code) && !/--dry-run\b/.test(code)) {
        findings.push(workflow.finding('bun-publish', 'error', '`bun publish` cannot publish with trusted publishing (it has no OIDC support).', number, 'Build with bun, then publish with `npm publish` (or `bun pm pack` and `npm publish <tarball>`).'));
      }
      // publib-npm stops without NPM_TOKEN unless NPM_TRUSTED_PUBLISHER is set (publib 0.2.1008+).
      const trusted = [step.env, mapAt(job.node, 'env'), mapAt(workflow.root, 'env')].some((env) => !['', 'false'].includes(text(env, 'NPM_TRUSTED_PUBLISHER') ?? ''));
      if (/\bpublib-npm\b/.test(code) && !trusted && !envHasToken(step.env) && !jobHasToken(workflow.root, job.node)) {
        findings.push(workflow.finding('publib-no-trusted-publisher', 'error', 'publib-npm without NPM_TRUSTED_PUBLISHER asks for NPM_TOKEN and stops.', number, 'Set NPM_TRUSTED_PUBLISHER: "true" in its env (publib 0.2.1008+; projen: npmTrustedPublishing).'));
      }
      if (YARN1_PUBLISH.test(code) && !/--dry-run\b/.test(code)) {
        findings.push(workflow.finding('yarn1-publish', 'error', '`yarn publish` is Yarn 1, which cannot publish with trusted publishing.', number, 'Publish with `npm publish` (Yarn 1 can still install), or use Yarn 4.10.3+ with `yarn npm publish`.'));
      }
    }
  }
  return findings;
}

/** `npm whoami` the line does not let fail (`|| true`, `|| echo …`), nor asks as a condition (`if npm whoami`). */
const FAILING_WHOAMI = /^(?!\s*(?:if|while|until)\s+npm\s+whoami\b)(?!.*\bnpm\s+whoami\b[^;&|]*\|\|\s*(?:true\b|:|echo\b)).*\bnpm\s+whoami\b/;

/** A job with no npm token that runs `npm whoami`: it fails (ENEEDAUTH), so the job stops before it publishes. */
function whoamiWithoutToken(workflow: Workflow, job: Job): Finding[] {
  if (jobHasToken(workflow.root, job.node) || job.steps.some((s) => envHasToken(s.env) || (s.run ?? '').split('\n').some(writesAuthToken))) return [];
  return job.steps
    .filter((step) => text(step.node, 'continue-on-error') !== 'true')
    .flatMap((step) => nodeLines(workflow, step.runNode).filter(({ text: line }) => FAILING_WHOAMI.test(line.replace(/#.*$/, ''))))
    .map(({ line }) =>
      workflow.finding('whoami-without-token', 'error', `Job "${job.id}" runs npm whoami with no npm token: it fails (ENEEDAUTH), as trusted publishing has no login, so nothing publishes.`, line, 'Remove the npm whoami.'),
    );
}

/** The preflight rules for the jobs of `workflow` that publish; `readFile` reads the local actions they run. */
export function preflight(workflow: Workflow, readFile?: (path: string) => string | undefined): Finding[] {
  const publishing = workflow.jobs.filter((job) => publishesToNpm(workflow, job));
  const listed = listedSelfHosted(readFile);
  return [
    ...publishing.flatMap((job) => [...placeholderToken(workflow, job, readFile), ...localProxy(workflow, job, readFile), ...scriptProxy(workflow, job, readFile), ...makeRecipeFindings(workflow, job, readFile), ...selfHosted(workflow, job, listed), ...retiredRunner(workflow, job), ...forcedProvenance(workflow, job), ...publishTools(workflow, job), ...whoamiWithoutToken(workflow, job), ...bunScriptPublish(workflow, job, readFile)]),
    ...retiredUpstream(workflow, publishing),
  ];
}
