// Migrates one workflow file in place: the smallest edit that turns a token-based publish
// into trusted publishing and meets the workflow rules it can meet without guessing.
import { isMap, type Node, type YAMLMap } from 'yaml';
import type { RepoRef } from '../core/model.js';
import type { ActionPins } from '../render/pins.js';
import { printOptions } from './format.js';
import { editedMentions, editedText, jobRuns } from './regions.js';
import { calledScopes } from './callee-permissions.js';
import { replaceRetiredRunner } from './retired-runner.js';
import { listedNeeds, upstreamJobs } from '../audit/job-needs.js';
import { addForkGuard, dropDeclaredSecrets, dropPassedSecrets, mentionedSecrets, relaxDeclaredSecrets } from './guard.js';
import { isReusable, jobViews } from './jobs.js';
import { parseWorkflow, stepCommands } from '../audit/workflow-model.js';
import { firstError, oversize, readYaml, takeYaml } from '../core/yaml-text.js';
import type { PublishContext } from '../audit/publish-rule.js';
import { ensureNewNpm } from './node-version.js';
import { nodeOf, textOf } from './nodes.js';
import { mergeScopes, migratePermissions, scopesOf, type Scopes } from './permissions.js';
import { floatingToolsLeft, installTokensLeft, noPersistedCredentials, noTemplateInjection, pinActions } from './steps-general.js';
import { noSetOutput } from './set-output.js';
import { fromNpmPublishV1 } from './npm-publish-v1.js';
import { needsWhatIsRead } from './needs-read.js';
import { dropTokenEnv, migratePublishJob, noTokenChecks } from './steps-publish.js';
import { onlyChecksToken } from '../audit/publish-rule.js';
import { runsTool } from '../audit/runs-tool.js';
import { lernaLeft, refuseOldLerna } from './lerna.js';
import { LERNA_PUBLISH } from '../audit/lerna-version.js';
import { SHIPJS_TRIGGER, shipjsLeft } from './shipjs.js';
import { raiseActionSemanticVersion, raiseSemanticRelease, refuseNodeForSemanticRelease, refuseOldSemanticRelease, SEMANTIC_RELEASE } from './old-semantic-release.js';
import { refuseOldCliPkg } from './old-cli-pkg.js';
import { releaseItSkipChecks, releaseItWorkspaces } from './release-it.js';
import { stepDirectory, whatRuns } from './scripts.js';
import { refuseInvalidSteps, refuseMissingNeeds, refuseSecretCallInputs, renameMisspeltFilters } from './trigger-filters.js';
import { refuseSecretsInIf } from './if-contexts.js';
import { refuseNixShellPublish } from './nix-shell-publish.js';
import { refuseDockerActionPublish } from './docker-action-publish.js';
import { refuseJsActionTokenWriter } from './js-action-token.js';
import { refuseUnknownEvents } from './unknown-events.js';
import { MULTI_SEMANTIC_RELEASE, multiSemanticReleaseLeft } from './multi-semantic-release.js';
import { writtenRepository } from './written-repository.js';

export interface MigrateContext {
  repo?: RepoRef;
  pins: ActionPins;
  /** Reusable workflows of this repository that publish, by file name: what their callers must grant and stop passing. */
  callees?: Record<string, { scopes: Scopes; secrets: string[] }>;
  /** This file is a reusable workflow whose callers are all in the repository (and migrated too). */
  callersMigrated?: boolean;
  /** Reads a repository file (`.nvmrc`, a local action), path relative to the root. */
  readFile?: (path: string) => string | undefined;
  /** package.json scripts and local actions, for the publish rule (as doctor reads them). */
  publish?: PublishContext;
  /** Consent to move a publish from a proxy in front of npmjs.com to registry.npmjs.org. */
  switchRegistry?: boolean;
  /** Whether another caller hands a local action's input something that is no npm token (the action keeps that input). */
  keepsInput?: (uses: string, input: string) => boolean;
  /** The repository's workspaces, name to folder. */
  workspaces?: Readonly<Record<string, string>>;
}

export interface MigrateResult {
  before: string;
  after: string;
  /** What changed, one line each. */
  changes: string[];
  /** Token secrets this file no longer uses. */
  droppedSecrets: string[];
  /** Union of the permissions of the jobs that publish, after the edit. */
  scopes: Scopes;
  reusable: boolean;
  /** What the migration could not fix, one line each, for "Left for you". */
  left: string[];
  /** True when a job publishes to npmjs.com (false for a file that publishes only elsewhere). */
  npmPublisher: boolean;
  /** Repository scripts the publish steps run, edited (token lines removed), by path. */
  scripts: Map<string, { before: string; after: string }>;
  /** The change lines (also in `changes`) of edits that change what starts the workflow: the wizard's review names them beside the diff. */
  trigger?: string[];
}

import { MigrateError } from './errors.js';
export { MigrateError };

