// Edits inside a job that publishes: the token goes [use-trusted-publishing]; setup-node's
// placeholder-token inputs and caches go through setup-node-edits.ts.
import { isScalar, type Document, type YAMLMap } from 'yaml';
import { secretName } from '../detect/workflows.js';
import { mapOf, nodeOf, removeFrom, textOf, removeItem } from './nodes.js';
import { publishSteps, type JobView } from './jobs.js';
import { MigrateError } from './errors.js';
import { localActionEdit, scriptEdits, stepDirectory, withoutRegistryUrl } from './scripts.js';
import { emptiedYarnrcHeaders, forcedConfigRm, TOKEN_CHECK_LINE, withoutWhoamiFirst } from './token-lines.js';
import { localRegistryUrls } from '../audit/local-action.js';
import { onlyChecksSet, onlyChecksToken } from '../audit/publish-rule.js';
import { isTokenEnv, isTokenInput, writesAuthToken } from '../audit/token-forms.js';
import { dotOrgRegistry, isNpmjs, isProxy } from './registry.js';
import { bunPublish } from './bun-publish.js';
import { tokenOnlyActionRefusal } from './token-only-actions.js';
import { checkTokenOnlyPublishers } from './token-only-publishers.js';
import { checkInstalledPublishScripts } from './installed-publish-script.js';
import { checkGlobalToolPublish } from './global-tool-publish.js';
import { checkSelfHostedRunner } from './self-hosted-runner.js';
import { listedSelfHosted } from '../audit/self-hosted-runners.js';
import { checkPublishConditionSteps } from './missing-step-condition.js';
import { noTokenGuards } from './token-guards.js';
import { packOldBerryPublish, yarnPublish } from './yarn-publish.js';
import { prereleaseTag } from './prerelease-tag.js';
import { beachballToken } from './beachball.js';
import { runsNothing, withoutLines } from './script-lines.js';
import { onlyPrints } from '../audit/shell-quotes.js';
import { retireTokenGuards, tokenVariables } from './token-conditions.js';
import { noTokenWriterActions } from './token-writer-actions.js';
import { inlineCompositePublishers } from './composite-publish-actions.js';
import { references, retireTokenPresenceOutputs } from './token-presence-output.js';
import { noNpmLogin } from './npm-login.js';
import { noCache } from './setup-node-edits.js';
import { checkScriptProxies } from './script-proxy.js';
import { makeRecipeEdits } from './make-recipe.js';
import { replaceNpmPublishAction } from './npm-publish-action.js';
import { splitAdminTail } from './admin-split.js';
import { publibTrustedPublisher } from './publib.js';

export const TOKEN_VARS = ['NODE_AUTH_TOKEN', 'NPM_TOKEN', 'NPM_AUTH_TOKEN', 'YARN_NPM_AUTH_TOKEN'] as const;

/** Removes the npm token variables from an `env:` map (the one rule's names); returns the secrets they came from. */
export function dropTokenEnv(parent: YAMLMap, where: string, notes: string[]): string[] {
  const secrets: string[] = [];
  const env = mapOf(parent, 'env');
  let removed = false;
  for (const item of [...(env?.items ?? [])]) {
    if (!isScalar(item.key) || !isScalar(item.value)) continue;
    const name = String(item.key.value);
    const value = String(item.value.value ?? '');
    // A GITHUB_TOKEN here publishes to GitHub Packages, not npmjs.com: not this tool's business.
    if (secretName(value) === 'GITHUB_TOKEN' || !isTokenEnv(name, value)) continue;
    removeFrom(parent, 'env', name);
    const secret = secretName(value);
    if (secret) secrets.push(secret);
    notes.push(`${where}: removed ${name}${secret ? ` (secrets.${secret})` : ''}`);
    removed = true;
  }
  // always-auth (send the token with every request) goes with the token.
  for (const item of removed ? [...(mapOf(parent, 'env')?.items ?? [])] : []) {
    const name = isScalar(item.key) ? String(item.key.value) : '';
    if (!/^npm_config_always_auth$/i.test(name)) continue;
    removeFrom(parent, 'env', name);
    notes.push(`${where}: removed ${name} (it made npm send the token with every request)`);
  }
  return secrets;
}

