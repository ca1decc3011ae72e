// npm >= 11.5.1 in the publishing job [old-npm]: a setup-node step that gives older npm is
// raised to Node 24, or the job upgrades npm (the verdicts are the audit's: audit/node-version.ts).
import { isMap, isScalar, isSeq, Scalar, type Document, type YAMLMap } from 'yaml';
import type { ActionPins } from '../render/pins.js';
import { nodeVersionFile, nodeVerdict, setupNodeVerdict, worstVerdict, type NodeScope } from '../audit/node-version.js';
import { blockMap, mapOf, nodeOf, pairOf, textOf } from './nodes.js';
import { publishSteps, type JobView } from './jobs.js';
import { localActionUpgradesNpm } from '../audit/local-action-npm.js';
import { upgradeNpmInLocalAction } from './local-action-npm.js';
import { handedLocalNode, handedLocalNodeEachLeg, npm11Runs, raiseHandedOldNode } from './handed-node.js';
import { npxNewNpmPublish } from '../audit/npx-npm.js';
import { OLD_NPM_PIN, oldNpmPin } from '../audit/npm-upgrade-node.js';
import { voltaSetsNode } from './volta-node.js';
import { declaredRange, readManifest } from '../npm/manifest.js';
import { lowestMajor } from '../npm/versions.js';
export const NPM_CHECK = `npm_version="$(npm --version)"
if [ "$(printf '%s\\n' 11.5.1 "$npm_version" | sort -V | head -n 1)" != 11.5.1 ]; then
  echo "::error::npm $npm_version cannot publish with trusted publishing (OIDC), which needs npm 11.5.1 or newer. Use Node 24."
  exit 1
fi
`;

