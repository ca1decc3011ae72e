// Which files a migration edits, in which order: a reusable publish workflow first, then the
// workflows that call it (they must grant id-token: write and stop passing the token).
import { isMap, isScalar, type YAMLMap } from 'yaml';
import type { CiFile, Detected, FileChange, Finding, RepoRef, WorkflowFile } from '../core/model.js';
import { migrateCiFile } from './ci-files.js';
import { parseWorkflow } from '../audit/index.js';
import { type PublishContext } from '../audit/publish-rule.js';
import { isTokenEnv } from '../audit/token-forms.js';
import { loadPins, type ActionPins } from '../render/pins.js';
import { repositoryEditReason, repositoryFinding } from '../detect/repository.js';
import { repositoryPackages } from '../detect/named-packages.js';
import { repoReader } from '../detect/workflows.js';
import { GITLAB_CI_PATH } from '../detect/ci-files.js';
import { repoRoot } from '../core/paths.js';
import { withRepository } from '../plan/repository-fix.js';
import { registryProxyEdits } from './registry-files.js';
import { retireTokenChecks } from './token-checks.js';
import { isReusable, startsItself, jobPublishesAlone, jobViews, localCallee } from './jobs.js';
import { mapOf, nodeOf, textOf } from './nodes.js';
import { otherInputUses } from './local-action-token.js';
import { MigrateError, migrateWorkflow, refuseOversize, type MigrateContext, type MigrateResult } from './workflow.js';
import { oversize, readYaml } from '../core/yaml-text.js';
import { gitlabCiHostReason } from '../providers/unsupported.js';
import { isNpmPublishAction } from './npm-publish-action.js';
import { UNSUPPORTED_CI_ID } from '../detect/unsupported-ci.js';

export { MigrateError, migrateWorkflow, type MigrateResult } from './workflow.js';
export { normaliseMigrateArgv } from './args.js';

export interface MigrationPlan {
  changes: FileChange[];
  results: Array<{ path: string; result: MigrateResult }>;
  /** The workflow file name npm must be told (the caller's, for a reusable workflow); undefined when ambiguous. */
  trustFile?: string;
  /** Every workflow file npm must be told, one trusted publisher each. */
  trustFiles: string[];
  /** The environment of the publishing job, when it names one. */
  environment: string | null;
  notes: string[];
  /** What the migration did not fix, one line each (shown under "Left for you"). */
  left: string[];
}

/** The audit model's verdict, with the repository's scripts and local actions (as doctor reads them). */
const publishesWith = (context: PublishContext) => (w: WorkflowFile) => {
  const parsed = parseWorkflow(w.content, w.path, context);
  return parsed.ok && parsed.workflow.publishes;
};

/** The top-level mapping of a workflow (the shared parse: read it, never edit it). */
function rootOf(content: string): YAMLMap | undefined {
  if (oversize(content)) return undefined;
  const doc = readYaml(content).doc;
  return isMap(doc.contents) ? (doc.contents as YAMLMap) : undefined;
}

function callersOf(target: WorkflowFile, all: readonly WorkflowFile[], self?: string): WorkflowFile[] {
  return all.filter((w) => {
    const root = rootOf(w.content);
    return root !== undefined && jobViews(root).some((job) => localCallee(job.uses, self) === target.fileName);
  });
}

/** The environment each job that publishes names ('' for none), leaving out one named by an expression. */
function environmentsOf(content: string): string[] {
  const root = rootOf(content);
  if (!root) return [];
  return (mapOf(root, 'jobs')?.items ?? []).flatMap((item) => {
    if (!isScalar(item.key) || !isMap(item.value) || !jobPublishesAlone(item.value)) return [];
    const env = nodeOf(item.value, 'environment');
    const name = (isScalar(env) ? textOf(item.value, 'environment') : textOf(mapOf(item.value, 'environment'), 'name')) ?? '';
    return name.includes('${{') ? [] : [name];
  });
}

