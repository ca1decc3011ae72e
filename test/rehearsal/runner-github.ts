// Runs one job of a GitHub Actions workflow the way a GitHub-hosted runner would, far enough to
// publish: the trigger must fire for the event, `if:` and `${{ }}` are evaluated (an expression
// it cannot evaluate fails the run), actions/checkout clones the repository at the ref,
// actions/setup-node (node-version or node-version-file) and oven-sh/setup-bun put real tools on
// PATH, changesets/action and JS-DevTools/npm-publish run (see their emulations), the image's global Yarn 1 is behind them (ubuntu images install it with npm), and every `run:` step runs
// with bash as GitHub does (`bash -e {0}`), with GITHUB_OUTPUT/GITHUB_ENV/GITHUB_PATH, and the
// OIDC request variables only when the job is granted `id-token: write`.
import { chmodSync, existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { interpolate, isTrue, type Contexts, type Value } from './expressions.js';
import { githubClaims } from './oidc-issuer.js';
import { bash, baseEnv, checkout, exec, execOk, makeBox, nodeFor, type Box, type Machine, type Ran } from './machine.js';
import { corepackHome, packageBin, BUN_VERSION, YARN1_VERSION } from './tools.js';
import type { NpmjsRoute } from './npmjs-route.js';
import { npmPublishAction, NPM_PUBLISH_ACTION_COMMIT } from './npm-publish-action.js';

export interface GithubEvent {
  /**
   * `release`: a release published as it is created (neither a draft first nor a pre-release),
   * which GitHub reports with the activity types created, published and released.
   * `workflow_dispatch`: a manual run that leaves every input at its default.
   */
  name: 'release' | 'push' | 'workflow_dispatch';
  /** `refs/tags/v1.2.3`, `refs/heads/main`. */
  ref: string;
  /** For a push: the messages of the commits it pushed, oldest first (the payload's `commits`, the last one `head_commit`). */
  commits?: string[];
}

/** The activity types of a release published at once (docs: "Events that trigger workflows", release). */
const RELEASE_TYPES = ['created', 'published', 'released'];

export interface GithubRun {
  /** The repository the workflow is read from, and cloned unless gitRemote is given (a local path). */
  source: string;
  /** Path of the workflow in it, e.g. `.github/workflows/publish.yml`. */
  workflow: string;
  repository: string;
  event: GithubEvent;
  job: string;
  /** Outputs of the jobs this one needs, as their runs would have set them. */
  needs?: Record<string, { outputs: Record<string, string>; result: 'success' }>;
  /** Extra environment on the runner (a negative control puts a token here). */
  env?: Record<string, string>;
  /** npm's default registry kept, reached through this route (see npmjs-route.ts). */
  npmjs?: NpmjsRoute;
  /**
   * A bare repository standing in for github.com/<repository>: git's `url.<base>.insteadOf` in
   * the runner's HOME sends fetches and pushes to that URL there (release tools push tags).
   * actions/checkout clones it.
   */
  gitRemote?: string;
}

export type RunResult =
  | { status: 'not-triggered' | 'job-skipped' }
  | { status: 'skipped-tool'; reason: string }
  | { status: 'passed' | 'failed'; log: string; failedStep?: string };

/**
 * GitHub filter patterns: `*` any run of characters but `/`, `**` any run, `?` one, `+` one or
 * more of the character before, `[0-9]` one of a set or range (its filter pattern cheat sheet).
 */
export function filterMatches(pattern: string, value: string): boolean {
  const re = pattern
    .split(/(\[[^\]]*\])/)
    .map((part, i) =>
      i % 2 === 1
        ? part.replace(/\\/g, '\\\\')
        : part.replace(/[.^${}()|[\]\\]/g, '\\$&').replace(/\*\*/g, '\u0000').replace(/\*/g, '[^/]*').replace(/\u0000/g, '.*').replace(/\?/g, '.').replace(i === 0 ? /^\+/ : /(?!)/, '\\+'),
    )
    .join('');
  return new RegExp(`^${re}$`).test(value);
}

