// Which Node.js a setup-node step (or a local action) gives the publishing job, and whether its
// npm can do the OIDC exchange (npm >= 11.5.1): Node 24.5 and newer ship it; Node 22.14 and newer
// run npm 11 after an upgrade. Read by the audit's old-npm rule and by migrate.
import { isMap, isScalar, isSeq, parse, type YAMLMap } from 'yaml';
import { envExpressionValue, value as nodeOf, mapAt as mapOf, text as textOf } from './workflow-model.js';
import { bundlesOidcNpm } from '../npm/versions.js';

const NEW_ENOUGH = /^(?:lts\/\*|lts\/krypton|latest|current|node)$/i;
const OLD_LTS = /^lts\/(?:argon|boron|carbon|dubnium|erbium|fermium|gallium|hydrogen|iron|jod)$/i;

/**
 * `node22`: the Node ships an npm older than 11.5.1 but runs npm 11 (Node 22.14 and newer, Node 24
 * before 24.5.0): fine when the job upgrades npm.
 */
export type NodeVerdict = 'ok' | 'raise' | 'node22' | 'unknown';

function exactVerdict(v: string): NodeVerdict {
  if (NEW_ENOUGH.test(v)) return 'ok';
  if (/^lts\/jod$/i.test(v)) return 'node22';
  if (OLD_LTS.test(v)) return 'raise';
  const match = /^[\^~]?v?(\d+)(?:\.(\d+|x|\*))?/.exec(v);
  if (!match) return 'raise';
  const major = Number(match[1]);
  const minor = match[2] === undefined || !/^\d+$/.test(match[2]) || v.startsWith('^') ? Infinity : Number(match[2]);
  if (bundlesOidcNpm(major, minor)) return 'ok';
  if (major === 24) return 'node22';
  return major === 22 && minor >= 14 ? 'node22' : 'raise';
}

/**
 * Whether a setup-node `node-version` gives npm >= 11.5.1. Expressions cannot be known. A range
 * resolves, as setup-node does, to the newest version it allows: `>=20` is the newest Node.
 */
export function nodeVerdict(version: string): NodeVerdict {
  const v = version.trim();
  if (v.includes('${{')) return 'unknown';
  const ranges = v.split('||').map((part) => part.trim()).filter(Boolean);
  if (ranges.length > 1) return bestVerdict(ranges.map(nodeVerdict));
  if (/^>=?\s*v?\d/.test(v)) return /</.test(v) ? 'unknown' : 'ok';
  if (/^</.test(v)) return 'unknown';
  return exactVerdict(v);
}

const RANK: Record<NodeVerdict, number> = { raise: 0, unknown: 1, node22: 2, ok: 3 };

function bestVerdict(verdicts: readonly NodeVerdict[]): NodeVerdict {
  return verdicts.reduce<NodeVerdict>((best, v) => (RANK[v] > RANK[best] ? v : best), 'raise');
}

/** The worst of several verdicts (a matrix publishes with each of its values). */
export function worstVerdict(verdicts: readonly NodeVerdict[]): NodeVerdict {
  return verdicts.reduce<NodeVerdict>((worst, v) => (RANK[v] < RANK[worst] ? v : worst), 'ok');
}

/** Where a `${{ env.X }}` or `${{ matrix.X }}` value can be looked up: the job and workflow maps. */
export interface NodeScope {
  root: YAMLMap | undefined;
  job: YAMLMap | undefined;
  /** Reads a repository file (`.nvmrc`, package.json), when the caller can. */
  readFile?: (path: string) => string | undefined;
}

function scalarsOf(node: unknown): string[] {
  if (isScalar(node) && node.value !== null) return [String(node.value)];
  if (isSeq(node)) return node.items.filter(isScalar).map((item) => String(item.value));
  return [];
}

