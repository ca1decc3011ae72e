// volta-cli/action sets the job's Node: with a `node-version` input it installs that Node and pins
// it in the checkout's package.json; without one, volta's shims run the package.json `volta` pin
// (`volta.node`, `volta.npm`, or those of the file `volta.extends` names). An `npm-version` input
// is pinned too when `node-version` is given. Read by the audit's old-npm rule and by migrate.
import type { YAMLMap } from 'yaml';
import { text as textOf } from './workflow-model.js';
import { nodeVerdict, type NodeVerdict } from './node-version.js';
import { NPM_OIDC_MIN, versionAtLeast } from '../npm/versions.js';

export const isVoltaAction = (uses: string | undefined): boolean => /^volta-cli\/action@/i.test(uses ?? '');

export interface VoltaNode {
  /** The Node volta runs ('' when neither input nor pin names one). */
  node: string;
  /** The npm volta runs instead of the Node's own, when pinned. */
  npm?: string;
  /** Where the Node comes from: the step's input, or the package.json pin. */
  from: 'input' | 'package.json';
  verdict: NodeVerdict;
}

interface VoltaPin {
  node?: string;
  npm?: string;
}

/** The `volta` pin of a package.json, `extends` followed a few levels (the nearer file wins). */
export function voltaPin(path: string, readFile: (path: string) => string | undefined, depth = 0): VoltaPin {
  const text = readFile(path);
  if (text === undefined) return {};
  let volta: { node?: unknown; npm?: unknown; extends?: unknown } | undefined;
  try {
    volta = (JSON.parse(text) as { volta?: typeof volta } | null)?.volta;
  } catch {
    return {};
  }
  if (typeof volta !== 'object' || volta === null) return {};
  const own: VoltaPin = {
    ...(typeof volta.node === 'string' ? { node: volta.node } : {}),
    ...(typeof volta.npm === 'string' ? { npm: volta.npm } : {}),
  };
  if (typeof volta.extends !== 'string' || depth >= 3) return own;
  const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
  const target = `${dir}${volta.extends}`.replace(/(^|\/)\.\//g, '$1');
  return { ...voltaPin(target, readFile, depth + 1), ...own };
}

/** Whether an npm version spec (`8`, `8.19.2`, `^11.5.0`, `11`) gives npm 11.5.1 or newer: a partial or caret spec takes the newest of its line. */
function npmSpecOk(spec: string): boolean {
  const m = /^[\^~]?v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(spec.trim());
  if (!m) return /^latest$/i.test(spec.trim());
  const major = Number(m[1]);
  if (major !== 11) return major > 11;
  if (m[2] === undefined || spec.trim().startsWith('^')) return true;
  return versionAtLeast(`11.${m[2]}.${spec.trim().startsWith('~') || m[3] === undefined ? 999 : m[3]}`, NPM_OIDC_MIN);
}

/** The verdict for a Node and an npm volta pins: a pinned npm decides, whatever the Node ships. */
function verdictOf(node: string, npm: string | undefined): NodeVerdict {
  if (npm !== undefined) return /\$\{\{/.test(npm) ? 'unknown' : npmSpecOk(npm) ? 'ok' : 'raise';
  return node === '' ? 'unknown' : nodeVerdict(node);
}

/**
 * What a volta-cli/action step gives the job: undefined when the step is no volta action, or when
 * neither its inputs nor the package.json pin name a Node (volta then runs the runner's Node).
 */
export function voltaActionNode(uses: string | undefined, withMap: YAMLMap | undefined, readFile: ((path: string) => string | undefined) | undefined): VoltaNode | undefined {
  if (!isVoltaAction(uses)) return undefined;
  const input = textOf(withMap, 'node-version');
  const npmInput = textOf(withMap, 'npm-version');
  const path = (textOf(withMap, 'package-json-path') ?? 'package.json').replace(/^\.\//, '');
  const pin = readFile ? voltaPin(path, readFile) : {};
  if (input !== undefined && input !== '') {
    // The input's Node is pinned over package.json's; a pinned npm stays unless npm-version is given too.
    const npm = npmInput !== undefined && npmInput !== '' ? npmInput : pin.npm;
    return { node: input, ...(npm !== undefined ? { npm } : {}), from: 'input', verdict: verdictOf(input, npm) };
  }
  if (pin.node === undefined) return undefined;
  return { node: pin.node, ...(pin.npm !== undefined ? { npm: pin.npm } : {}), from: 'package.json', verdict: verdictOf(pin.node, pin.npm) };
}