/** A workflow GitHub would not run is not parsed, nor migrated: the refusal says why. */
export function refuseOversize(content: string, path: string): void {
  const tooLarge = oversize(content);
  if (tooLarge) throw new MigrateError(`${path} is not migrated: ${tooLarge}. Split it first (reusable workflows, composite actions), then migrate again.`);
}

export function migrateWorkflow(content: string, path: string, ctx: MigrateContext): MigrateResult {
  refuseOversize(content, path);
  // This document is edited: a copy of the shared one, so no other reader sees the edits.
  const parsed = takeYaml(content);
  const pristine = readYaml(content);
  const doc = parsed.doc;
  if (doc.errors.length > 0) throw new MigrateError(`${path} is not valid YAML (${firstError(parsed)}): fix it first.`);
  if (!isMap(doc.contents)) throw new MigrateError(`${path} is not a workflow (no top-level mapping).`);
  const options = printOptions(doc, content);
  const root = doc.contents as YAMLMap;
  const callees = Object.fromEntries(Object.entries(ctx.callees ?? {}).map(([file, c]) => [file, c.scopes]));
  // The audit model of the text before any edit, shared with select and doctor (built once):
  // its jobs and steps line up by position with the copy's, which are the ones edited.
  const model = parseWorkflow(content, path, ctx.publish ?? {});
  const jobs = jobViews(root, callees, model.ok ? model.workflow : undefined, ctx.publish?.self);
  for (const job of jobs) {
    const asked = job.calleeScopes ? undefined : calledScopes(job.uses, ctx.readFile);
    if (asked) job.calledScopes = asked;
  }
  const elsewhere = new Map(jobs.flatMap((job) => (job.elsewhere ? [[job.id, job.elsewhere] as const] : [])));
  const changes: string[] = [];
  const secretsBefore = mentionedSecrets(content);

  const left: string[] = [];
  const scripts = new Map<string, { before: string; after: string }>();
  // A job that publishes only to another registry is not this tool's business: left as it is.
  for (const [id, registries] of elsewhere) {
    left.push(`job "${id}" publishes only to ${registries.join(', ')}, not npmjs.com: trusted publishing does not apply, so it was left as it is.`);
  }
  // Nothing here publishes to npmjs.com (nor calls a workflow that does): the file stays as it is.
  if (!jobs.some((job) => job.publishes || job.calleeScopes)) {
    return { before: content, after: content, changes: [], droppedSecrets: [], scopes: {}, reusable: isReusable(root), left, npmPublisher: false, scripts };
  }
  refuseUnknownEvents(root, content, path);
  refuseInvalidSteps(jobs, content, path);
  refuseNixShellPublish(jobs, content, path);
  refuseDockerActionPublish(jobs, content, path, ctx.publish?.readFile ?? ctx.readFile);
  refuseJsActionTokenWriter(jobs, content, path, ctx.publish);
  refuseMissingNeeds(jobs, content, path);
  refuseSecretsInIf(jobs, content, path);
  refuseSecretCallInputs(jobs, content, path);
  // A misspelt trigger filter is renamed in the text first: the rest migrates the renamed file.
  const renamed = renameMisspeltFilters(root, content, path);
  if (renamed) {
    const rest = migrateWorkflow(renamed.text, path, ctx);
    return { ...rest, before: content, changes: [...renamed.changes, ...rest.changes], left: [...renamed.left, ...rest.left], trigger: renamed.changes };
  }
  // Pins first: the setup-node inputs depend on the version that will run.
  const v1: string[] = [];
  fromNpmPublishV1(doc, jobs, v1, ctx.readFile);
  changes.push(...pinActions(jobs, left), ...v1);
  const publishing = jobs.filter((job) => job.publishes);
  // What the release-tool checks read: the publish rule's context, with the repository reader.
  const tools: PublishContext = { ...ctx.publish, ...(ctx.publish?.readFile ?? ctx.readFile ? { readFile: ctx.publish?.readFile ?? ctx.readFile } : {}) };
  for (const job of publishing.filter((j) => j.steps.some((step) => runsTool(stepCommands(step), LERNA_PUBLISH, tools, stepDirectory(doc, j.node, step), true)))) {
    const run = job.steps.map(stepCommands).join('\n');
    refuseOldLerna(job.id, ctx.readFile, run);
    const line = lernaLeft(job.id, ctx.readFile, run);
    if (line) left.push(line);
  }
  // Jobs whose semantic-release named on the run line was raised to 25: their Node is checked after the Node edits.
  const raised: typeof publishing = [];
  for (const job of publishing) {
    const run = job.steps.map(stepCommands).join('\n');
    if (runsTool(run, MULTI_SEMANTIC_RELEASE, tools)) left.push(multiSemanticReleaseLeft(job.id, run, ctx.readFile));
    else if (runsTool(run, SEMANTIC_RELEASE, tools)) {
      const old = refuseOldSemanticRelease(job.id, run, ctx.readFile);
      raiseSemanticRelease(job, old, ctx.readFile, changes, left);
      if (old.length > 0) raised.push(job);
    }
    raiseActionSemanticVersion(job, ctx.readFile, changes, left);
    refuseOldCliPkg(job.id, run, ctx.readFile);
    const shipjs = runsTool(run, SHIPJS_TRIGGER, tools) ? shipjsLeft(job.id, ctx.readFile) : undefined;
    if (shipjs) left.push(shipjs);
  }
  const RELEASE_IT = /\brelease-it\b/;
  for (const job of publishing.filter((j) => j.steps.some((step) => runsTool(stepCommands(step), RELEASE_IT, tools, stepDirectory(doc, j.node, step)))).slice(0, 1)) {
    const runs = whatRuns(job.steps.map(stepCommands).join('\n'), ctx.readFile);
    for (const dir of ['', ...releaseItWorkspaces(runs, ctx.readFile, ctx.workspaces)]) {
      const { edit, left: line } = releaseItSkipChecks(job.id, ctx.readFile, dir);
      if (edit) {
        scripts.set(edit.path, { before: edit.before, after: edit.after });
        changes.push(`job "${job.id}": ${edit.path} sets npm.skipChecks (release-it's npm check needs the token that is gone)`);
      }
      if (line) left.push(line);
    }
  }
  changes.push(...writtenRepository(model.ok ? model.workflow : undefined, publishing, ctx.repo, ctx.readFile));
  for (const job of publishing) {
    migratePublishJob(doc, job, changes, { switchRegistry: ctx.switchRegistry ?? false, scripts, left, ...(ctx.readFile ? { readFile: ctx.readFile } : {}), ...(ctx.keepsInput ? { keepsInput: ctx.keepsInput } : {}), ...(ctx.workspaces ? { workspaces: ctx.workspaces } : {}) });
    ensureNewNpm(doc, job, ctx.pins, changes, { root, scripts, ...(ctx.readFile ? { readFile: ctx.readFile } : {}) });
    addForkGuard(doc, job, ctx.repo, changes, ctx.callersMigrated);
    replaceRetiredRunner(job, changes);
  }
  for (const job of raised) refuseNodeForSemanticRelease(job, { root, job: job.node, ...(ctx.readFile ? { readFile: ctx.readFile } : {}) });
  // A job the publish waits for that cannot start keeps the publish from running too.
  const byId = new Map(jobs.map((job) => [job.id, job]));
  const upstream = upstreamJobs(publishing.map((job) => job.id), (id) => listedNeeds(byId.get(id)?.node.get('needs', true) as Node | undefined));
  for (const id of upstream) if (byId.has(id)) replaceRetiredRunner(byId.get(id)!, changes);
  if (publishing.length > 0) dropTokenEnv(root, 'workflow env', changes);
  // Other jobs of the file that only check the token (npm whoami) would fail once it is gone.
  for (const job of jobs.filter((j) => !j.publishes && j.steps.some((step) => onlyChecksToken(textOf(step, 'run') ?? '')))) {
    const secrets: string[] = [];
    noTokenChecks(job, changes, secrets);
    dropTokenEnv(job.node, `job "${job.id}" env`, changes);
  }
  dropPassedSecrets(jobs, Object.fromEntries(Object.entries(ctx.callees ?? {}).map(([f, c]) => [f, c.secrets])), changes);
  changes.push(...migratePermissions(doc, root, jobs, ctx.readFile));
  changes.push(...noPersistedCredentials(doc, jobs, left, ctx.readFile));
  floatingToolsLeft(jobs, left);
  installTokensLeft(jobs, left);
  changes.push(...noTemplateInjection(doc, jobs));
  changes.push(...noSetOutput(jobs));
  changes.push(...needsWhatIsRead(doc, jobs));

  const reusable = isReusable(root);
  // A large file is printed and merged job by job: the jobs the edits left alone, found once.
  let runs = jobRuns(content, pristine, doc);
  const stillMentioned = mentionedSecrets(editedMentions(content, doc, options, runs));
  const droppedSecrets = [...secretsBefore].filter((name) => !stillMentioned.has(name));
  if (reusable && droppedSecrets.length > 0) {
    if (ctx.callersMigrated) dropDeclaredSecrets(root, droppedSecrets, changes);
    else relaxDeclaredSecrets(root, droppedSecrets, changes);
    runs = jobRuns(content, pristine, doc);
  }
  const scopes = mergeScopes(...publishing.map((job) => scopesOf(nodeOf(job.node, 'permissions')) ?? {}));
  const after = editedText(content, pristine, doc, options, runs);
  return { before: content, after, changes: after === content ? [] : changes, droppedSecrets, scopes, reusable, left, npmPublisher: publishing.length > 0, scripts };
}
