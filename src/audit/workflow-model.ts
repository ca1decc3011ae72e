// A parsed workflow with line numbers: the view every audit rule works on.
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Finding } from '../core/model.js';
import { envHasToken, jobHasToken, jobPublishes, stepPublishes } from './publishing.js';
import type { PublishContext } from './publish-rule.js';
import { stepEnvWrites } from './js-action.js';
import { expandMatrix } from './matrix-values.js';
import { oversize, readYaml, type YamlText } from '../core/yaml-text.js';

export interface Step {
  node: YAMLMap;
  line: number;
  uses?: string;
  run?: string;
  /** The `run:` value node, to find lines inside a block scalar. */
  runNode?: Node;
  with?: YAMLMap;
  env?: YAMLMap;
  publishes: boolean;
}

export interface Job {
  id: string;
  node: YAMLMap;
  /** Line of the job's key. */
  line: number;
  steps: Step[];
  /** Job-level `uses:` (a reusable workflow call). */
  uses?: string;
  publishes: boolean;
  /** A reusable workflow call whose `secrets:` hand it an npm token: it publishes with that token. */
  passesToken: boolean;
}

export interface Workflow {
  path: string;
  content: string;
  root: YAMLMap;
  jobs: Job[];
  /** True when some job publishes to npm. */
  publishes: boolean;
  /** True when some job hands an npm token to a reusable workflow it calls. */
  passesToken: boolean;
  /** What the model was read with (the repository reader...). */
  context?: PublishContext;
  /** 1-based line of a node (its first character); 1 when unknown. */
  lineOf(node: Node | Pair | null | undefined): number;
  /** 1-based line of a character offset in the content. */
  lineAt(offset: number): number;
  finding(id: string, level: Finding['level'], message: string, line: number, fix?: string): Finding;
}

export type ParseResult = { ok: true; workflow: Workflow } | { ok: false; findings: Finding[] };

/**
 * A call of a reusable workflow of this repository by its full path (`<owner>/<repo>/.github/workflows/x.yml@ref`,
 * `self` the repository's `owner/name`, any case), as its local form `./.github/workflows/x.yml`; any other `uses:` as it is.
 */
export function ownCall(uses: string, self?: string): string {
  const m = /^([^/\s]+\/[^/\s]+)\/(\.github\/workflows\/[^/@]+\.ya?ml)@\S+$/.exec(uses);
  return m && self && m[1]!.toLowerCase() === self.toLowerCase() ? `./${m[2]}` : uses;
}

/** The pair for `key` in a map, or undefined. */
export function pair(map: YAMLMap | undefined, key: string): Pair | undefined {
  return map?.items.find((item) => isScalar(item.key) && item.key.value === key);
}

/** The value node for `key` in a map, or undefined. */
export function value(map: YAMLMap | undefined, key: string): Node | undefined {
  const found = pair(map, key)?.value;
  return found && typeof found === 'object' ? (found as Node) : undefined;
}

export function mapAt(map: YAMLMap | undefined, key: string): YAMLMap | undefined {
  const node = value(map, key);
  return isMap(node) ? node : undefined;
}

/** A scalar value as text (`true` -> 'true'), or undefined for maps, lists and missing keys. */
export function text(map: YAMLMap | undefined, key: string): string | undefined {
  const node = value(map, key);
  return isScalar(node) && node.value !== null ? String(node.value) : undefined;
}

/**
 * The literal a whole-value `${{ env.X }}` expression names, looked up in the given `env:` maps
 * (nearest first: step, job, workflow); undefined when it is not one or its value is not literal.
 */
export function envExpressionValue(expression: string, envs: readonly (YAMLMap | undefined)[]): string | undefined {
  const name = /^\$\{\{\s*env\.([\w-]+)\s*\}\}$/.exec(expression.trim())?.[1];
  if (name === undefined) return undefined;
  const found = envs.map((env) => text(env, name)).find((v) => v !== undefined);
  return found === undefined || found.includes('${{') ? undefined : found;
}

/**
 * Parse a workflow once, with line numbers, and mark what publishes by the one rule
 * (publish-rule.ts). `context` adds the package.json scripts and local actions it can follow.
 */
export function parseWorkflow(content: string, path: string, context: PublishContext = {}): ParseResult {
  const tooLarge = oversize(content);
  if (tooLarge) {
    return { ok: false, findings: [{ id: 'workflow-too-large', level: 'error', message: `Not checked: ${tooLarge}.`, file: path, line: 1, fix: 'Split it: move jobs into reusable workflows or steps into composite actions.' }] };
  }
  const parsed = readYaml(content);
  // The same text, path and context (select, doctor, audit in one run): the same model.
  const last = models.get(parsed);
  if (last && last.path === path && last.context === context) return last.result;
  const result = workflowOf(parsed, content, path, context);
  models.set(parsed, { path, context, result });
  return result;
}