/** A local composite action that publishes: no token input, and no token lines inside it. */
function localPublishAction(job: JobView, notes: string[], secrets: string[], options: PublishJobOptions): void {
  for (const step of publishSteps(job)) {
    const uses = textOf(step, 'uses');
    if (!uses?.startsWith('./')) continue;
    const dropped: string[] = [];
    for (const item of [...(mapOf(step, 'with')?.items ?? [])]) {
      if (!isScalar(item.key) || !isScalar(item.value) || !isTokenInput(String(item.key.value), String(item.value.value ?? ''))) continue;
      const secret = secretName(String(item.value.value ?? ''));
      if (secret) secrets.push(secret);
      removeFrom(step, 'with', String(item.key.value));
      dropped.push(String(item.key.value));
      notes.push(`job "${job.id}": no longer hands ${uses} a token (${String(item.key.value)})`);
    }
    const retired = dropped.filter((name) => !options.keepsInput?.(uses, name));
    const edit = localActionEdit(uses, options.readFile, retired, (path) => options.scripts?.get(path)?.after);
    if (!edit) continue;
    if (edit.after !== edit.before) options.scripts?.set(edit.path, { before: edit.before, after: edit.after });
    notes.push(...edit.notes.map((line) => `job "${job.id}": ${line}`));
    for (const name of edit.kept) options.left?.push(`${edit.path} still reads inputs.${name}, the token input ${uses} is no longer handed: that part of the action now sees an empty value.`);
  }
}

/**
 * A local composite action the job runs that sets up Node with registry-url https://registry.npmjs.org:
 * the key goes from its setup-node, as from the job's own (it writes a placeholder token). Other
 * registries stay: a proxy or a private registry there is not this job's publish target.
 */
function localSetupNode(job: JobView, notes: string[], options: PublishJobOptions): void {
  for (const step of job.steps) {
    const uses = textOf(step, 'uses');
    if (!uses?.startsWith('./') || !options.readFile || !options.scripts) continue;
    const found = localRegistryUrls(uses, options.readFile).filter((f) => isNpmjs(f.registry) || isProxy(f.registry));
    if (found.length === 0) continue;
    const proxies = found.filter((f) => isProxy(f.registry));
    if (proxies.length > 0 && !options.switchRegistry) {
      throw new MigrateError(
        `job "${job.id}" publishes through ${proxies.map((f) => `${f.registry} (${f.path}:${f.line})`).join(', ')}, a proxy in front of npmjs.com (Wombat Dressing Room or the like) that holds a token of its own, set up by ${uses}: trusted publishing only works against registry.npmjs.org. Re-run with --switch-registry to publish to registry.npmjs.org directly (the proxy's release checks no longer apply).`,
      );
    }
    const path = found[0]!.path;
    const earlier = options.scripts.get(path);
    const before = earlier?.before ?? options.readFile(path);
    const after = before === undefined ? undefined : withoutRegistryUrl(earlier?.after ?? before, (url) => isNpmjs(url) || isProxy(url));
    if (before === undefined || after === undefined) continue;
    options.scripts.set(path, { before, after });
    if (found.some((f) => isNpmjs(f.registry))) notes.push(`job "${job.id}": removed registry-url from setup-node in ${path} (it writes a placeholder token; registry.npmjs.org needs none)`);
    for (const f of proxies) notes.push(`job "${job.id}": ${path} publishes to registry.npmjs.org instead of the proxy ${f.registry} (--switch-registry)`);
  }
}

/** Lines that only wrap an .npmrc write: `cat << EOF > ~/.npmrc` ... `EOF`. */
const WRAPPER = /^\s*(?:(?:cat|tee)\b.*<<.*|[A-Z_]*EOF[A-Z_]*|)\s*$/;