/**
 * The Node versions a setup-node step can run, its expressions resolved from `env:` (job, then
 * workflow) and `strategy.matrix` lists, and the version file (`node-version-file`, or one a step
 * prints into the output `node-version` names) read when a reader is given.
 * An empty list: not knowable here.
 */
export function resolveNodeVersions(withMap: YAMLMap | undefined, scope: NodeScope): string[] {
  const version = textOf(withMap, 'node-version');
  const file = nodeVersionFile(withMap, scope.job);
  if (file !== undefined) {
    const found = scope.readFile ? nodeVersionFromFile(file, scope.readFile) : undefined;
    return found === undefined ? [] : [found];
  }
  if (version !== undefined) return expressionValues(version, scope) ?? (version.includes('${{') ? [] : [version]);
  return [];
}

/**
 * The values a `${{ env.X }}`, `${{ matrix.X }}` or `${{ inputs.X }}` value can take in a job: env
 * (job, then workflow), the matrix list and its `include` entries, or a workflow input's default.
 * [] when not knowable here; undefined when the value is no such expression.
 */
export function expressionValues(value: string, scope: NodeScope): string[] | undefined {
  const expr = /^\$\{\{\s*(env|matrix|inputs)\.([\w-]+)\s*\}\}$/.exec(value.trim());
  if (!expr) return undefined;
  if (expr[1] === 'inputs') {
    // The input's default (a caller or a manual run may choose another value).
    const on = mapOf(scope.root, 'on');
    const found = ['workflow_call', 'workflow_dispatch'].map((event) => textOf(mapOf(mapOf(mapOf(on, event), 'inputs'), expr[2]!), 'default')).find((v) => v !== undefined);
    return found === undefined ? [] : [found];
  }
  if (expr[1] === 'env') {
    const found = envExpressionValue(value, [mapOf(scope.job, 'env'), mapOf(scope.root, 'env')]);
    return found === undefined ? [] : [found];
  }
  const matrix = mapOf(mapOf(scope.job, 'strategy'), 'matrix');
  const values = scalarsOf(nodeOf(matrix, expr[2]!));
  const included = (isSeq(nodeOf(matrix, 'include')) ? (nodeOf(matrix, 'include') as { items: unknown[] }).items : [])
    .flatMap((entry) => (isMap(entry) ? scalarsOf(nodeOf(entry, expr[2]!)) : []));
  const all = [...values, ...included];
  return all.some((v) => v.includes('${{')) ? [] : all;
}

/**
 * A step's `with:` as a local action receives it: each `${{ env.X }}` or `${{ matrix.X }}` value
 * that has one value in the job replaced by it (a one-entry matrix, an env value), the rest as written.
 */