function select(d: Detected, file: string | undefined): WorkflowFile[] {
  const publishes = publishesWith(d.publishContext ?? {});
  if (!file) {
    // Detection's line scan saw a publish in a file too large to parse: say so, not "nothing publishes".
    for (const w of d.workflows.filter((w) => w.publishes)) refuseOversize(w.content, w.path);
    return d.workflows.filter(publishes);
  }
  const wanted = file.replace(/^\.\//, '');
  if (d.ciFiles.some((f) => f.path === wanted)) return [];
  const found = d.workflows.find((w) => w.fileName === wanted || w.path === wanted);
  if (!found) throw new MigrateError(`There is no workflow ${file} in .github/workflows (found: ${d.workflows.map((w) => w.fileName).join(', ') || 'none'}).`);
  refuseOversize(found.content, found.path);
  const callees = d.workflows.filter((w) => publishes(w) && callersOf(w, [found], d.publishContext?.self).length > 0);
  if (!publishes(found) && callees.length === 0) throw new MigrateError(`${found.path} does not publish to npm: nothing to migrate.`);
  return [found, ...callees];
}

export function planMigration(d: Detected, options: { file?: string; repo?: RepoRef; pins?: ActionPins; switchRegistry?: boolean; fixRepository?: boolean } = {}): MigrationPlan {
  const pins = options.pins ?? loadPins();
  const context: PublishContext = d.publishContext ?? {};
  const publishes = publishesWith(context);
  const repo = options.repo ?? d.git.github;
  const targets = select(d, options.file);
  const wanted = options.file?.replace(/^\.\//, '');
  const ciTargets = d.ciFiles.filter((f) => f.publishes && (wanted === undefined || f.path === wanted));
  // A CI service npm does not trust (Woodpecker, Drone, Jenkins...) that publishes with a token: the token has to stay there.
  const elsewhere = d.findings.filter((f) => f.id === UNSUPPORTED_CI_ID).map((f) => `${f.file}:${f.line}: ${f.message}\n${f.fix}`);
  if (targets.length === 0 && ciTargets.length === 0) {
    const remote = remoteTokenCalls(d.workflows, d.publishContext?.self);
    if (remote) throw new MigrateError(remote);
    if (elsewhere.length > 0) throw new MigrateError(`${elsewhere.join('\n')}\nNothing was written.`);
    throw new MigrateError('Nothing publishes to npm in .github/workflows, .gitlab-ci.yml or .circleci/config.yml: run create-trusted-publish (without --migrate) to write a publish workflow.');
  }
  // A GitLab pipeline runs on the GitLab that hosts the project: only GitLab.com's ID tokens are trusted.
  const gitlabFile = ciTargets.find((f) => f.provider === 'gitlab');
  const hostReason = gitlabFile && d.git.host ? gitlabCiHostReason(d.git.host) : null;
  if (gitlabFile && hostReason) {
    throw new MigrateError(`${gitlabFile.path} publishes from GitLab CI/CD, and the remote "origin" is on ${d.git.host}, not GitLab.com.\n${hostReason}\nNothing was written.`);
  }
  // Paths in a workflow (node-version-file, local actions, scripts) are relative to the checkout,
  // the repository's top, as doctor reads them, whichever package directory the user pointed at.
  const readFile = context.readFile ?? repoReader(repoRoot(d));
  const base: MigrateContext = { pins, readFile, publish: context, switchRegistry: options.switchRegistry ?? false, keepsInput: otherInputUses(d.workflows), workspaces: Object.fromEntries(d.workspacePackages.flatMap((p) => (p.name ? [[p.name, p.dir]] : []))), ...(repo ? { repo } : {}) };
  const reusable = targets.filter((w) => { const root = rootOf(w.content); return root !== undefined && isReusable(root) && publishes(w); });
  // Everything read from the files as they are comes first: each migration takes its file's
  // parsed document to edit it.
  const callersByFile = new Map(reusable.map((w) => [w.path, callersOf(w, d.workflows, context.self)]));
  const trusted = targets.length > 0 ? (reusable[0] ?? targets[0])! : undefined;
  const environments = [...new Set(trusted ? environmentsOf(trusted.content) : [])];
  // The first job that publishes and names an environment.
  const environment = environments.find((name) => name !== '') ?? null;
  const results = new Map<string, { file: WorkflowFile; result: MigrateResult }>();
  const callees: NonNullable<MigrateContext['callees']> = {};
  for (const w of reusable) {
    const result = migrateWorkflow(w.content, w.path, { ...base, callersMigrated: callersByFile.get(w.path)!.length > 0 });
    results.set(w.path, { file: w, result });
    callees[w.fileName] = { scopes: result.scopes, secrets: result.droppedSecrets };
  }
  const callers = reusable.flatMap((w) => callersByFile.get(w.path)!);
  for (const w of [...targets, ...callers]) {
    if (results.has(w.path)) continue;
    results.set(w.path, { file: w, result: migrateWorkflow(w.content, w.path, { ...base, callees }) });
  }
  const notes: string[] = [];
  // A reusable workflow with a trigger of its own (`workflow_dispatch`) is also the workflow npm sees when it starts itself.
  const selfStarted = reusable.filter((w) => startsItself(rootOf(w.content)!));
  const entry = reusable.length > 0 ? [...new Set([...callers.map((c) => c.fileName), ...selfStarted.map((w) => w.fileName)])] : targets.filter((t) => publishes(t) && results.get(t.path)?.result.npmPublisher !== false).map((t) => t.fileName);
  // npm matches the environment a trusted publisher names: a job in another one (or in none) is refused.
  if (environments.length > 1) notes.push(`Jobs of ${trusted!.fileName} publish in ${environments.map((e) => e || 'no environment').join(', ')}: add a trusted publisher on npmjs.com for each (the values below name ${environment}), or one that names no environment.`);
  if (entry.length > 1) notes.push(`More than one workflow publishes (${entry.join(', ')}): add one trusted publisher per workflow file on npmjs.com.`);
  if (reusable.length > 0 && callers.length === 0 && selfStarted.length === 0) notes.push(`${reusable.map((w) => w.fileName).join(', ')} is called from outside this repository: npm matches the caller's repository and file name, and the caller must grant id-token: write.`);
  const list = [...results.values()];
  const left = list.flatMap(({ file, result }) => result.left.map((line) => `${file.path}: ${line}`));
  left.push(...elsewhere.map((reason) => reason.replace('\n', ' ')));
  const dropped = new Set(list.flatMap(({ result }) => result.droppedSecrets));
  const others = d.workflows.filter((w) => !results.has(w.path));
  const retired = retireTokenChecks(others, dropped);
  left.push(...retired.left, ...tokenChecks(others.filter((w) => !retired.handled.has(w.path)), dropped));
  const changes: FileChange[] = list.map(({ file, result }) => ({
    path: file.path,
    kind: result.after === file.content ? 'unchanged' : 'update',
    before: file.content,
    after: result.after,
    reason: 'migrated in place to trusted publishing (OIDC), no token',
    needsConsent: true,
  }));
  changes.push(...retired.changes);
  const edited = new Set(changes.map((c) => c.path));
  for (const { result } of list) {
    for (const [path, edit] of result.scripts) {
      if (edited.has(path)) continue;
      edited.add(path);
      changes.push({ path, kind: 'update', before: edit.before, after: edit.after, reason: 'no longer writes or checks the npm token', needsConsent: true });
    }
  }
  const ciResults = ciTargets.map((f) => migrateCiFile(f, d.ciFiles, { ...context, readFile }));
  for (const ci of ciResults) {
    left.push(...ci.left.map((line) => `${ci.path}: ${line}`));
    changes.push({ path: ci.path, kind: ci.after === ci.before ? 'unchanged' : 'update', before: ci.before, after: ci.after, reason: 'migrated in place to trusted publishing (OIDC), no token', needsConsent: true });
    for (const [path, edit] of ci.scripts) {
      if (edited.has(path)) continue;
      edited.add(path);
      changes.push({ path, kind: 'update', before: edit.before, after: edit.after, reason: 'no longer writes or checks the npm token', needsConsent: true });
    }
  }
  notes.push(...new Set(ciTargets.map((f) => ciPublisherNote(f, d))));
  // A proxy in .npmrc or publishConfig: switched in the same write set, or nothing is written.
  const proxies = registryProxyEdits(d, options.switchRegistry ?? false);
  changes.push(...proxies);
  // What the repository fix starts from: a package.json already edited (a proxy switched, release-it's checks skipped).
  const switched = new Map(changes.filter((c) => c.kind === 'update').map((c) => [c.path, c.after]));
  const gitlab = d.git.host === 'gitlab.com' && d.git.slug?.includes('/') ? { owner: d.git.slug.slice(0, d.git.slug.lastIndexOf('/')), name: d.git.slug.slice(d.git.slug.lastIndexOf('/') + 1) } : undefined;
  const fixes = repo ? repositoryFixes(d, repo, 'github.com', switched) : gitlab && ciTargets.some((f) => f.provider === 'gitlab') ? repositoryFixes(d, gitlab, 'gitlab.com', switched) : [];
  if (repo) left.push(...repositorySpellings(d, repo));
  // --no-fix-repository: package.json stays as it is, and what npm will compare is named instead.
  if (options.fixRepository === false) {
    left.push(...fixes.map((fix) => `${fix.path}: ${fix.finding.message} Left as it is (--no-fix-repository).`));
    fixes.length = 0;
  }
  for (const fix of fixes) {
    const same = changes.find((c) => c.path === fix.path);
    const { finding: _fixed, ...change } = fix;
    if (same) Object.assign(same, { after: change.after, reason: `${same.reason}; ${change.reason}` });
    else changes.push(change);
  }
  return {
    changes,
    results: [
      ...list.map(({ file, result }) => ({ path: file.path, result })),
      ...ciResults.map((ci) => ({ path: ci.path, result: { before: ci.before, after: ci.after, changes: ci.changes, droppedSecrets: [], scopes: {}, reusable: false, left: ci.left, npmPublisher: true, scripts: new Map() } })),
    ],
    ...(entry.length === 1 ? { trustFile: entry[0]! } : {}),
    trustFiles: entry,
    environment,
    notes,
    left,
  };
}

/** Workflows that only check the token (`npm whoami`): they fail once the secret is deleted. */
function tokenChecks(others: readonly WorkflowFile[], dropped: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const w of others) {
    const used = [...dropped].filter((name) => new RegExp(`\\bsecrets\\.${name}\\b`).test(w.content));
    if (used.length === 0) continue;
    const what = /\bnpm\s+whoami\b/.test(w.content) ? 'checks the token with npm whoami' : 'still uses it';
    out.push(`${w.path} ${what} (secrets.${used.join(', secrets.')}): delete that workflow or step before you delete the secret.`);
  }
  return out;
}

/** package.json "repository" edits npm needs (E422 otherwise), for each published package, with the finding each fixes. */
function repositoryFixes(d: Detected, repo: RepoRef | undefined, host: string, edited: ReadonlyMap<string, string> = new Map()): Array<FileChange & { finding: Finding }> {
  if (!repo) return [];
  return repositoryPackages(d).flatMap((p) => {
    const finding = repositoryFinding(p, repo, p.dir, host);
    // Only the letter case differs: which spelling is the host's cannot be known here (doctor names it).
    if (!finding || finding.id === 'repository-case') return [];
    const path = p.dir ? `${p.dir}/package.json` : 'package.json';
    const raw = edited.get(path) ?? p.raw;
    return [{ path, kind: 'update' as const, before: p.raw, after: withRepository({ ...p, raw }, repo, host), reason: repositoryEditReason(p, repo, p.dir, host), needsConsent: true, finding }];
  });
}

/** Published packages whose "repository" spells this repository with other letter case, for "Left for you". */
function repositorySpellings(d: Detected, repo: RepoRef): string[] {
  return repositoryPackages(d).flatMap((p) => {
    const f = repositoryFinding(p, repo, p.dir);
    return f?.id === 'repository-case' ? [`${f.file}: ${f.message} ${f.fix}`] : [];
  });
}

/** What npmjs.com needs for a migrated GitLab or CircleCI file (npm matches it exactly). */
function ciPublisherNote(file: CiFile, d: Detected): string {
  if (file.provider === 'gitlab') {
    const project = d.git.host === 'gitlab.com' ? d.git.slug : undefined;
    // npm matches the top-level CI file, also for a job in a file it includes.
    return `On npmjs.com, add a GitLab CI/CD trusted publisher: project ${project ?? '<namespace>/<project>'}, CI file ${GITLAB_CI_PATH}, no environment unless the job names one.`;
  }
  return `On npmjs.com, add a CircleCI trusted publisher with this project's organization, project and pipeline definition IDs and its VCS origin (\`create-trusted-publish --provider circleci\` prints the npm trust command).`;
}

/** A job that hands an npm token to a reusable workflow of another repository: that one must move first. */
function remoteTokenCalls(workflows: readonly WorkflowFile[], self?: string): string | undefined {
  for (const w of workflows) {
    const root = rootOf(w.content);
    for (const job of root ? jobViews(root) : []) {
      for (const step of job.steps) {
        const uses = textOf(step, 'uses');
        // pascalgn/npm-publish-action is replaced by plain steps in the job (npm-publish-action.ts).
        if (!uses || uses.startsWith('./') || /^actions\//i.test(uses) || isNpmPublishAction(uses)) continue;
        const env = mapOf(step, 'env');
        if (!(env?.items ?? []).some((item) => isScalar(item.key) && isScalar(item.value) && isTokenEnv(String(item.key.value), String(item.value.value ?? '')))) continue;
        return `${w.path}: job "${job.id}" hands an npm token to ${uses.replace(/@.*$/, '')}, an action this tool cannot tell does trusted publishing (OIDC): replace that step with \`npm publish\` (npm 11.5.1 or newer does the exchange), then migrate again.`;
      }
      if (!job.uses || localCallee(job.uses, self) || job.uses.startsWith('./')) continue;
      const secrets = mapOf(job.node, 'secrets');
      const token = (secrets?.items ?? []).find((item) => isScalar(item.key) && isScalar(item.value) && isTokenEnv(String(item.key.value), String(item.value.value ?? '')));
      if (!token) continue;
      return `${w.path}: job "${job.id}" hands an npm token (${String((token.key as { value: unknown }).value)}) to ${job.uses}, a reusable workflow of another repository. Migrate that workflow in its own repository first (no token, id-token: write); then this job needs id-token: write and no token secret, and npm must be told this file, ${w.fileName}.`;
    }
  }
  return undefined;
}
