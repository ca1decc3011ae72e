// GitHub Actions workflows: does each publish, and where does it hand npm a token?
// A line scanner, not a YAML parser: it runs before the first prompt and must stay cheap.
// What publishes is decided by the one rule in audit/publish-rule.ts, which the YAML model uses too.
import { readdirSync, realpathSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { readBytes, readText } from './read.js';
import { readWorkspaceScripts } from './workspace-scripts.js';
import { expandGlobs } from './workspaces.js';
import { isYarnBerry } from '../audit/version-scripts.js';
import type { Finding, TokenUse, WorkflowFile } from '../core/model.js';
import { dockerActionRun } from '../audit/docker-action.js';
import { jsAction, stepEnvWrites, type JsAction } from '../audit/js-action.js';
import { commandPublishes, runPublishesWith, stepFactsPublish, type PublishContext, type StepFacts } from '../audit/publish-rule.js';
import { isTokenEnv, isTokenInput, secretName, writesAuthToken } from '../audit/token-forms.js';

export { secretName } from '../audit/token-forms.js';
export type { PublishContext } from '../audit/publish-rule.js';

export const WORKFLOWS_DIR = '.github/workflows';
export const ACTIONS_DIR = '.github/actions';
const ENV_PARENTS = new Set(['env', 'secrets']);

const KEY_LINE = /^(\s*)(-\s+)?(['"]?)([\w.\-/]+)\3\s*:(?:\s+(.*?))?\s*$/;
/** A sequence item that is a flow map on one line (`- {name: x, run: y}`): group 2 its inside. */
const FLOW_STEP = /^(\s*)-\s*\{(.*)\}\s*(?:#.*)?$/;

/** Does one line of shell run a publish? (`--dry-run` and preview publishers do not count; shell comments are ignored.) */
export function runsPublish(command: string): boolean {
  return commandPublishes(command);
}

const stripComment = (value: string) => value.replace(/\s+#.*$/, '').trim();

function tokenUse(file: string, line: number, what: string, value: string): TokenUse {
  const secret = secretName(value);
  return secret ? { file, line, what, secret } : { file, line, what };
}

type Draft = Omit<StepFacts, 'jobToken'>;

/** Scan a workflow's (or a composite action's) text. `file` is its path relative to the repository root. */
export function scanWorkflow(file: string, content: string, context: PublishContext = {}): { publishes: boolean; tokenUses: TokenUse[] } {
  const lines = content.split(/\r?\n/);
  const tokenUses: TokenUse[] = [];
  const stack: Array<{ col: number; key: string }> = [];
  const jobs: Array<{ token: boolean; steps: Draft[]; dir?: string }> = [];
  let workflowToken = false;
  let workflowDir: string | undefined;
  let step: Draft | undefined;
  // Lines more indented than `col` after `key: value` or `key: |` belong to that scalar.
  let scalar: { col: number; run: boolean } | undefined;
  const currentJob = () => jobs[jobs.length - 1] ?? (jobs.push({ token: false, steps: [] }), jobs[0]!);

  const addToken = (lineNo: number, what: string, value: string, inStep: boolean, inJob: boolean) => {
    tokenUses.push(tokenUse(file, lineNo, what, value));
    if (inStep && step) step.stepToken = true;
    else if (inJob) currentJob().token = true;
    else workflowToken = true;
  };

  lines.forEach((line, index) => {
    const lineNo = index + 1;
    const trimmed = line.trim();
    if (scalar) {
      if (!trimmed) return;
      const indent = line.length - line.trimStart().length;
      if (indent > scalar.col) {
        if (scalar.run && step) {
          step.run = step.run ? `${step.run}\n${trimmed}` : trimmed;
          if (writesAuthToken(trimmed)) tokenUses.push({ file, line: lineNo, what: '_authToken' });
        }
        return;
      }
      scalar = undefined;
    }
    if (!trimmed || trimmed.startsWith('#')) return;
    // A step written as a flow map on one line: `- {run: 'npm publish', env: {NODE_AUTH_TOKEN: …}}`.
    const flow = FLOW_STEP.exec(line);
    if (flow) {
      const col = flow[1]!.length + 2;
      while (stack.length && stack[stack.length - 1]!.col >= col) stack.pop();
      if (stack[stack.length - 1]?.key !== 'steps') return;
      step = { withKeys: [], tokenInput: false, stepToken: false };
      currentJob().steps.push(step);
      const body = flow[2]!;
      const field = (key: string) => {
        const f = new RegExp(`(?:^|,)\\s*${key}\\s*:\\s*(?:'((?:[^']|'')*)'|"((?:[^"\\\\]|\\\\.)*)"|([^,{}]+))`).exec(body);
        return f ? (f[1] ?? f[2] ?? f[3]!).trim() : undefined;
      };
      const run = field('run');
      if (run !== undefined) {
        step.run = run;
        if (writesAuthToken(run)) tokenUses.push({ file, line: lineNo, what: '_authToken' });
      }
      const uses = field('uses');
      if (uses !== undefined) step.uses = uses;
      for (const env of body.matchAll(/\benv\s*:\s*\{((?:\$\{\{[^}]*\}\}|[^}])*)\}/g)) {
        for (const f of env[1]!.matchAll(/([\w-]+)\s*:\s*['"]?((?:\$\{\{[^}]*\}\}|[^,'"}])*)/g)) {
          if (isTokenEnv(f[1]!, f[2]!)) addToken(lineNo, f[1]!, f[2]!, true, true);
        }
      }
      return;
    }
    const m = KEY_LINE.exec(line);
    if (!m) return;
    const col = m[1]!.length + (m[2]?.length ?? 0);
    const key = m[4]!;
    const value = stripComment(m[5] ?? '');
    while (stack.length && stack[stack.length - 1]!.col >= col) stack.pop();
    const parent = stack[stack.length - 1]?.key;
    if (m[2] && parent === 'steps') {
      step = { withKeys: [], tokenInput: false, stepToken: false };
      currentJob().steps.push(step);
    } else if (parent === 'jobs' && stack.length === 1) {
      jobs.push({ token: false, steps: [] });
      step = undefined;
    }
    const inStep = stack.some((s) => s.key === 'steps');
    const inJob = stack[0]?.key === 'jobs' && stack.length >= 2;
    stack.push({ col, key });
    const isRun = key === 'run' && inStep && parent === 'steps';
    if (!value) return;
    scalar = { col, run: isRun };
    if (/^[|>][-+0-9]*$/.test(value)) {
      if (isRun && step) step.run = '';
      return;
    }
    if (isRun && step) {
      step.run = value.replace(/^(['"])(.*)\1$/, '$2');
      if (writesAuthToken(value)) tokenUses.push({ file, line: lineNo, what: '_authToken' });
    }
    if (key === 'uses' && inStep && parent === 'steps' && step) step.uses = value.replace(/^['"]|['"]$/g, '');
    if (key === 'working-directory') {
      const dir = value.replace(/^['"]|['"]$/g, '');
      if (inStep && parent === 'steps' && step) step.workingDirectory = dir;
      else if (parent === 'run' && stack[stack.length - 3]?.key === 'defaults') {
        if (inJob) currentJob().dir = dir;
        else if (stack.length === 3) workflowDir = dir;
      }
    }
    if (parent === 'with' && inStep && step) {
      step.withKeys = [...step.withKeys, key];
      step.withValues = { ...step.withValues, [key]: value.replace(/^(['"])(.*)\1$/, '$2') };
      if (isTokenInput(key, value)) {
        step.tokenInput = true;
        tokenUses.push(tokenUse(file, lineNo, key, value));
      }
    }
    if (parent && ENV_PARENTS.has(parent) && isTokenEnv(key, value)) addToken(lineNo, key, value, inStep, inJob);
    if (key === 'always-auth' && /^['"]?true['"]?$/i.test(value)) tokenUses.push({ file, line: lineNo, what: 'always-auth' });
    if (ENV_PARENTS.has(key) && value.startsWith('{')) {
      // Flow style: env: { NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }} }
      for (const f of value.matchAll(/([\w-]+)\s*:\s*((?:\$\{\{[^}]*\}\}|[^,}])*)/g)) {
        if (isTokenEnv(f[1]!, f[2]!)) addToken(lineNo, f[1]!, f[2]!, inStep, inJob);
      }
    }
  });
  const publishes = jobs.some((job) => {
    // What earlier steps of the job wrote to GITHUB_ENV, for a local JavaScript action that runs it.
    let handed: Record<string, string> = {};
    return job.steps.some((s) => {
      const dir = s.workingDirectory ?? job.dir ?? workflowDir;
      const found = stepFactsPublish({ ...s, jobToken: job.token || workflowToken, handed, ...(dir !== undefined ? { workingDirectory: dir } : {}) }, context);
      handed = { ...handed, ...stepEnvWrites(s, context.jsActions) };
      return found;
    });
  });
  return { publishes, tokenUses };
}

function yamlNames(dir: string, pick: (name: string, isFile: boolean, isDir: boolean) => boolean): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => pick(e.name, e.isFile(), e.isDirectory()))
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}

/** The scripts of package.json at `dir`, if it has any. */
export function readScripts(dir: string): Record<string, string> {
  const raw = readText(join(dir, 'package.json'));
  if (raw === undefined) return {};
  try {
    const scripts = (JSON.parse(raw) as { scripts?: unknown }).scripts;
    if (!scripts || typeof scripts !== 'object') return {};
    return Object.fromEntries(Object.entries(scripts).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}

/** The local action directories (`uses: ./path`) a workflow or action text refers to. */
function localUses(content: string): string[] {
  return [...content.matchAll(/^\s*(?:-\s+)?uses:\s*['"]?\.\/([^\s'"#@]+?)\/?['"]?\s*(?:#.*)?$/gm)]
    .map((m) => m[1]!.replace(/\/action\.ya?ml$/, ''))
    .filter((path) => !path.split('/').includes('..') && !/\.ya?ml$/.test(path)); // a .yml path is a reusable workflow
}

/**
 * What the publish rule needs beyond a workflow's text: the package.json scripts (of the
 * repository root and of `pkgDir`, and of each npm workspace), and which local composite actions publish: every one in
 * .github/actions, and any other `uses: ./path` a workflow names.
 */
export function readPublishContext(top: string, pkgDir: string = top, workflows: WorkflowText[] = readWorkflowTexts(top)): PublishContext {
  const scripts = resolve(pkgDir) === resolve(top) ? readScripts(top) : { ...readScripts(top), ...readScripts(pkgDir) };
  const dirs = new Set(yamlNames(join(top, ACTIONS_DIR), (_n, _f, isDir) => isDir).map((name) => `${ACTIONS_DIR}/${name}`));
  for (const { content } of workflows) {
    for (const path of localUses(content)) dirs.add(path);
  }
  const texts = new Map<string, string>();
  for (const dir of dirs) {
    for (const file of ['action.yml', 'action.yaml']) {
      const content = readText(join(top, ...dir.split('/'), file));
      if (content === undefined) continue;
      texts.set(dir, content);
      break;
    }
  }
  const readFile = repoReader(top);
  const yarnBerry = isYarnBerry(readFile);
  const workspaces = readWorkspaceScripts(top);
  // One folder level per glob segment, inside the repository: no `**`, no `..`, nothing absolute.
  const listDirs = (glob: string): string[] => (glob.includes('**') || glob.startsWith('/') || glob.split('/').includes('..') ? [] : expandGlobs(top, [glob]));
  const more = { ...(yarnBerry ? { yarnBerry } : {}), ...(workspaces.length > 0 ? { workspaces } : {}), listDirs };
  // An action may use another local action: decide the leaves first (two rounds cover one level of nesting).
  // Its steps are judged as a workflow's are: through the scripts, make and Nx targets they run.
  // A Docker container action has no steps: what its container runs is read as a `run:` step, from the top.
  const docker = new Map([...texts].flatMap(([dir, content]) => {
    const run = dockerActionRun(dir, content, readFile);
    return run === undefined ? [] : [[dir, run] as const];
  }));
  // A JavaScript action: what its code runs and exports (js-action.ts); its own publish counts as the action's.
  const jsActions: Record<string, JsAction> = {};
  for (const [dir, content] of texts) {
    const js = jsAction(dir, content, readFile);
    if (js) jsActions[`./${dir}`] = js;
  }
  const actions: Record<string, boolean> = {};
  for (let round = 0; round < 2; round++) {
    for (const [dir, content] of texts) {
      const ctx = { scripts, actions: { ...actions }, jsActions, readFile, ...more };
      const run = docker.get(dir);
      actions[`./${dir}`] = jsActions[`./${dir}`]?.publishes || (run !== undefined ? runPublishesWith(run, ctx) : scanWorkflow(`${dir}/action.yml`, content, ctx).publishes);
    }
  }
  return { scripts, actions, jsActions, readFile, ...more };
}

/**
 * Reads a file by its path from the repository's top, or undefined: never outside it (a path
 * that climbs out, or a symbolic link on the way that leads out), never a FIFO or a device
 * (readText), and with `maxBytes` never a larger file.
 */
export function repoReader(top: string): (path: string, maxBytes?: number) => string | undefined {
  const base = resolve(top);
  let realBase: string | undefined;
  return (path, maxBytes) => {
    const abs = resolve(base, path);
    if (!abs.startsWith(base + sep)) return undefined;
    let real: string;
    try {
      real = realpathSync(abs);
      realBase ??= realpathSync(base);
    } catch {
      return undefined;
    }
    if (!real.startsWith(realBase + sep)) return undefined;
    if (maxBytes === undefined) return readText(real);
    const read = readBytes(real, maxBytes + 1);
    return 'bytes' in read && read.bytes.length <= maxBytes ? read.bytes.toString('utf8') : undefined;
  };
}

export interface WorkflowText {
  fileName: string;
  content: string;
}

/** The text of every readable `*.yml` / `*.yaml` in `<top>/.github/workflows`, sorted by file name: read once per run. */
export function readWorkflowTexts(top: string): WorkflowText[] {
  const dir = join(top, WORKFLOWS_DIR);
  return yamlNames(dir, (name, isFile) => isFile && /\.ya?ml$/i.test(name)).flatMap((fileName) => {
    const content = readText(join(dir, fileName));
    return content === undefined ? [] : [{ fileName, content }];
  });
}

/** Every `*.yml` / `*.yaml` in `<top>/.github/workflows`, sorted by file name. */
export function readWorkflows(top: string, context?: PublishContext, texts: WorkflowText[] = readWorkflowTexts(top)): WorkflowFile[] {
  const ctx = context ?? readPublishContext(top, top, texts);
  return texts.map(({ fileName, content }) => {
    const path = `${WORKFLOWS_DIR}/${fileName}`;
    return { path, fileName, content, ...scanWorkflow(path, content, ctx) };
  });
}

export function workflowFindings(workflows: WorkflowFile[]): Finding[] {
  const findings: Finding[] = [];
  for (const wf of workflows) {
    for (const use of wf.tokenUses) {
      if (use.what === 'always-auth' || use.what === '_authToken') continue;
      const source = use.secret ? ` from secrets.${use.secret}` : '';
      findings.push({
        id: 'token-env',
        level: 'warning',
        message:
          `${use.file}:${use.line} sets ${use.what}${source}. Trusted publishing needs no token, and a leftover ` +
          'one hides OIDC failures (keep it only if it is a read-only token for installing private dependencies).',
        file: use.file,
        line: use.line,
        fix: `Remove ${use.what} from the publish step once trusted publishing works.`,
      });
    }
  }
  return findings;
}
