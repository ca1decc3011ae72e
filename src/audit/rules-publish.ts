// Rules for jobs that publish to npm: use-trusted-publishing, no-environment,
// no-fork-guard, old-npm.
import type { RepoRef, Finding } from '../core/model.js';
import { grantsWrite, effectivePermissions } from './rules-permissions.js';
import { nodeLines } from './source-lines.js';
import { isScalar } from 'yaml';
import { handedInputs, localActionNode, nodeVerdict, setupNodeVerdict, worstVerdict } from './node-version.js';
import { localActionUpgradesNpm } from './local-action-npm.js';
import { voltaActionNode, type VoltaNode } from './volta-node.js';
import { npxNewNpmPublish } from './npx-npm.js';
import { nodeRefusesNpm, NPM_ENGINES, OLD_NPM_PIN, oldNpmPin, upgradeTarget } from './npm-upgrade-node.js';
import { mapAt, pair, text, type Job, type Step, type Workflow } from './workflow-model.js';
import { commandPublishes, loginCommand, loginRegistry, NPM_LOGIN, registryKind } from './publish-rule.js';
import { isNpmSecret, isTokenEnv, isTokenInput, secretNames, writesAuthToken } from './token-forms.js';
import { isSetupNode, npmPublishSteps, stepRegistry, stepRegistryKind } from './registry.js';
import { npmCiWithoutLockfile } from './npm-ci-lockfile.js';
import { jsAction } from './js-action.js';
import { localActionFile } from './local-action.js';


/** The steps of a job that use a local JavaScript action whose code writes the token it is handed into .npmrc. */
const tokenWriterSteps = (job: Job, readFile?: (path: string) => string | undefined): Step[] =>
  job.steps.filter((step) => {
    const file = step.uses?.startsWith('./') ? localActionFile(step.uses, readFile) : undefined;
    return file !== undefined && jsAction(file.path.replace(/\/action\.ya?ml$/, ''), file.text, readFile)?.writesToken !== undefined;
  });