/** The scripts up to the first publish step (an npm check or upgrade after it comes too late, as for the doctor). */
const scripts = (job: JobView) => {
  const first = publishSteps(job)[0];
  const upTo = first === undefined ? job.steps : job.steps.slice(0, job.steps.indexOf(first) + 1);
  return upTo.map((step) => textOf(step, 'run') ?? '');
};
const FLOATING_NPM = /(\bnpm\s+(?:i|install|add)\b[^\n;&|#]*\s)npm@(?:latest|next)\b/g;
const NPM_UPGRADE = /\bnpm\s+(?:i|install)\s+(?:.*\s)?npm@["']?(?:latest|next|\^?~?(?:1[1-9]|[2-9]\d))/;
const NPM_ASSERT = /\bnpm\s+(?:--version|-v)\b/;

/** `npm install -g npm@latest` takes npm 12, which no longer runs on older Node 22 [adhoc-packages]. */
function pinNpmUpgrade(job: JobView, notes: string[]): void {
  for (const step of job.steps) {
    const node = nodeOf(step, 'run');
    if (!isScalar(node) || typeof node.value !== 'string' || node.value.replace(FLOATING_NPM, '') === node.value) continue;
    node.value = node.value.replace(FLOATING_NPM, '$1npm@^11.5.1');
    notes.push(`job "${job.id}": npm upgrade pinned to npm@^11.5.1`);
  }
  // The last global npm install before the publish, when it pins below 11.5.1 (`npm install -g npm@10.9.7`): that npm would publish.
  const first = publishSteps(job)[0];
  const upTo = first === undefined ? [] : job.steps.slice(0, job.steps.indexOf(first) + 1);
  const last = upTo.map((step) => nodeOf(step, 'run')).findLast((node) => isScalar(node) && typeof node.value === 'string' && node.value.replace(OLD_NPM_PIN, '') !== node.value);
  const old = isScalar(last) ? oldNpmPin(last.value as string) : undefined;
  if (old !== undefined && isScalar(last)) {
    last.value = (last.value as string).replace(OLD_NPM_PIN, (all, head: string, _q: string, spec: string) => (oldNpmPin(all) === spec ? `${head}npm@^11.5.1` : all));
    notes.push(`job "${job.id}": npm@${old} raised to npm@^11.5.1 (trusted publishing needs 11.5.1 or newer)`);
  }
}

function insertStep(job: JobView, at: number, step: YAMLMap): void {
  const seq = nodeOf(job.node, 'steps');
  if (!isSeq(seq)) return;
  seq.items.splice(at, 0, step);
  job.steps = seq.items.filter((item): item is YAMLMap => isMap(item));
}


/** A step that upgrades npm within 11.x, for a job whose Node version is old or cannot be known here. */
function upgradeStep(doc: Document): YAMLMap {
  const step = blockMap(doc, { name: 'Upgrade npm for trusted publishing' });
  // A range, not npm@latest: npm 12 does not run on older Node 22.
  step.items.push(doc.createPair('run', 'npm install -g npm@^11.5.1'));
  return step;
}


/** The one value of the job's own `strategy.matrix` list that a `${{ matrix.X }}` node-version names. */
function soleMatrixValue(withMap: YAMLMap | undefined, job: JobView): { key: string; value: Scalar } | undefined {
  const key = /^\$\{\{\s*matrix\.([\w-]+)\s*\}\}$/.exec(textOf(withMap, 'node-version')?.trim() ?? '')?.[1];
  const matrix = mapOf(mapOf(job.node, 'strategy'), 'matrix');
  const list = key === undefined ? undefined : nodeOf(matrix, key);
  if (!isSeq(list) || list.items.length !== 1 || !isScalar(list.items[0]) || nodeOf(matrix, 'include') !== undefined) return undefined;
  return { key: key!, value: list.items[0] };
}

/** A `${{ matrix.X }}` node-version in a job that has no `strategy.matrix` at all. */
function absentMatrixKey(withMap: YAMLMap | undefined, job: JobView): { expression: string } | undefined {
  const expression = textOf(withMap, 'node-version')?.trim() ?? '';
  if (!/^\$\{\{\s*matrix\.[\w-]+\s*\}\}$/.test(expression)) return undefined;
  return nodeOf(mapOf(job.node, 'strategy'), 'matrix') === undefined ? { expression } : undefined;
}

const isSetupNode = (step: YAMLMap) => /^actions\/setup-node@/i.test(textOf(step, 'uses') ?? '');

/** `scripts`: the repository files the migration edits, by path (a local action that publishes gets its npm upgrade there). */
export function ensureNewNpm(doc: Document, job: JobView, pins: ActionPins, notes: string[], scope: Omit<NodeScope, 'job'> & { scripts?: Map<string, { before: string; after: string }> } = { root: undefined }): void {
  pinNpmUpgrade(job, notes);
  // volta-cli/action's shims run its Node whatever setup-node gave before it.
  if (voltaSetsNode(doc, job, { ...scope, job: job.node }, notes)) return;
  // A publish through an npm fetched for it (`npx --yes npm@^11.5.1 publish`) needs no other upgrade.
  const upgrades = scripts(job).some((s) => NPM_UPGRADE.test(s) || s.split('\n').some(npxNewNpmPublish));
  const asserts = scripts(job).some((s) => NPM_ASSERT.test(s));
  const seq = nodeOf(job.node, 'steps');
  if (!isSeq(seq)) return;
  const setups = job.steps.filter(isSetupNode);
  // A local composite action may set up its own Node after ours: npm is upgraded after it.
  // Its caller's `with:` values resolved in the job (a one-entry matrix, an env value); one npm 11 cannot run on is raised first.
  const localNode = (step: YAMLMap) => handedLocalNode(step, { ...scope, job: job.node });
  const setsNode = (step: YAMLMap) => localNode(step) !== undefined;
  // One whose Node is known to ship npm 11.5.1 or newer needs no upgrade after it.
  const setsNewNode = (step: YAMLMap) => {
    const versions = localNode(step)?.versions ?? [];
    return versions.length > 0 && worstVerdict(versions.map(nodeVerdict)) === 'ok';
  };
  // A setup action of another repository (`org/config/.github/setup@main`) cannot be read: it may
  // install its own Node, so npm is upgraded after it too (the doctor reads it the same way).
  // Only one before the first publish step counts, as for the doctor: a publish action
  // (`js-devtools/npm-publish`) is no setup, and an upgrade after the publish comes too late.
  const firstPublish = publishSteps(job)[0];
  const beforePublish = (step: YAMLMap) => firstPublish === undefined || job.steps.indexOf(step) < job.steps.indexOf(firstPublish);
  const remoteSetup = (step: YAMLMap) => {
    const uses = textOf(step, 'uses') ?? '';
    return beforePublish(step) && uses !== '' && !uses.startsWith('./') && /setup|install|prepare|tools/i.test(uses) && !/^actions\/|^pnpm\/action-setup|^oven-sh\//i.test(uses);
  };
  const setsNodeOrMay = (step: YAMLMap) => setsNode(step) || (setups.length === 0 && remoteSetup(step));
  const anyLocal = job.steps.some(setsNodeOrMay);
  const local = job.steps.some((step) => setsNodeOrMay(step) && !setsNewNode(step));
  if (setups.length === 0 && !anyLocal) {
    const pin = pins['setup-node'];
    const step = blockMap(doc, { uses: `${pin.uses}@${pin.sha}`, with: { 'node-version': 24, 'package-manager-cache': false } }, { uses: ` ${pin.version}` });
    const checkouts = job.steps.filter((s) => /^actions\/checkout@/i.test(textOf(s, 'uses') ?? ''));
    const at = checkouts.length > 0 ? seq.items.indexOf(checkouts[checkouts.length - 1]!) + 1 : 0;
    insertStep(job, at, step);
    notes.push(`job "${job.id}": added setup-node with Node 24 (the runner's own Node ships npm 10)`);
    return;
  }
  // The Node that publishes to npmjs.com is the last one set up before (or by) its first publish step: a
  // setup-node after it (for a GitHub Packages publish) comes too late. A local action's known new Node settles it.
  const setter = (step: YAMLMap) => isSetupNode(step) || setsNodeOrMay(step);
  const upToPublish = firstPublish === undefined ? job.steps : job.steps.slice(0, job.steps.indexOf(firstPublish) + 1);
  const lastSetter = [...upToPublish].reverse().find(setter) ?? [...job.steps].reverse().find(setter);
  if (lastSetter && !isSetupNode(lastSetter)) raiseHandedOldNode(lastSetter, job, { ...scope, job: job.node }, notes);
  if (lastSetter && setsNewNode(lastSetter)) return;
  // A local action that upgrades npm itself after the Node it sets up.
  const localUses = lastSetter && !isSetupNode(lastSetter) ? textOf(lastSetter, 'uses') : undefined;
  if (localUses?.startsWith('./') && localActionUpgradesNpm(localUses, scope.readFile)) return;
  // A local action that sets up an old Node and publishes inside: no step of this job runs between
  // the two, so the Node it is handed (`with: node-version: 20`) goes to 24.
  if (lastSetter && !isSetupNode(lastSetter) && publishSteps(job).includes(lastSetter) && raiseHandedNode(lastSetter, localNode(lastSetter), job, notes)) return;
  let unknown = false;
  // The job's Node stays for a dependency that cannot build on a newer one: Node 24 comes just before the publish.
  let keepsOld = false;
  for (const setup of setups) {
    const withMap = mapOf(setup, 'with');
    const { verdict, versions } = setupNodeVerdict(withMap, { ...scope, job: job.node });
    if (verdict === 'ok' || (verdict === 'node22' && upgrades)) continue;
    const node = nodeOf(withMap, 'node-version');
    const literal = isScalar(node) && !String(node.value).includes('${{');
    // A dependency that cannot install or build on a new Node (node-sass, webpack 4) keeps the Node that installs and builds: Node 24 comes just before the publish.
    if ((verdict === 'raise' || verdict === 'node22') && literal && firstPublish !== undefined && pinsOldNode(scope.readFile)) {
      unknown = keepsOld = true;
      continue;
    }
    if ((verdict === 'raise' || verdict === 'node22') && literal) {
      const version = String((node as Scalar).value);
      (node as Scalar).value = (node as Scalar).type === Scalar.PLAIN ? 24 : '24';
      renameStep(setup, version);
      notes.push(`job "${job.id}": node-version ${version} -> 24 (npm 11.5.1 or newer)`);
      continue;
    }
    // `${{ matrix.X }}` in a job with no matrix is empty, so the runner's own Node ran (npm 10):
    // the step gets Node 24, as a literal old version would.
    const absent = absentMatrixKey(withMap, job);
    if (absent !== undefined) {
      (node as Scalar).value = 24;
      (node as Scalar).type = Scalar.PLAIN;
      const name = nodeOf(setup, 'name');
      if (isScalar(name) && typeof name.value === 'string') name.value = name.value.split(absent.expression).join('24');
      notes.push(`job "${job.id}": node-version 24 instead of ${absent.expression} (the job has no matrix, so it was empty and the runner's own Node ran)`);
      continue;
    }
    // A one-value matrix on a Node npm 11 cannot run on: an npm upgrade would break npm, so the value goes to 24.
    const sole = verdict === 'raise' ? soleMatrixValue(withMap, job) : undefined;
    if (sole && !npm11Runs(String(sole.value.value))) {
      const version = String(sole.value.value);
      sole.value.value = sole.value.type === Scalar.PLAIN ? 24 : '24';
      notes.push(`job "${job.id}": matrix ${sole.key} ${version} -> 24 (npm 11, which trusted publishing needs, does not support Node ${version})`);
      continue;
    }
    // A Node read from a version file that npm 11 cannot run on: an npm upgrade would break npm,
    // so the publishing job gets Node 24, as a literal version would (the file stays as it is).
    const file = verdict === 'raise' && withMap ? nodeVersionFile(withMap, job.node) : undefined;
    if (file !== undefined && versions.length > 0 && !versions.some(npm11Runs)) {
      const fromFile = pairOf(withMap, 'node-version') ? undefined : pairOf(withMap, 'node-version-file');
      if (fromFile && isScalar(fromFile.key)) {
        fromFile.key.value = 'node-version';
        fromFile.value = doc.createNode(24);
      } else {
        const node = nodeOf(withMap, 'node-version') as Scalar;
        node.value = node.type === Scalar.PLAIN ? 24 : '24';
      }
      renameStep(setup, versions[0]!);
      notes.push(`job "${job.id}": node-version 24 instead of the Node ${versions.join(', ')} of ${file} (npm 11, which trusted publishing needs, does not support it)`);
      continue;
    }
    // A Node from an env value (`${{ env.NODE_VERSION }}`, 18) that npm 11 cannot run on: the same,
    // in this step only (the env value may set other jobs' Node too).
    const fromEnv = isScalar(node) && /^\$\{\{\s*env\.[\w-]+\s*\}\}$/.test(String(node.value).trim()) ? String(node.value).trim() : undefined;
    if (verdict === 'raise' && fromEnv !== undefined && versions.length > 0 && !versions.some(npm11Runs)) {
      (node as Scalar).value = 24;
      (node as Scalar).type = Scalar.PLAIN;
      notes.push(`job "${job.id}": node-version 24 instead of ${fromEnv} (Node ${versions.join(', ')}: npm 11, which trusted publishing needs, does not support it)`);
      continue;
    }
    // An old Node from a matrix, or one that cannot be known: raise npm, not the Node.
    unknown = true;
  }
  if (!unknown && !local) return;
  const last = lastSetter!;
  // Only where the publish runs (a matrix leg on an old Node would fail to install npm 11).
  const condition = textOf(publishSteps(job)[0], 'if');
  const shared = condition !== undefined && publishSteps(job).every((step) => textOf(step, 'if') === condition);
  // A Node npm 11 cannot run on (Node 18 from a matrix, a local action or a version file, not raised
  // where it is written): an upgrade would stop with EBADENGINE, so Node 24 is set up just before the publish.
  // A local action handed a several-value matrix (`node: [16, 18, 20]`): the Node of every leg,
  // unless the publish steps already choose their leg (`if: matrix.node == 20`).
  const legChosen = shared && /\bmatrix\./.test(condition);
  const localVersions = (step: YAMLMap) => [...(localNode(step)?.versions ?? []), ...(legChosen ? [] : handedLocalNodeEachLeg(step, { ...scope, job: job.node }))];
  const lastVersions = isSetupNode(last) ? setupNodeVerdict(mapOf(last, 'with'), { ...scope, job: job.node }).versions : localVersions(last);
  const refused = keepsOld ? lastVersions : lastVersions.filter((v) => !npm11Runs(v));
  if (refused.length > 0 && firstPublish !== undefined && firstPublish !== last) {
    // Before the job's own npm upgrade, if it has one: that step fails on the old Node too.
    const upgrading = job.steps.find((s) => job.steps.indexOf(s) <= job.steps.indexOf(firstPublish) && job.steps.indexOf(s) > job.steps.indexOf(last) && NPM_UPGRADE.test(textOf(s, 'run') ?? ''));
    const before = upgrading ?? firstPublish;
    const pin = pins['setup-node'];
    const step = blockMap(doc, { uses: `${pin.uses}@${pin.sha}`, with: { 'node-version': 24, 'package-manager-cache': false } }, { uses: ` ${pin.version}` });
    if (shared) step.items.splice(1, 0, doc.createPair('if', condition));
    insertStep(job, seq.items.indexOf(before), step);
    const why = keepsOld ? `install and build keep Node ${[...new Set(refused)].join(', ')}: a dependency does not build on a newer one` : `npm 11, which trusted publishing needs, does not support Node ${[...new Set(refused)].join(', ')}`;
    notes.push(`job "${job.id}": added setup-node with Node 24 before the publish (${why})`);
    return;
  }
  if (upgrades || (asserts && !local)) return;
  // A local action that sets up Node and publishes inside: an upgrade before it would be undone
  // by its Node, and one after it comes too late, so the upgrade goes into the action.
  const inside = !isSetupNode(last) && publishSteps(job).includes(last) && scope.scripts && localUses === textOf(last, 'uses') ? upgradeNpmInLocalAction(localUses!, scope.readFile, scope.scripts) : undefined;
  if (inside !== undefined) {
    notes.push(`job "${job.id}": ${inside}: added a step that upgrades npm to ^11.5.1 after the Node it sets up, before it publishes`);
    return;
  }
  const upgrade = upgradeStep(doc);
  if (shared) upgrade.items.splice(1, 0, doc.createPair('if', condition));
  insertStep(job, upgradeAt(seq.items as YAMLMap[], seq.items.indexOf(last) + 1, shared ? condition : undefined, publishSteps(job)[0]), upgrade);
  notes.push(`job "${job.id}": added a step that upgrades npm to ^11.5.1 (the Node version ${local ? 'may be set by a setup action' : 'is old or cannot be known here'})`);
}

/**
 * Dependencies whose install or build stops on a new Node, so the job keeps its own Node for them:
 * node-sass (no build past Node 20; its source build fails on the runner's Python), and webpack 4
 * with the toolchains built on it (md4 hashes, which OpenSSL 3 in Node 17+ refuses: ERR_OSSL_EVP_UNSUPPORTED).
 */
const OLD_NODE_TOOLS: ReadonlyArray<[name: string, below: number]> = [['node-sass', Infinity], ['webpack', 5], ['@vue/cli-service', 5], ['react-scripts', 5]];

function pinsOldNode(readFile: ((path: string) => string | undefined) | undefined): boolean {
  const manifest = readManifest(readFile);
  return OLD_NODE_TOOLS.some(([name, below]) => {
    const range = declaredRange(manifest, name);
    return range !== undefined && (below === Infinity || (lowestMajor(range) ?? below) < below);
  });
}

/**
 * Where the upgrade goes: after the last Node setup, unless the condition it shares with the publish
 * reads the output of a step that runs later (`steps.check.outputs.x`, empty until that step has
 * run, so the upgrade would never run): then just before the publish, where that output is set.
 */
function upgradeAt(steps: YAMLMap[], afterSetup: number, condition: string | undefined, publish: YAMLMap | undefined): number {
  const read = [...(condition ?? '').matchAll(/\bsteps\.([\w-]+)\./g)].map((m) => m[1]);
  const later = steps.slice(afterSetup).map((step) => textOf(step, 'id'));
  const at = publish ? steps.indexOf(publish) : -1;
  return read.some((id) => later.includes(id)) && at >= afterSetup ? at : afterSetup;
}

/** `with: <input>: 20` on a step whose local action sets up Node from it: the literal goes to 24. */
function raiseHandedNode(step: YAMLMap, node: { versions: string[]; input?: string } | undefined, job: JobView, notes: string[]): boolean {
  if (!node?.input || node.versions.length === 0 || worstVerdict(node.versions.map(nodeVerdict)) === 'ok') return false;
  const value = nodeOf(mapOf(step, 'with'), node.input);
  if (!isScalar(value) || String(value.value).includes('${{')) return false;
  const version = String(value.value);
  value.value = value.type === Scalar.PLAIN ? 24 : '24';
  notes.push(`job "${job.id}": ${textOf(step, 'uses')} ${node.input} ${version} -> 24 (it sets up Node and publishes inside; npm 11.5.1 or newer)`);
  return true;
}

/** A step named after the Node it set up ("Setup Node.js 12.x") is renamed with it. */
function renameStep(step: YAMLMap, version: string): void {
  const name = nodeOf(step, 'name');
  if (!isScalar(name) || typeof name.value !== 'string') return;
  const escaped = version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  name.value = name.value.replace(new RegExp(`(^|[\\s(v])${escaped}(?:\\.x)?(?![\\w.])`), (_, before: string) => `${before}24`);
}