function fires(on: unknown, event: GithubEvent): boolean {
  const triggers = typeof on === 'string' ? { [on]: null } : Array.isArray(on) ? Object.fromEntries(on.map((t) => [t, null])) : (on as Record<string, Record<string, unknown> | null>);
  if (!(event.name in triggers)) return false;
  const filter = triggers[event.name] ?? {};
  if (event.name === 'release') return !filter.types || [filter.types].flat().some((t) => RELEASE_TYPES.includes(String(t)));
  if (event.name !== 'push') return true;
  const tag = event.ref.startsWith('refs/tags/') ? event.ref.slice('refs/tags/'.length) : undefined;
  const branch = event.ref.startsWith('refs/heads/') ? event.ref.slice('refs/heads/'.length) : undefined;
  // A filter is a list of patterns, or one pattern written as a string.
  const patterns = (list: unknown) => (list === undefined || list === null ? [] : [list].flat().map(String));
  // No ref filter at all (`paths:` alone, or nothing): every branch and tag push starts it.
  if (!['branches', 'branches-ignore', 'tags', 'tags-ignore'].some((key) => key in filter)) return true;
  if (tag !== undefined) return patterns(filter.tags).some((p) => filterMatches(p, tag));
  return patterns(filter.branches).some((p) => filterMatches(p, branch ?? ''));
}

function readKeyValues(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(file)) return out;
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]!);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, i + 1);
      out[heredoc[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (lines[i]!.includes('=')) {
      const at = lines[i]!.indexOf('=');
      out[lines[i]!.slice(0, at)] = lines[i]!.slice(at + 1);
    }
  }
  return out;
}

type Step = { id?: string; name?: string; uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, unknown>; if?: string; 'working-directory'?: string; shell?: string };

/**
 * Commits of changesets/action v1 (its tags v1.7.0 and v1.9.0), whose publish command is the input
 * `publish`; v2 renamed it `publish-script`.
 */
const CHANGESETS_V1 = new Set(['6a0a831ff30acef54f2c6aa1cbbc1096b066edaf', 'a45c4d594aa4e2c509dc14a9f2b3b67ba3780d0d']);

/**
 * changesets/action once the "Version Packages" pull request is merged (no changeset pending):
 * it sets the git user, then runs the publish command without a shell (as @actions/exec does) in
 * `cwd`, with GITHUB_TOKEN (v2 also CHANGESETS_OUTPUT). v1 (src/index.ts at v1.7.0 and v1.9.0)
 * writes ~/.npmrc only from NPM_TOKEN, and with OIDC and no NPM_TOKEN writes nothing. What follows
 * a publish there (pushing the release tags and creating GitHub releases through GitHub's API) is
 * not emulated.
 */