/**
 * A line that prints or copies the .npmrc setup-node writes for `registry-url` (`cat
 * /home/runner/work/_temp/.npmrc > ~/.npmrc`, `cp "$NPM_CONFIG_USERCONFIG" ~/.npmrc`): that file
 * holds the token line, and it is not written once registry-url goes, so the line would stop the step.
 */
const SETUP_NODE_NPMRC = /^\s*(?:cat|cp)\s[^;&|]*(?:\/_temp\/\.npmrc|\$\{?NPM_CONFIG_USERCONFIG\}?|runner\.temp\s*\}\}\/\.npmrc)[^;&|]*$/;
const tokenPlumbing = (line: string): boolean => writesAuthToken(line) || SETUP_NODE_NPMRC.test(line);

/** Scripts that write an `_authToken` to .npmrc: the line goes, and the step when nothing else is left. */
function noScriptedToken(job: JobView, notes: string[], secrets: string[]): void {
  const seq = nodeOf(job.node, 'steps');
  let wrote = false;
  for (const step of [...job.steps]) {
    const node = nodeOf(step, 'run');
    const rm = wrote && isScalar(node) && typeof node.value === 'string' ? forcedConfigRm(node.value) : undefined;
    if (rm !== undefined) {
      (node as { value: string }).value = rm;
      notes.push(`job "${job.id}": rm of the config file the removed token line wrote is now rm -f (the file may not be there)`);
    }
    if (!isScalar(node) || typeof node.value !== 'string' || !node.value.split('\n').some(tokenPlumbing)) continue;
    wrote = true;
    const copies = node.value.split('\n').some((line) => SETUP_NODE_NPMRC.test(line));
    const file = /npmAuthToken/.test(node.value) ? 'an npmAuthToken to .yarnrc.yml' : 'an _authToken to .npmrc';
    const headers = emptiedYarnrcHeaders(node.value.split('\n'), tokenPlumbing);
    const kept = withoutLines(node.value.split('\n'), (line) => tokenPlumbing(line) || headers.has(line));
    for (const name of TOKEN_VARS) {
      const secret = secretName(textOf(mapOf(step, 'env'), name) ?? '');
      if (secret) secrets.push(secret);
    }
    if (runsNothing(kept.filter((line) => !WRAPPER.test(line)))) {
      removeItem(seq, step);
      job.steps.splice(job.steps.indexOf(step), 1);
      notes.push(`job "${job.id}": removed the step that wrote ${file}`);
    } else {
      const org = kept.map(dotOrgRegistry);
      node.value = forcedConfigRm(org.join('\n')) ?? org.join('\n');
      notes.push(copies ? `job "${job.id}": removed the line that printed or copied setup-node's .npmrc (its token line; the file is no longer written)` : `job "${job.id}": removed the line that wrote ${file}`);
      const dotOrg = `job "${job.id}": registry.npmjs.com → registry.npmjs.org where a step that wrote a token sets a registry (the same registry: npm asks for an ID token for the host it publishes to, and trusted publishing is documented for npm:registry.npmjs.org)`;
      if (org.some((line, i) => line !== kept[i]) && !notes.includes(dotOrg)) notes.push(dotOrg);
    }
  }
}

/**
 * JS-DevTools/npm-publish: from v4.1 its token input is optional and npm does the OIDC
 * exchange (the pin step has moved it to v4). v1's check-version became strategy in v2.
 */
function npmPublishAction(job: JobView, notes: string[], secrets: string[]): void {
  for (const step of job.steps.filter((s) => /^js-devtools\/npm-publish@/i.test(textOf(s, 'uses') ?? ''))) {
    const withMap = mapOf(step, 'with');
    const registry = textOf(withMap, 'registry');
    if (registry !== undefined && !isNpmjs(registry)) continue;
    const token = textOf(withMap, 'token') ?? '';
    const secret = secretName(token);
    if (secret === 'GITHUB_TOKEN') continue;
    if (removeFrom(step, 'with', 'token')) {
      if (secret) secrets.push(secret);
      notes.push(`job "${job.id}": removed the token input of JS-DevTools/npm-publish${secret ? ` (secrets.${secret})` : ''}`);
    }
    if (removeFrom(step, 'with', 'check-version')) notes.push(`job "${job.id}": removed check-version (npm-publish v2+ always checks the version; strategy: upgrade is the closest)`);
  }
}

