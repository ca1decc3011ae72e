// Runs the generated GitLab CI/CD and CircleCI publish jobs for a pushed tag, far enough to publish:
// the job must be in the file the provider runs and its rules/filters must let the tag through;
// the image's Node (and npm) are put on PATH; GitLab's `id_tokens` become env vars holding ID
// tokens with the audience the file names; CircleCI's `circleci run oidc get` is a stand-in
// that asks the fake issuer. Scripts run with bash, stopping at the first failing line.
import { chmodSync, existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { circleciClaims, gitlabClaims } from './oidc-issuer.js';
import { bash, baseEnv, checkout, makeBox, nodeFor, type Box, type Machine } from './machine.js';
import type { RunResult } from './runner-github.js';
import { packageBin, CIMG_PNPM_VERSION } from './tools.js';

/** GitLab `rules: if:` as the generated job writes them: `$VAR == '...'` and `$VAR =~ /.../` joined by &&. */
export function gitlabRule(expr: string, vars: Record<string, string>): boolean {
  return expr.split(/\s*&&\s*/).every((part) => {
    const m = /^\$(\w+)\s*(==|!=|=~)\s*(?:'([^']*)'|\/(.*)\/)$/.exec(part.trim());
    if (!m) throw new Error(`GitLab rule not understood: ${part}`);
    const value = vars[m[1]!];
    if (m[2] === '=~') return value !== undefined && new RegExp(m[4]!).test(value);
    return m[2] === '==' ? value === m[3] : value !== m[3];
  });
}

/** The image's Node, npm and corepack on PATH; the env corepack needs, or why the image cannot be had. */
function nodeImage(box: Box, machine: Machine, image: string): { env: Record<string, string> } | { missing: string } {
  const version = /^(?:node|cimg\/node):(.+)$/.exec(image)?.[1];
  const node = version && nodeFor(version);
  if (!node) return { missing: `no Node for image ${image} on this machine` };
  if (!machine.npm.ok) return { missing: machine.npm.reason };
  const env = box.setupNode(node, machine.npm.value);
  if (image.startsWith('cimg/')) {
    // cimg/node installs the pnpm of the day with `npm install -g pnpm` (corepack stays off).
    const pnpm = packageBin('pnpm', CIMG_PNPM_VERSION);
    if (!pnpm.ok) return { missing: pnpm.reason };
    symlinkSync(join(pnpm.value, 'pnpm'), join(box.toolcache, 'pnpm'));
  }
  return { env };
}

/** The cimg images' passwordless sudo: here the job already owns everything it installs into. */
function sudo(box: Box): void {
  writeFileSync(join(box.toolcache, 'sudo'), '#!/bin/sh\nexec "$@"\n');
  chmodSync(join(box.toolcache, 'sudo'), 0o755);
}

export interface GitlabRun {
  source: string;
  /** The project's "CI/CD configuration file" setting: the file GitLab runs. */
  ciFile: string;
  projectPath: string;
  tag: string;
}

export async function runGitlabJob(machine: Machine, run: GitlabRun, jobName = 'npm-publish'): Promise<RunResult> {
  const file = join(run.source, run.ciFile);
  const job = existsSync(file) ? (parse(readFileSync(file, 'utf8')) as Record<string, any>)[jobName] : undefined;
  if (!job) return { status: 'not-triggered' };
  const vars = { CI_PROJECT_PATH: run.projectPath, CI_COMMIT_TAG: run.tag, CI_COMMIT_REF_NAME: run.tag };
  if (!(job.rules as Array<{ if: string }>).some((r) => gitlabRule(r.if, vars))) return { status: 'not-triggered' };
  const box = makeBox();
  try {
    const image = nodeImage(box, machine, String(job.image));
    if ('missing' in image) return { status: 'skipped-tool', reason: image.missing };
    const workspace = join(box.dir, 'project');
    await checkout(run.source, workspace, `refs/tags/${run.tag}`);
    const environment = job.environment?.name ?? null;
    const claims = gitlabClaims({ projectPath: run.projectPath, ciFile: run.ciFile, tag: run.tag, environment });
    const tokens = Object.fromEntries(Object.entries((job.id_tokens ?? {}) as Record<string, { aud: string }>).map(([name, { aud }]) => [name, machine.issuer.mint({ ...claims, aud })]));
    const env = { ...baseEnv(box, machine.registry), ...image.env, GITLAB_CI: 'true', CI_PROJECT_DIR: workspace, CI_SERVER_HOST: 'gitlab.com', ...vars, ...(environment ? { CI_ENVIRONMENT_NAME: environment } : {}), ...tokens };
    const ran = await bash(box, (job.script as string[]).join('\n'), workspace, env, ['-e', '-o', 'pipefail']);
    return ran.code === 0 ? { status: 'passed', log: ran.output } : { status: 'failed', log: ran.output, failedStep: 'script' };
  } finally {
    box.cleanup();
  }
}