export function handedInputs(withMap: YAMLMap | undefined, scope: NodeScope): Record<string, string> | undefined {
  if (!withMap) return undefined;
  const out: Record<string, string> = {};
  for (const item of withMap.items) {
    if (!isScalar(item.key) || !isScalar(item.value) || item.value.value === null) continue;
    const raw = String(item.value.value);
    const values = /^\$\{\{\s*(?:env|matrix)\./.test(raw.trim()) ? expressionValues(raw, scope) : undefined;
    out[String(item.key.value)] = values?.length === 1 ? values[0]! : raw;
  }
  return out;
}

/** `NAME=$(cat FILE)` written to $GITHUB_OUTPUT (or by the older `::set-output name=NAME::$(cat FILE)`): the file a step's output NAME is read from. */
const outputFromFile = (name: string) =>
  new RegExp(String.raw`\b${name}=\$\(\s*cat\s+["']?([\w./-]+)["']?\s*\)["']?\s*>>\s*["']?\$\{?GITHUB_OUTPUT\b|::set-output name=${name}::\$\(\s*cat\s+["']?([\w./-]+)["']?\s*\)`);

/**
 * The repository file a setup-node step takes its Node version from: its `node-version-file`, or
 * the file an earlier step of the job prints into the output its `node-version` names
 * (`echo "NVMRC=$(cat .nvmrc)" >> $GITHUB_OUTPUT`, then `node-version: ${{ steps.nvm.outputs.NVMRC }}`).
 */
export function nodeVersionFile(withMap: YAMLMap | undefined, job: YAMLMap | undefined): string | undefined {
  const version = textOf(withMap, 'node-version');
  // setup-node takes node-version over node-version-file when both are given.
  if (version === undefined) return textOf(withMap, 'node-version-file')?.replace(/^\.\//, '');
  const output = /^\$\{\{\s*steps\.([\w-]+)\.outputs\.([\w-]+)\s*\}\}$/.exec(version.trim());
  if (!output) return undefined;
  const steps = nodeOf(job, 'steps');
  const step = isSeq(steps) ? steps.items.find((item): item is YAMLMap => isMap(item) && textOf(item, 'id') === output[1]) : undefined;
  const found = outputFromFile(output[2]!).exec(textOf(step, 'run') ?? '');
  return (found?.[1] ?? found?.[2])?.replace(/^\.\//, '');
}

/**
 * The version setup-node reads from a `node-version-file`, as it reads it: a JSON file (package.json)
 * gives `volta.node`, then a `devEngines.runtime` entry named node, then `engines.node`, then the
 * file `volta.extends` names; mise.toml gives `[tools] node`; any other file (.nvmrc,
 * .node-version, .tool-versions) its first line that is a version, optionally after `node`/`nodejs`.
 */
export function nodeVersionFromFile(path: string, readFile: (path: string) => string | undefined, depth = 0): string | undefined {
  const text = readFile(path);
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (typeof json === 'object' && json !== null) {
    const pkg = json as { volta?: { node?: unknown; extends?: unknown }; devEngines?: { runtime?: unknown }; engines?: { node?: unknown } };
    if (typeof pkg.volta?.node === 'string') return pkg.volta.node;
    const runtimes = [pkg.devEngines?.runtime].flat().filter((r): r is { name?: unknown; version?: unknown } => typeof r === 'object' && r !== null);
    const runtime = runtimes.find((r) => typeof r.name === 'string' && r.name.toLowerCase() === 'node' && typeof r.version === 'string');
    if (runtime) return runtime.version as string;
    if (typeof pkg.engines?.node === 'string') return pkg.engines.node;
    if (typeof pkg.volta?.extends === 'string' && depth < 3) {
      const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
      const target = `${dir}${pkg.volta.extends}`.replace(/(^|\/)\.\//g, '$1');
      return nodeVersionFromFile(target, readFile, depth + 1);
    }
    return undefined;
  }
  const tools = /^\[tools\][^[]*?^\s*node\s*=\s*(?:"([^"]+)"|'([^']+)'|\{[^}]*version\s*=\s*"([^"]+)")/m.exec(text);
  if (tools) return tools[1] ?? tools[2] ?? tools[3];
  const line = /^(?:node(?:js)?\s+)?v?(\S+)$/m.exec(text);
  return line ? line[1] : text.trim() || undefined;
}

/**
 * What a local composite action (`uses: ./.github/actions/setup`) does to Node: undefined when it
 * sets up no Node; otherwise the versions its last Node set-up gives ([] when not knowable here),
 * its `${{ inputs.x }}` taken from the caller's `with:` or the input's default. A local action it
 * runs in turn is followed (a few levels), with the inputs it hands on resolved the same way: the
 * last of its steps that sets up Node decides.
 */
export function localActionNode(
  uses: string,
  callerWith: YAMLMap | Record<string, unknown> | undefined,
  readFile: ((path: string) => string | undefined) | undefined,
  depth = 0,
  origins?: Record<string, string | undefined>,
): { versions: string[]; input?: string } | undefined {
  if (!uses.startsWith('./') || !readFile || depth > 3) return undefined;
  const dir = uses.slice(2).replace(/\/$/, '');
  const text = readFile(`${dir}/action.yml`) ?? readFile(`${dir}/action.yaml`);
  if (text === undefined || !/actions\/setup-node@|\bnvm\s+(?:install|use)\b|\bvolta\s+install\b|\bfnm\s+(?:install|use)\b|uses:\s*['"]?\.\//.test(text)) return undefined;
  let action: unknown;
  try {
    action = parse(text);
  } catch {
    return { versions: [] };
  }
  const steps = (action as { runs?: { steps?: unknown } } | null)?.runs?.steps;
  const list = Array.isArray(steps) ? (steps as Array<Record<string, unknown>>) : [];
  const inputs = ((action as { inputs?: Record<string, { default?: unknown }> }).inputs ?? {}) as Record<string, { default?: unknown } | null>;
  const given = (name: string) => (callerWith === undefined ? undefined : isMap(callerWith) ? textOf(callerWith, name) : callerWith[name] === undefined || callerWith[name] === null ? undefined : String(callerWith[name]));
  const resolve = (raw: unknown): string | undefined => {
    if (raw === undefined || raw === null) return undefined;
    const value = String(raw);
    const input = /^\$\{\{\s*inputs\.([\w-]+)\s*\}\}$/.exec(value.trim());
    if (!input) return value.includes('${{') ? undefined : value;
    const fallback = inputs[input[1]!]?.default;
    const chosen = given(input[1]!) ?? (fallback === undefined || fallback === null ? undefined : String(fallback));
    return chosen === undefined || chosen === '' || chosen.includes('${{') ? undefined : chosen;
  };
  // The first caller's `with:` key a value came from, when it did (`node-version: 20` there).
  const origin = (raw: unknown): string | undefined => {
    const input = /^\$\{\{\s*inputs\.([\w-]+)\s*\}\}$/.exec(String(raw ?? '').trim());
    if (!input || given(input[1]!) === undefined) return undefined;
    return origins ? origins[input[1]!] : input[1]!;
  };
  const withOf = (step: Record<string, unknown>) => (typeof step.with === 'object' && step.with !== null ? step.with : {}) as Record<string, unknown>;
  for (const step of [...list].reverse()) {
    if (typeof step !== 'object' || step === null) continue;
    const stepUses = String(step.uses ?? '');
    if (stepUses.startsWith('./')) {
      // The inputs it hands on, resolved against this action's own.
      const handed = Object.fromEntries(Object.entries(withOf(step)).map(([key, raw]) => [key, resolve(raw)]));
      const from = Object.fromEntries(Object.entries(withOf(step)).map(([key, raw]) => [key, origin(raw)]));
      const nested = localActionNode(stepUses, handed, readFile, depth + 1, from);
      if (nested) return nested;
      continue;
    }
    if (!/^actions\/setup-node@/i.test(stepUses) && !/\b(?:nvm|volta|fnm)\s+(?:install|use)\b/.test(String(step.run ?? ''))) continue;
    if (typeof step.uses !== 'string') return { versions: [] };
    const withs = withOf(step);
    const version = resolve(withs['node-version']);
    const input = origin(withs['node-version']);
    if (version !== undefined) return { versions: [version], ...(input ? { input } : {}) };
    const file = resolve(withs['node-version-file']);
    const found = file === undefined ? undefined : nodeVersionFromFile(file.replace(/^\.\//, ''), readFile);
    return { versions: found === undefined ? [] : [found] };
  }
  return undefined;
}

/** The verdict for one setup-node step: what its resolved versions give. */
export function setupNodeVerdict(withMap: YAMLMap | undefined, scope: NodeScope): { verdict: NodeVerdict; versions: string[] } {
  const versions = resolveNodeVersions(withMap, scope);
  return { verdict: versions.length === 0 ? 'unknown' : worstVerdict(versions.map(nodeVerdict)), versions };
}