/** Publish actions that let npm do the OIDC exchange once their token is gone. */
const OIDC_ACTIONS = /^(?:changesets\/action|js-devtools\/npm-publish|cycjimmy\/semantic-release-action)@/i;

/** A third-party action that publishes with a token of its own cannot be migrated by removing the token. */
function checkPublishActions(job: JobView): void {
  for (const step of publishSteps(job)) {
    const uses = textOf(step, 'uses');
    if (uses === undefined || uses.startsWith('./') || OIDC_ACTIONS.test(uses)) continue;
    const token = (mapOf(step, 'env')?.items ?? []).some((item) => isScalar(item.key) && isScalar(item.value) && isTokenEnv(String(item.key.value), String(item.value.value ?? '')));
    const known = tokenOnlyActionRefusal(`job "${job.id}"`, uses, token);
    if (known) throw new MigrateError(known);
    throw new MigrateError(`job "${job.id}" ${token ? 'hands an npm token to' : 'publishes with'} ${uses.replace(/@.*$/, '')}, an action this tool cannot tell does trusted publishing (OIDC): replace that step with \`npm publish\` (npm 11.5.1+ does the exchange), then migrate again.`);
  }
}

/** All publish-job edits except the Node version; returns the secrets no longer handed to npm. */
export interface PublishJobOptions {
  switchRegistry?: boolean;
  readFile?: (path: string) => string | undefined;
  /** Collects the edits of repository scripts the publish steps run. */
  scripts?: Map<string, { before: string; after: string }>;
  /** Collects what the edits leave for the user ("Left for you"). */
  left?: string[];
  /** Whether another caller hands the local action `uses` its input `input` something that is no npm token. */
  keepsInput?: (uses: string, input: string) => boolean;
  /** The repository's workspaces, name to folder (`yarn workspace <name> run <script>`). */
  workspaces?: Readonly<Record<string, string>>;
}

/** Commands that read no npm credential: npm's settings and the tools' versions. */
const NEEDS_NO_TOKEN = /^\s*(?:npm\s+config\s+(?:get|list|ls)\b|(?:npm|node|pnpm|yarn|bun)\s+(?:-v|--version)\s*$)[^;&|>]*$/;

/** `npm whoami` checks the token, which is gone: the lines go, and steps that only did that. */
export function noTokenChecks(job: JobView, notes: string[], secrets: string[]): void {
  const seq = nodeOf(job.node, 'steps');
  for (const step of [...job.steps]) {
    const node = nodeOf(step, 'run');
    if (!isScalar(node) || typeof node.value !== 'string') continue;
    // A step that only fails when the token is empty would now always fail.
    const tested = onlyChecksSet(node.value);
    const env = mapOf(step, 'env');
    if (tested.length > 0 && tested.every((name) => isTokenEnv(name, textOf(env, name) ?? ''))) {
      // Never leave a `steps.<id>` that names a removed step (GitHub reads it as empty, actionlint rejects it).
      const id = textOf(step, 'id');
      if (id !== undefined && references(job, id) > 0) {
        throw new MigrateError(`job "${job.id}": the step "${textOf(step, 'name') ?? id}" only checks that ${tested.join(', ')} is set, and other steps read steps.${id}: without the token it would always say it is missing. Remove that check and the conditions that read it, then migrate again.`);
      }
      for (const name of tested) {
        const secret = secretName(textOf(env, name) ?? '');
        if (secret) secrets.push(secret);
      }
      removeItem(seq, step);
      job.steps.splice(job.steps.indexOf(step), 1);
      notes.push(`job "${job.id}": removed the step that only checked the token was set (${tested.join(', ')})`);
      continue;
    }
    // A step whose every line is `npm whoami ...` (or an echo) only checks the token.
    const lines = node.value.split('\n').filter((line) => line.trim() !== '');
    const whole = onlyChecksToken(node.value) && lines.every((line) => /^\s*(?:npm\s+whoami\b|echo\b)/.test(line)) && lines.some((line) => /\bnpm\s+whoami\b/.test(line));
    const cut = node.value.split('\n').map(withoutWhoamiFirst);
    if (!whole && cut.join('\n') === node.value && !cut.some((line) => TOKEN_CHECK_LINE.test(line))) continue;
    const kept = cut.filter((line) => !TOKEN_CHECK_LINE.test(line));
    if (whole || kept.every((line) => line.trim() === '')) {
      for (const name of TOKEN_VARS) {
        const secret = secretName(textOf(mapOf(step, 'env'), name) ?? '');
        if (secret) secrets.push(secret);
      }
      removeItem(seq, step);
      job.steps.splice(job.steps.indexOf(step), 1);
      notes.push(`job "${job.id}": removed the step that only checked the token (npm whoami)`);
    } else {
      node.value = kept.join('\n');
      notes.push(`job "${job.id}": removed npm whoami (it checks the token, which is gone)`);
      // What is left reads no credential (`npm config get registry`, an echo): the token goes too.
      if (kept.every((line) => line.trim() === '' || NEEDS_NO_TOKEN.test(line) || onlyPrints(line))) {
        secrets.push(...dropTokenEnv(step, `job "${job.id}" step "${textOf(step, 'name') ?? 'npm whoami'}"`, notes));
      }
    }
  }
}