export interface CircleciRun {
  source: string;
  tag: string;
  ids: { orgId: string; projectId: string; pipelineDefinitionId: string; vcsOrigin: string };
  /** Context name -> ID, as the organization defines them. */
  contexts?: Record<string, string>;
}

/** A `circleci` stand-in: `circleci run oidc get --claims '{"aud": ...}'` prints a token from the fake issuer. */
function circleciCli(box: Box): void {
  const script = `#!/usr/bin/env node
const args = process.argv.slice(2);
if (args.slice(0, 3).join(' ') !== 'run oidc get') { console.error('circleci stand-in: only "run oidc get" is emulated'); process.exit(2); }
const at = args.indexOf('--claims');
const aud = at === -1 ? undefined : JSON.parse(args[at + 1]).aud;
const url = process.env.REHEARSAL_OIDC_URL + (aud ? '&audience=' + encodeURIComponent(aud) : '');
fetch(url, { headers: { authorization: 'Bearer ' + process.env.REHEARSAL_OIDC_TOKEN } })
  .then((r) => r.json()).then((j) => process.stdout.write(j.value)).catch((e) => { console.error(String(e)); process.exit(1); });
`;
  writeFileSync(join(box.toolcache, 'circleci'), script);
  chmodSync(join(box.toolcache, 'circleci'), 0o755);
}

export async function runCircleciJob(machine: Machine, run: CircleciRun, jobName = 'npm-publish'): Promise<RunResult> {
  const config = parse(readFileSync(join(run.source, '.circleci/config.yml'), 'utf8')) as Record<string, any>;
  const entries = Object.values((config.workflows ?? {}) as Record<string, { jobs: unknown[] }>).flatMap((w) => w.jobs ?? []);
  const entry = entries.map((e) => (typeof e === 'string' ? { [e]: {} } : (e as Record<string, any>))).find((e) => jobName in e)?.[jobName];
  const only = entry?.filters?.tags?.only as string | undefined;
  // CircleCI runs a job for a tag only when a tag filter lets it through.
  if (!entry || !only || !new RegExp(only.replace(/^\/|\/$/g, '')).test(run.tag)) return { status: 'not-triggered' };
  const job = config.jobs[jobName];
  const box = makeBox();
  try {
    const image = nodeImage(box, machine, String(job.docker?.[0]?.image));
    if ('missing' in image) return { status: 'skipped-tool', reason: image.missing };
    circleciCli(box);
    sudo(box);
    const workspace = join(box.dir, 'project');
    // `context:` is one name or a list of them.
    const contextIds = ([entry.context ?? []].flat() as string[]).map((name) => run.contexts?.[name] ?? `unknown-context-${name}`);
    const request = machine.issuer.githubRequest(circleciClaims({ ...run.ids, tag: run.tag, contextIds }));
    const env = { ...baseEnv(box, machine.registry), ...image.env, CIRCLECI: 'true', CIRCLE_TAG: run.tag, CIRCLE_WORKING_DIRECTORY: workspace, REHEARSAL_OIDC_URL: request.url, REHEARSAL_OIDC_TOKEN: request.token };
    let log = '';
    for (const step of job.steps as unknown[]) {
      if (step === 'checkout') {
        await checkout(run.source, workspace, `refs/tags/${run.tag}`);
        continue;
      }
      const r = (step as { run: string | { name?: string; command: string; working_directory?: string } }).run;
      if (!r) throw new Error(`CircleCI step not emulated: ${JSON.stringify(step)}`);
      const { command, name = command, working_directory: dir } = typeof r === 'string' ? { command: r } : r;
      log += `\n::: ${name}\n`;
      // CircleCI runs a step with /bin/bash -eo pipefail.
      const ran = await bash(box, command, dir ? join(workspace, dir) : workspace, env, ['-e', '-o', 'pipefail']);
      log += ran.output;
      if (ran.code !== 0) return { status: 'failed', log, failedStep: name };
    }
    return { status: 'passed', log };
  } finally {
    box.cleanup();
  }
}