function trustedPublishing(workflow: Workflow, job: Job, readFile?: (path: string) => string | undefined): Finding[] {
  const findings: Finding[] = [];
  const tokenFix = 'Remove the token: npm exchanges the job\'s OIDC token itself. A read-only token for installing private packages may stay on the install step.';
  const publishing = npmPublishSteps(workflow, job);
  const envScopes = [
    { env: mapAt(workflow.root, 'env'), where: 'the workflow env' },
    { env: mapAt(job.node, 'env'), where: `job "${job.id}" env` },
    ...publishing.map((step) => ({ env: step.env, where: 'the publish step env' })),
    ...tokenWriterSteps(job, readFile).map((step) => ({ env: step.env, where: `the env of ${step.uses}, whose code writes it into .npmrc` })),
  ];
  for (const { env, where } of envScopes) {
    for (const item of env?.items ?? []) {
      const name = isScalar(item.key) ? String(item.key.value) : '';
      const raw = isScalar(item.value) ? String(item.value.value ?? '') : '';
      if (isTokenEnv(name, raw)) {
        findings.push(workflow.finding('use-trusted-publishing', 'error', `${name} is set in ${where}: the publish uses a long-lived token instead of trusted publishing, and a leftover token hides OIDC failures.`, workflow.lineOf(item), tokenFix));
      }
    }
  }
  for (const step of publishing) {
    for (const item of step.with?.items ?? []) {
      const name = isScalar(item.key) ? String(item.key.value) : '';
      const raw = isScalar(item.value) ? String(item.value.value ?? '') : '';
      if (isTokenInput(name, raw)) {
        findings.push(workflow.finding('use-trusted-publishing', 'error', `The publish step hands its action an npm token (\`${name}:\`).`, workflow.lineOf(item), 'Remove it; use a version of the action that publishes with OIDC.'));
      }
    }
    // `beachball publish -n ${{ secrets.NPM_TOKEN }}`: the token on the publish command's own line.
    for (const { text: line, line: number } of nodeLines(workflow, step.runNode)) {
      const secret = commandPublishes(line) ? secretNames(line).find(isNpmSecret) : undefined;
      if (secret) findings.push(workflow.finding('use-trusted-publishing', 'error', `The publish command is handed secrets.${secret} on its command line: it publishes with that long-lived token.`, number, 'Remove the token argument: npm exchanges the job\'s OIDC token itself.'));
    }
  }
  for (const step of job.steps) {
    const kind = stepRegistryKind(workflow, job, step);
    const alwaysAuth = pair(step.with, 'always-auth');
    if (kind !== 'other' && isSetupNode(step.uses) && alwaysAuth && text(step.with, 'always-auth') !== 'false') {
      findings.push(workflow.finding('use-trusted-publishing', 'error', 'always-auth makes npm send a token on every request; trusted publishing needs none.', workflow.lineOf(alwaysAuth), 'Remove `always-auth`.'));
    }
    if (kind === 'proxy' && isSetupNode(step.uses)) {
      findings.push(workflow.finding('registry-proxy', 'error', `${text(step.with, 'registry-url')} is a proxy: trusted publishing exists only on registry.npmjs.org.`, workflow.lineOf(pair(step.with, 'registry-url')), 'Remove `registry-url`.'));
    }
    if (kind === 'other') continue;
    for (const { text: line, line: number } of nodeLines(workflow, step.runNode)) {
      if (writesAuthToken(line)) {
        findings.push(workflow.finding('use-trusted-publishing', 'error', `The script writes ${/npmAuthToken/.test(line) ? 'an npmAuthToken to .yarnrc.yml' : 'an _authToken to .npmrc'} for publishing.`, number, tokenFix));
      }
      const login = line.replace(/(^|\s)#.*$/, '');
      const loginTo = loginRegistry(login);
      // A login to another registry (GitHub Packages, for private dependencies) is not npm's.
      if (NPM_LOGIN.test(login) && (loginTo === undefined || registryKind(loginTo) !== 'other')) {
        findings.push(
          workflow.finding('use-trusted-publishing', 'error', `Job "${job.id}" runs \`${loginCommand(line)}\`: ${loginCommand(line) === 'npm login' ? 'CI has no terminal for the login' : 'it logs in with a user name and password from its environment'}, and trusted publishing needs none.`, number, 'Remove the login: npm exchanges the job\'s OIDC token itself.'),
        );
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

function oldNpm(workflow: Workflow, job: Job, readFile?: (path: string) => string | undefined): Finding[] {
  // The Node that publishes is the last one set up before the first publish step (by setup-node or
  // by a local composite action, which may reinstall an older Node after the workflow's); env,
  // matrix, input defaults and node-version-file are resolved by the helpers migrate uses too.
  const firstPublish = job.steps.findIndex((step) => step.publishes);
  // An npm check or upgrade counts up to the publish step (`npm i -g npm@11 && npm publish`): after it, it comes too late.
  const upToPublish = firstPublish < 0 ? job.steps : job.steps.slice(0, firstPublish + 1);
  const lines = upToPublish.flatMap((step) => nodeLines(workflow, step.runNode));
  const scripts = lines.map((line) => line.text);
  // An upgrade to npm 11 or newer: fine, unless the job's Node cannot run that npm (read below, once the Node is known).
  const upgrade = lines.find((line) => /\bnpm\s+(?:i|install)\s+(?:.*\s)?npm@["']?(?:latest|\^?~?(?:1[1-9]|[2-9]\d))/.test(line.text));
  if (upgrade === undefined && scripts.some((line) => /\bnpm\s+(?:--version|-v)\b/.test(line))) return [];
  // The publish runs an npm fetched for it (`npx --yes npm@^11.5.1 publish`), whatever the Node's own npm.
  if (scripts.some(npxNewNpmPublish)) return [];
  // `npm install -g npm@10.9.7` before the publish: that npm publishes, whatever the Node (unless upgraded again after it).
  const pin = lines.findLast((line) => line.text.replace(OLD_NPM_PIN, '') !== line.text);
  if (pin !== undefined && oldNpmPin(pin.text) !== undefined) {
    return [workflow.finding('old-npm', 'warning', `Job "${job.id}": npm@${oldNpmPin(pin.text)} is installed before the publish, older than 11.5.1: trusted publishing then fails with ENEEDAUTH or a misleading E404.`, pin.line, 'Pin `npm@^11.5.1` instead.')];
  }
  // A local composite action that publishes sets up its Node before its own publish step.
  const inside = firstPublish >= 0 && job.steps[firstPublish]!.uses?.startsWith('./') ? 1 : 0;
  const before = firstPublish < 0 ? job.steps : job.steps.slice(0, firstPublish + inside);
  // The caller's `with:` values resolved in the job: a one-entry matrix or an env value reaches the action as that value.
  const localNode = (step: Step) => (step.uses === undefined ? undefined : localActionNode(step.uses, handedInputs(step.with, { root: workflow.root, job: job.node }), readFile));
  const volta = (step: Step) => voltaActionNode(step.uses, step.with, readFile);
  const setter = [...before].reverse().find((step) => isSetupNode(step.uses) || volta(step) !== undefined || localNode(step) !== undefined);
  const voltaNode = setter && volta(setter);
  if (setter && voltaNode) return voltaOldNpm(workflow, job, setter, voltaNode, upgrade);
  const local = setter && !isSetupNode(setter.uses) ? { step: setter, versions: localNode(setter)!.versions } : undefined;
  // The action upgrades npm itself, after the Node it sets up.
  if (local && localActionUpgradesNpm(local.step.uses!, readFile)) return [];
  const setupNode = local ? undefined : (setter ?? job.steps.find((step) => isSetupNode(step.uses)));
  // A composite action (local, or from another repository) that sets up the tools.
  const setupAction = setupNode || local ? undefined : before.find((step) => step.uses !== undefined && /setup|install|prepare|tools/i.test(step.uses) && !/^actions\/|^pnpm\/action-setup|^oven-sh\//i.test(step.uses));
  const written = text(setupNode?.with, 'node-version');
  const file = text(setupNode?.with, 'node-version-file');
  const { verdict, versions } = local
    ? { verdict: local.versions.length === 0 ? 'unknown' : worstVerdict(local.versions.map(nodeVerdict)), versions: local.versions }
    : setupNodeVerdict(setupNode?.with, { root: workflow.root, job: job.node, ...(readFile ? { readFile } : {}) });
  if (upgrade !== undefined) return npmUpgradeRefused(workflow, job, upgrade, versions);
  if ((setupNode || local) && verdict === 'ok') return [];
  const old = versions.filter((v) => nodeVerdict(v) !== 'ok');
  const ships = (what: string) => `${what} ships npm older than 11.5.1`;
  const why = local
    ? versions.length > 0
      ? ships(`Node ${old.join(', ')} (set up by ${local.step.uses})`)
      : `Node comes from ${local.step.uses}, so npm may be older than 11.5.1`
    : written !== undefined && versions.length === 0
      ? `Node ${written} cannot be resolved here, so npm may be older than 11.5.1`
      : written !== undefined
        ? ships(`Node ${old.join(', ') || written}`)
        : file !== undefined && versions.length > 0
          ? ships(`Node ${old.join(', ')} (from ${file})`)
          : file !== undefined
            ? `the Node version comes from ${file}, which cannot be read here, so npm may be older than 11.5.1`
            : setupAction
              ? `Node comes from ${setupAction.uses}, so npm may be older than 11.5.1`
              : 'no Node version is set, so the runner\'s npm may be older than 11.5.1';
  return [
    workflow.finding('old-npm', 'warning', `Job "${job.id}": ${why}, and nothing checks it. Trusted publishing then fails with ENEEDAUTH or a misleading E404.`, local?.step.line ?? setupNode?.line ?? setupAction?.line ?? job.line, 'Use Node 24 and add a step that fails unless `npm --version` is 11.5.1 or newer.'),
  ];
}

/** The Node (or npm) volta-cli/action runs for the publish: its input, or the package.json `volta` pin. */
function voltaOldNpm(workflow: Workflow, job: Job, step: Step, volta: VoltaNode, upgrade: { text: string; line: number } | undefined): Finding[] {
  if (upgrade !== undefined) return npmUpgradeRefused(workflow, job, upgrade, [volta.node]);
  if (volta.verdict === 'ok') return [];
  const source = volta.from === 'input' ? step.uses : `the package.json \`volta\` pin, which ${step.uses} follows`;
  const why = volta.npm !== undefined ? `npm ${volta.npm} (from ${source})` : `Node ${volta.node} (from ${source})`;
  const verb = volta.verdict === 'unknown' ? 'cannot be resolved here, so npm may be older than 11.5.1' : volta.npm !== undefined ? 'is older than 11.5.1' : 'ships npm older than 11.5.1';
  return [
    workflow.finding('old-npm', 'warning', `Job "${job.id}": ${why} ${verb}, and nothing checks it. Trusted publishing then fails with ENEEDAUTH or a misleading E404.`, step.line, `Pass \`node-version: 24\` to ${step.uses}${volta.npm !== undefined ? ' (and an `npm-version` of 11.5.1 or newer)' : ''}, and add a step that fails unless \`npm --version\` is 11.5.1 or newer.`),
  ];
}

/** An npm upgrade the Node the job publishes with cannot run: the step stops with EBADENGINE, before the publish. */
function npmUpgradeRefused(workflow: Workflow, job: Job, upgrade: { text: string; line: number }, versions: readonly string[]): Finding[] {
  const target = upgradeTarget(upgrade.text);
  const refused = target === undefined ? [] : versions.filter((v) => nodeRefusesNpm(v, target));
  if (target === undefined || refused.length === 0) return [];
  const what = /npm@["']?(?:latest|next)\b/.test(upgrade.text) ? `npm@latest (npm ${target})` : `npm ${target}`;
  return [
    workflow.finding(
      'old-npm',
      'error',
      `Job "${job.id}": the npm upgrade fails on Node ${refused.join(', ')}: ${what} runs on Node ${NPM_ENGINES[target]} and refuses to install (EBADENGINE), so the job stops before it publishes.`,
      upgrade.line,
      'Use Node 24 in this job, and upgrade npm to a range (`npm install -g npm@^11.5.1`), not npm@latest.',
    ),
  ];
}

/** A job whose every publish goes to another registry (GitHub Packages...): out of scope, a note. */
function otherRegistryOnly(workflow: Workflow, job: Job): Finding[] {
  const registries = [...new Set(job.steps.filter((s) => s.publishes).map((s) => stepRegistry(workflow, job, s) ?? ''))];
  return [workflow.finding('other-registry', 'info', `Job "${job.id}" publishes only to ${registries.join(', ')}: out of scope (trusted publishing is for registry.npmjs.org).`, job.line)];
}

export function publishRules(workflow: Workflow, repo?: RepoRef, readFile?: (path: string) => string | undefined): Finding[] {
  const publishing = workflow.jobs.filter((job) => job.publishes);
  const toNpm = publishing.filter((job) => npmPublishSteps(workflow, job).length > 0);
  return [
    ...publishing.filter((job) => !toNpm.includes(job)).flatMap((job) => otherRegistryOnly(workflow, job)),
    ...toNpm.flatMap((job) => [
      ...trustedPublishing(workflow, job, readFile),
      ...(pair(job.node, 'environment')
        ? []
        : [workflow.finding('no-environment', 'info', `Job "${job.id}" publishes without a GitHub environment.`, job.line, 'Add `environment: npm` with required reviewers, and name the same environment in the trusted publisher on npmjs.com.')]),
      ...forkGuard(workflow, job, repo),
      ...oldNpm(workflow, job, readFile),
      ...npmCiWithoutLockfile(workflow, job, readFile),
    ]),
  ];
}
