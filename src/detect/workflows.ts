// GitHub Actions workflows read from the repository: their texts, what the publish rule needs
// beyond them (package.json scripts, local actions), and the findings about the tokens they hand
// npm. Each text is judged by the line scanner in workflow-scan.ts.
import { readdirSync, realpathSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { readBytes, readText } from './read.js';
import { scanWorkflow } from './workflow-scan.js';
import { readWorkspaceScripts } from './workspace-scripts.js';
import { expandGlobs } from './workspaces.js';
import { isYarnBerry } from '../audit/version-scripts.js';
import type { Finding, WorkflowFile } from '../core/model.js';
import { dockerActionRun } from '../audit/docker-action.js';
import { jsAction, type JsAction } from '../audit/js-action.js';
import { runPublishesWith, type PublishContext } from '../audit/publish-rule.js';

export { secretName } from '../audit/token-forms.js';
export type { PublishContext } from '../audit/publish-rule.js';

export const WORKFLOWS_DIR = '.github/workflows';
export const ACTIONS_DIR = '.github/actions';
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