export function migratePublishJob(doc: Document, job: JobView, notes: string[], options: PublishJobOptions = {}): string[] {
  const switchRegistry = options.switchRegistry ?? false;
  checkSelfHostedRunner(job, listedSelfHosted(options.readFile));
  const secrets: string[] = [...noTokenWriterActions(job, notes), ...inlineCompositePublishers(doc, job, notes), ...replaceNpmPublishAction(doc, job, notes, options.left)];
  checkPublishActions(job);
  checkTokenOnlyPublishers(job, options.readFile);
  checkInstalledPublishScripts(job, options.readFile);
  checkGlobalToolPublish(job, options.readFile);
  checkPublishConditionSteps(job);
  checkScriptProxies(job, options.readFile, (step) => stepDirectory(doc, job.node, step));
  packOldBerryPublish(job, notes, options.readFile, options.workspaces);
  for (const step of publishSteps(job)) {
    for (const [path, edit] of scriptEdits(textOf(step, 'run') ?? '', `job "${job.id}"`, options.readFile, stepDirectory(doc, job.node, step))) {
      options.scripts?.set(path, edit);
      notes.push(`job "${job.id}": ${path} no longer writes or checks the npm token`);
    }
  }
  if (options.scripts) notes.push(...makeRecipeEdits(job, options.readFile, (step) => stepDirectory(doc, job.node, step), options.scripts));
  retireTokenGuards(job, tokenVariables(job), notes);
  secrets.push(...retireTokenPresenceOutputs(doc, job, notes));
  noTokenChecks(job, notes, secrets);
  secrets.push(...noTokenGuards(job, notes));
  localPublishAction(job, notes, secrets, options);
  localSetupNode(job, notes, options);
  const keepToken = splitAdminTail(doc, job, notes, options.left);
  for (const step of publishSteps(job).filter((s) => !keepToken.has(s))) {
    secrets.push(...dropTokenEnv(step, `job "${job.id}" publish step`, notes));
  }
  secrets.push(...dropTokenEnv(job.node, `job "${job.id}" env`, notes));
  npmPublishAction(job, notes, secrets);
  secrets.push(...beachballToken(job, notes));
  yarnPublish(job, notes);
  publibTrustedPublisher(doc, job, notes, options.left, options.readFile);
  prereleaseTag(job, notes, options.readFile);
  bunPublish(job, notes, options.readFile);
  noScriptedToken(job, notes, secrets);
  noNpmLogin(job, notes);
  noCache(doc, job, notes, switchRegistry, options.left);
  return secrets;
}
