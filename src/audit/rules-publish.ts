// Rules for jobs that publish to npm: use-trusted-publishing, no-environment,
// no-fork-guard, old-npm.
import type { RepoRef, Finding } from '../model.js';
import { grantsWrite, effectivePermissions } from './rules-permissions.js';
import { nodeLines } from './source-lines.js';
import { nodeVerdict, setupNodeVerdict } from '../migrate/node-version.js';
import { mapAt, pair, text, value, type Job, type Workflow } from './workflow-model.js';

const TOKEN_VARS = ['NODE_AUTH_TOKEN', 'NPM_TOKEN'];
const isSetupNode = (uses: string | undefined) => /^actions\/setup-node@/i.test(uses ?? '');

function trustedPublishing(workflow: Workflow, job: Job): Finding[] {
  const findings: Finding[] = [];
  const tokenFix = 'Remove the token: npm exchanges the job\'s OIDC token itself. A read-only token for installing private packages may stay on the install step.';
  const envScopes = [
    { env: mapAt(workflow.root, 'env'), where: 'the workflow env' },
    { env: mapAt(job.node, 'env'), where: `job "${job.id}" env` },
    ...job.steps.filter((step) => step.publishes).map((step) => ({ env: step.env, where: 'the publish step env' })),
  ];
  for (const { env, where } of envScopes) {
    for (const name of TOKEN_VARS) {
      const item = pair(env, name);
      if (item) {
        findings.push(workflow.finding('use-trusted-publishing', 'error', `${name} is set in ${where}: the publish uses a long-lived token instead of trusted publishing, and a leftover token hides OIDC failures.`, workflow.lineOf(item), tokenFix));
      }
    }
  }
  for (const step of job.steps) {
    const alwaysAuth = pair(step.with, 'always-auth');
    if (isSetupNode(step.uses) && alwaysAuth && text(step.with, 'always-auth') !== 'false') {
      findings.push(workflow.finding('use-trusted-publishing', 'error', 'always-auth makes npm send a token on every request; trusted publishing needs none.', workflow.lineOf(alwaysAuth), 'Remove `always-auth`.'));
    }
    for (const { text: line, line: number } of nodeLines(workflow, step.runNode)) {
      if (/_authToken\s*=/.test(line)) {
        findings.push(workflow.finding('use-trusted-publishing', 'error', 'The script writes an _authToken to .npmrc for publishing.', number, tokenFix));
      }
    }
  }
  if (!grantsWrite(effectivePermissions(workflow, job), 'id-token')) {
    findings.push(workflow.finding('use-trusted-publishing', 'error', `Job "${job.id}" publishes but lacks id-token: write, so it cannot get the OIDC token npm needs.`, job.line, 'Add `permissions: { contents: read, id-token: write }` to the job.'));
  }
  return findings;
}

/** The repository a fork guard names: `github.repository == 'owner/repo'` (either order), if any. */
export function forkGuardRepo(condition: string): string | undefined {
  const match =
    /github\.repository\s*==\s*'((?:[^']|'')*)'/.exec(condition) ?? /'((?:[^']|'')*)'\s*==\s*github\.repository\b/.exec(condition);
  return match ? match[1]!.replaceAll("''", "'") : undefined;
}

function forkGuard(workflow: Workflow, job: Job, repo: RepoRef | undefined): Finding[] {
  const condition = text(job.node, 'if') ?? '';
  const guarded = forkGuardRepo(condition);
  if (guarded === undefined && !/github\.repository_owner\s*==/.test(condition)) {
    return [workflow.finding('no-fork-guard', 'warning', `Job "${job.id}" publishes but also runs in forks, where it can only fail.`, job.line, 'Add `if: github.repository == \'owner/repo\'` to the job.')];
  }
  const expected = repo ? `${repo.owner}/${repo.name}` : undefined;
  if (guarded !== undefined && expected !== undefined && guarded.toLowerCase() !== expected.toLowerCase()) {
    return [workflow.finding('no-fork-guard', 'warning', `Job "${job.id}" only runs in ${guarded}, but this repository is ${expected}: it will never publish.`, workflow.lineOf(pair(job.node, 'if')), `Change the condition to github.repository == '${expected}'.`)];
  }
  return [];
}

function oldNpm(workflow: Workflow, job: Job): Finding[] {
  const scripts = job.steps.flatMap((step) => nodeLines(workflow, step.runNode).map((line) => line.text));
  if (scripts.some((line) => /\bnpm\s+(?:--version|-v)\b/.test(line))) return [];
  if (scripts.some((line) => /\bnpm\s+(?:i|install)\s+(?:.*\s)?npm@["']?(?:latest|\^?~?(?:1[1-9]|[2-9]\d))/.test(line))) return [];
  // Every setup-node of the job counts (the last one wins at run time); env and matrix values are resolved.
  const setups = job.steps.filter((step) => isSetupNode(step.uses));
  const resolved = setups.map((step) => ({ step, ...setupNodeVerdict(step.with, { root: workflow.root, job: job.node }) }));
  if (resolved.length > 0 && resolved.every((r) => r.verdict === 'ok')) return [];
  const worst = resolved.find((r) => r.verdict !== 'ok');
  const setupNode = worst?.step;
  const version = text(setupNode?.with, 'node-version');
  const why =
    version !== undefined && worst!.versions.length > 0
      ? `Node ${worst!.versions.filter((v) => nodeVerdict(v) !== 'ok').join(', ')} ships npm older than 11.5.1`
      : version !== undefined
        ? `the Node version (${version}) cannot be resolved here, so npm may be older than 11.5.1`
        : setupNode && value(setupNode.with, 'node-version-file')
          ? 'the Node version comes from a file, so npm may be older than 11.5.1'
          : 'no Node version is set, so the runner\'s npm may be older than 11.5.1';
  return [
    workflow.finding('old-npm', 'warning', `Job "${job.id}": ${why}, and nothing checks it. Trusted publishing then fails with ENEEDAUTH or a misleading E404.`, setupNode?.line ?? job.line, 'Use Node 24 and add a step that fails unless `npm --version` is 11.5.1 or newer.'),
  ];
}

export function publishRules(workflow: Workflow, repo?: RepoRef): Finding[] {
  return workflow.jobs
    .filter((job) => job.publishes)
    .flatMap((job) => [
      ...trustedPublishing(workflow, job),
      ...(pair(job.node, 'environment')
        ? []
        : [workflow.finding('no-environment', 'info', `Job "${job.id}" publishes without a GitHub environment.`, job.line, 'Add `environment: npm` with required reviewers, and name the same environment in the trusted publisher on npmjs.com.')]),
      ...forkGuard(workflow, job, repo),
      ...oldNpm(workflow, job),
    ]);
}