async function changesetsAction(step: Step, contexts: Contexts, workspace: string, env: Record<string, string>, temp: string): Promise<Ran> {
  const v1 = CHANGESETS_V1.has(step.uses!.split('@')[1]!.split(' ')[0]!);
  const cwd = step.with?.cwd ? join(workspace, interpolate(String(step.with.cwd), contexts)) : workspace;
  const dir = join(cwd, '.changeset');
  if (existsSync(dir) && readdirSync(dir).some((f) => f.endsWith('.md') && f !== 'README.md')) {
    throw new Error('changesets/action with changesets pending opens a pull request: not emulated');
  }
  if (v1 && env.NPM_TOKEN) throw new Error('changesets/action v1 with NPM_TOKEN writes it to ~/.npmrc: not emulated');
  const script = interpolate(String(step.with?.[v1 ? 'publish' : 'publish-script'] ?? ''), contexts);
  if (!script) return { code: 0, output: 'No changesets present. Not publishing because no publish script found.\n' };
  if (/["'\\]/.test(script)) throw new Error(`publish-script with quotes: not emulated (${script})`);
  await execOk('git', ['config', 'user.name', 'github-actions[bot]'], cwd);
  await execOk('git', ['config', 'user.email', '41898282+github-actions[bot]@users.noreply.github.com'], cwd);
  const [cmd, ...args] = script.trim().split(/\s+/);
  const token = step.with?.['github-token'] === undefined ? String((contexts.secrets as Record<string, string>).GITHUB_TOKEN) : interpolate(String(step.with['github-token']), contexts);
  return exec(cmd!, args, cwd, { ...env, GITHUB_TOKEN: token, ...(v1 ? {} : { CHANGESETS_OUTPUT: join(temp, 'changesets-output.ndjson') }) });
}

/**
 * The parts of the event payload a job may read: the release's tag, a manual run's inputs, a
 * push's commits (id and message; `repository.owner` with the name and email a push payload gives).
 */
function eventPayload(event: GithubEvent, on: unknown, repository: string): Record<string, Value> {
  const tag = event.ref.replace(/^refs\/tags\//, '');
  if (event.name === 'release') return { action: 'published', release: { tag_name: tag, name: tag, draft: false, prerelease: false } };
  if (event.name === 'workflow_dispatch') return { ref: event.ref, inputs: Object.fromEntries(Object.entries(dispatchInputs(on, event)).map(([k, v]) => [k, String(v)])) };
  if (event.commits === undefined) return { ref: event.ref };
  const commits = event.commits.map((message, i) => ({ id: `${i + 1}`.padStart(40, '0'), message }));
  const owner = repository.split('/')[0]!;
  return { ref: event.ref, commits, head_commit: commits.at(-1) ?? null, repository: { full_name: repository, owner: { name: owner, email: `${owner}@users.noreply.github.com` } } };
}

/** A manual run's inputs, each at its default (a boolean input without one is false, others empty). */
function dispatchInputs(on: unknown, event: GithubEvent): Record<string, Value> {
  const inputs = event.name === 'workflow_dispatch' && on && typeof on === 'object' && !Array.isArray(on) ? (on as Record<string, { inputs?: Record<string, { type?: string; default?: Value }> } | null>).workflow_dispatch?.inputs : undefined;
  return Object.fromEntries(Object.entries(inputs ?? {}).map(([name, input]) => [name, input?.default ?? (input?.type === 'boolean' ? false : '')]));
}

/**
 * setup-node's `node-version-file`, read as its getNodeVersionFromFile does (actions/setup-node
 * at ae0d4ed08881f17d1511386f5be3e62356acd4a6, src/util.ts): a package.json gives volta.node, then
 * devEngines.runtime's node entry, then engines.node; any other file its first `[node ]v<version>` line.
 */
export function nodeVersionFromFile(contents: string): string | null {
  try {
    const manifest = JSON.parse(contents) as Record<string, any>;
    if (typeof manifest === 'object' && manifest) {
      if (manifest.volta?.node) return String(manifest.volta.node);
      const runtime = [manifest.devEngines?.runtime ?? []].flat().find((r: { name?: string; version?: string }) => r?.name?.toLowerCase() === 'node' && r.version);
      if (runtime) return String(runtime.version);
      return manifest.engines?.node ? String(manifest.engines.node) : null;
    }
  } catch {
    // not JSON
  }
  return /^(?:node(js)?\s+)?v?(?<version>[^\s]+)$/m.exec(contents)?.groups?.version ?? contents.trim();
}

/**
 * The ubuntu image's global Yarn 1 (its toolset installs `yarn` with npm), behind the tool cache
 * on PATH as on a runner: Yarn 1.22.22 from the filled corepack cache, run by the job's `node`.
 */
function imageYarn(box: Box): void {
  const home = corepackHome();
  if (!home.ok) return;
  const script = join(box.image, 'yarn');
  writeFileSync(script, `#!/bin/sh\nexec node ${JSON.stringify(join(home.value, 'v1', 'yarn', YARN1_VERSION, 'bin', 'yarn.js'))} "$@"\n`);
  chmodSync(script, 0o755);
}

export async function runGithubJob(machine: Machine, run: GithubRun): Promise<RunResult> {
  const wf = parse(readFileSync(join(run.source, run.workflow), 'utf8')) as Record<string, any>;
  if (!fires(wf.on, run.event)) return { status: 'not-triggered' };
  const job = wf.jobs?.[run.job];
  if (!job) throw new Error(`no job ${run.job} in ${run.workflow}`);
  const box = makeBox();
  try {
    imageYarn(box);
    const workspace = join(box.dir, 'workspace');
    const refName = run.event.ref.replace(/^refs\/(tags|heads)\//, '');
    const environment = job.environment === undefined ? null : String(typeof job.environment === 'object' ? job.environment.name : job.environment);
    const contexts: Contexts = {
      github: {
        repository: run.repository,
        repository_owner: run.repository.split('/')[0]!,
        ref: run.event.ref,
        ref_name: refName,
        ref_type: run.event.ref.startsWith('refs/tags/') ? 'tag' : 'branch',
        event_name: run.event.name,
        workflow: String(wf.name ?? run.workflow),
        workspace,
        event: eventPayload(run.event, wf.on, run.repository),
      },
      needs: (run.needs ?? {}) as unknown as Value,
      env: {},
      steps: {},
      runner: { os: 'Linux', temp: box.temp },
      secrets: { GITHUB_TOKEN: 'ghs_rehearsal_github_token' },
      inputs: dispatchInputs(wf.on, run.event),
      vars: {},
      matrix: {},
    };
    if (job.if !== undefined && !isTrue(String(job.if).replace(/^\$\{\{([\s\S]*)\}\}$/, '$1'), contexts)) return { status: 'job-skipped' };
    const permissions = job.permissions ?? wf.permissions;
    // With no permissions block the repository default applies, which never includes id-token.
    const idToken = permissions === 'write-all' || (typeof permissions === 'object' && permissions?.['id-token'] === 'write');
    const files = { GITHUB_OUTPUT: join(box.temp, 'output'), GITHUB_ENV: join(box.temp, 'env'), GITHUB_PATH: join(box.temp, 'path') };
    // The event payload as a file, where GitHub points GITHUB_EVENT_PATH.
    const eventPath = join(box.temp, 'event.json');
    writeFileSync(eventPath, JSON.stringify((contexts.github as Record<string, Value>).event));
    let env: Record<string, string> = {
      ...baseEnv(box, machine.registry),
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: workspace,
      GITHUB_REPOSITORY: run.repository,
      GITHUB_REPOSITORY_OWNER: run.repository.split('/')[0]!,
      // The account that started the run (GitHub always sets it): here the repository's owner.
      GITHUB_ACTOR: run.repository.split('/')[0]!,
      GITHUB_REF: run.event.ref,
      GITHUB_REF_NAME: refName,
      GITHUB_REF_TYPE: run.event.ref.startsWith('refs/tags/') ? 'tag' : 'branch',
      GITHUB_EVENT_NAME: run.event.name,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_WORKFLOW: String(wf.name ?? ''),
      GITHUB_WORKFLOW_REF: `${run.repository}/${run.workflow}@${run.event.ref}`,
      RUNNER_OS: 'Linux',
      RUNNER_TEMP: box.temp,
      ...run.env,
    };
    if (run.npmjs) {
      delete env.npm_config_registry;
      delete env.pnpm_config_registry;
      Object.assign(env, run.npmjs.env);
    }
    if (run.gitRemote) {
      const remote = run.gitRemote.replace(/\.git$/, '');
      writeFileSync(join(box.home, '.gitconfig'), `[url ${JSON.stringify(remote)}]\n\tinsteadOf = https://github.com/${run.repository}\n`);
    }
    if (idToken) {
      const request = machine.issuer.githubRequest(
        githubClaims({ repository: run.repository, workflowFile: run.workflow.split('/').pop()!, ref: run.event.ref, eventName: run.event.name, environment }),
      );
      env.ACTIONS_ID_TOKEN_REQUEST_URL = request.url;
      env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = request.token;
    }
    const scoped = (vars: Record<string, unknown> | undefined) =>
      Object.fromEntries(Object.entries(vars ?? {}).map(([k, v]) => [k, interpolate(String(v), contexts)]));
    env = { ...env, ...scoped(wf.env), ...scoped(job.env) };
    const extraPath: string[] = [];
    let log = '';
    for (const [index, step] of (job.steps as Step[]).entries()) {
      const label = step.name ?? step.uses ?? step.run?.split('\n')[0] ?? `step ${index + 1}`;
      // The env context: the workflow's, the job's and the step's env, and what earlier steps wrote to GITHUB_ENV.
      contexts.env = { ...scoped(wf.env), ...scoped(job.env), ...readKeyValues(files.GITHUB_ENV) };
      contexts.env = { ...contexts.env, ...scoped(step.env), ...readKeyValues(files.GITHUB_ENV) };
      if (step.if !== undefined && !isTrue(String(step.if).replace(/^\$\{\{([\s\S]*)\}\}$/, '$1'), contexts)) continue;
      log += `\n::: ${label}\n`;
      if (step.uses) {
        const action = step.uses.split('@')[0];
        if (!/^[^@]+@[0-9a-f]{40}$/.test(step.uses.split(' ')[0]!)) throw new Error(`${step.uses}: not pinned to a commit`);
        if (action === 'actions/checkout') {
          await checkout(run.gitRemote ?? run.source, workspace, run.event.ref.replace(/^refs\/heads\//, ''));
        } else if (action === 'actions/setup-node') {
          const file = step.with?.['node-version-file'];
          const version = step.with?.['node-version'] !== undefined ? interpolate(String(step.with['node-version']), contexts) : file ? nodeVersionFromFile(readFileSync(join(workspace, String(file)), 'utf8')) : null;
          const node = nodeFor(version ?? '');
          if (!node) return { status: 'skipped-tool', reason: `no Node ${version} on this machine` };
          if (!machine.npm.ok) return { status: 'skipped-tool', reason: machine.npm.reason };
          Object.assign(env, box.setupNode(node, machine.npm.value));
        } else if (action === 'oven-sh/setup-bun') {
          const bun = packageBin('bun', BUN_VERSION);
          if (!bun.ok) return { status: 'skipped-tool', reason: bun.reason };
          symlinkSync(join(bun.value, 'bun'), join(box.toolcache, 'bun'));
        } else if (action === 'changesets/action') {
          const stepEnv = { ...env, ...scoped(step.env), ...readKeyValues(files.GITHUB_ENV) };
          const ran = await changesetsAction(step, contexts, workspace, stepEnv, box.temp);
          log += ran.output;
          if (ran.code !== 0) return { status: 'failed', log, failedStep: label };
        } else if (step.uses === `JS-DevTools/npm-publish@${NPM_PUBLISH_ACTION_COMMIT}`) {
          const inputs = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, interpolate(String(v), contexts)]));
          writeFileSync(files.GITHUB_OUTPUT, '');
          const ran = await npmPublishAction(box, inputs, workspace, { ...env, ...scoped(step.env), ...readKeyValues(files.GITHUB_ENV), ...files });
          if ('missing' in ran) return { status: 'skipped-tool', reason: ran.missing };
          log += ran.output;
          if (step.id) (contexts.steps as Record<string, Value>)[step.id] = { outputs: readKeyValues(files.GITHUB_OUTPUT), outcome: 'success' };
          if (ran.code !== 0) return { status: 'failed', log, failedStep: label };
        } else {
          throw new Error(`${step.uses}: the rehearsal does not emulate this action`);
        }
        continue;
      }
      const stepEnv = { ...env, ...scoped(step.env), ...readKeyValues(files.GITHUB_ENV) };
      stepEnv.PATH = [...extraPath, env.PATH].join(':');
      const dir = step['working-directory'] ?? job.defaults?.run?.['working-directory'];
      const cwd = dir ? join(workspace, interpolate(String(dir), contexts)) : workspace;
      for (const f of Object.values(files)) writeFileSync(f, '', { flag: 'a' });
      writeFileSync(files.GITHUB_OUTPUT, '');
      const ran = await bash(box, interpolate(step.run ?? '', contexts), cwd, { ...stepEnv, ...files }, step.shell === 'bash' ? ['-e', '-o', 'pipefail'] : ['-e']);
      log += ran.output;
      if (step.id) (contexts.steps as Record<string, Value>)[step.id] = { outputs: readKeyValues(files.GITHUB_OUTPUT), outcome: 'success' };
      extraPath.splice(0, extraPath.length, ...readFileSync(files.GITHUB_PATH, 'utf8').split('\n').filter(Boolean).reverse());
      if (ran.code !== 0) return { status: 'failed', log, failedStep: label };
    }
    return { status: 'passed', log };
  } finally {
    box.cleanup();
  }
}