const models = new WeakMap<YamlText, { path: string; context: PublishContext; result: ParseResult }>();

/** The model of a parsed text. */
function workflowOf(parsed: YamlText, content: string, path: string, context: PublishContext = {}): ParseResult {
  const { doc, lines: lineCounter } = parsed;
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;
  const finding = (id: string, level: Finding['level'], message: string, line: number, fix?: string): Finding => ({
    id,
    level,
    message,
    file: path,
    line,
    ...(fix ? { fix } : {}),
  });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      findings: doc.errors.map((error) =>
        error.code === 'DUPLICATE_KEY'
          ? finding('duplicate-keys', 'error', `Duplicate key: ${error.message.split('\n')[0]}`, lineAt(error.pos[0]), 'Remove or rename the repeated key: GitHub keeps only one of them.')
          : finding('invalid-yaml', 'error', `Not valid YAML: ${error.message.split('\n')[0]}`, lineAt(error.pos[0])),
      ),
    };
  }
  if (!isMap(doc.contents)) {
    return { ok: false, findings: [finding('invalid-yaml', 'error', 'A workflow must be a YAML mapping (on:, jobs:, ...).', 1)] };
  }
  const root = doc.contents;
  const lineOf = (node: Node | Pair | null | undefined): number => {
    const target = node && 'key' in node && node.key ? (node.key as Node) : (node as Node | undefined);
    const start = target?.range?.[0];
    return start === undefined ? 1 : lineAt(start);
  };
  const jobs: Job[] = [];
  const workflowToken = jobHasToken(root, undefined);
  for (const item of mapAt(root, 'jobs')?.items ?? []) {
    if (!isScalar(item.key) || !isMap(item.value)) continue;
    const jobNode = item.value;
    const steps: Step[] = [];
    const jobToken = workflowToken || jobHasToken(undefined, jobNode);
    const stepList = value(jobNode, 'steps');
    // What earlier steps of the job wrote to GITHUB_ENV, for a local JavaScript action that runs it.
    let handed: Record<string, string> = {};
    for (const stepNode of isSeq(stepList) ? stepList.items : []) {
      if (!isMap(stepNode)) continue;
      const run = text(stepNode, 'run');
      const uses = text(stepNode, 'uses');
      const withMap = mapAt(stepNode, 'with');
      const env = mapAt(stepNode, 'env');
      const dir = text(stepNode, 'working-directory') ?? text(mapAt(mapAt(jobNode, 'defaults'), 'run'), 'working-directory') ?? text(mapAt(mapAt(root, 'defaults'), 'run'), 'working-directory');
      steps.push({
        node: stepNode,
        line: lineOf(stepNode),
        ...(uses !== undefined ? { uses } : {}),
        ...(run !== undefined ? { run, runNode: value(stepNode, 'run') } : {}),
        ...(withMap ? { with: withMap } : {}),
        ...(env ? { env } : {}),
        // A `${{ matrix.X }}` folder over a literal list: the step publishes when it does in one of them.
        publishes: (dir === undefined ? [dir] : (expandMatrix(dir, jobNode)?.slice(0, 20) ?? [dir])).some((d) => stepPublishes(uses, run, withMap, env, context, jobToken, d, handed)),
      });
      handed = { ...handed, ...stepEnvWrites({ ...(uses !== undefined ? { uses } : {}), ...(run !== undefined ? { run } : {}) }, context.jsActions) };
    }
    const jobUses = text(jobNode, 'uses');
    jobs.push({
      id: String(item.key.value),
      node: jobNode,
      line: lineOf(item),
      steps,
      ...(jobUses !== undefined ? { uses: ownCall(jobUses, context.self) } : {}),
      publishes: jobPublishes(steps),
      passesToken: jobUses !== undefined && envHasToken(mapAt(jobNode, 'secrets')),
    });
  }
  return {
    ok: true,
    workflow: { path, content, root, jobs, publishes: jobs.some((job) => job.publishes), passesToken: jobs.some((job) => job.passesToken), context, lineOf, lineAt, finding },
  };
}

/** A workflow others can call (`on: workflow_call` in any form): its github context is the caller's. */
export function isReusableWorkflow(workflow: Pick<Workflow, 'root'>): boolean {
  const on = value(workflow.root, 'on');
  if (isScalar(on)) return on.value === 'workflow_call';
  if (isSeq(on)) return on.items.some((item) => isScalar(item) && item.value === 'workflow_call');
  return isMap(on) && pair(on, 'workflow_call') !== undefined;
}

/** The commands a step runs: its `run:`, or the `publish:` and `version:` commands changesets/action runs for it. */
export function stepCommands(step: YAMLMap): string {
  const run = text(step, 'run');
  if (run !== undefined || !/^['"]?changesets\/action@/i.test(text(step, 'uses') ?? '')) return run ?? '';
  return ['publish', 'version'].map((key) => text(mapAt(step, 'with'), key)).filter((c) => c !== undefined).join('\n');
}
