// --migrate for .gitlab-ci.yml and .circleci/config.yml: the token jobs converted in place.
// GitLab: the job declares `id_tokens` NPM_ID_TOKEN (aud npm:registry.npmjs.org, npm reads it)
// and SIGSTORE_ID_TOKEN (provenance). CircleCI: the publish step exports the ID token from
// `circleci run oidc get` with that audience (npm 11.11.0+). Lines that write an _authToken go;
// everything else stays byte for byte (the same line merge as workflows).
import { isMap, isScalar, isSeq, Scalar, type CollectionTag, type Document, type Node, type YAMLMap } from 'yaml';
import type { CiFile } from '../core/model.js';
import { runPublishesWith, type PublishContext } from '../audit/publish-rule.js';
import { runsPublish } from '../detect/workflow-scan.js';
import { scanCiFile } from '../detect/ci-files.js';
import { migrateCircle } from './circleci.js';
import { nodeImageMajor } from './circleci-image.js';
import { GITLAB_GLOBAL_KEYWORDS } from '../providers/gitlab/job.js';
import { MigrateError } from './errors.js';
import { scriptEdits } from './scripts.js';
import { oversizeFile, parseYamlFile } from '../core/yaml-text.js';
import { mergeEdits, printOptions } from './format.js';
import { insertBefore, mapOf, nodeOf, removeKey, textOf } from './nodes.js';

export interface CiMigration {
  path: string;
  before: string;
  after: string;
  changes: string[];
  left: string[];
  /** Repository scripts the publishing steps run, without their token lines, by path. */
  scripts: Map<string, { before: string; after: string }>;
}

const WRITES_TOKEN = /_authToken/;

/** The text of a script scalar, or of each item of a script list. */
const lines = (node: Node | undefined): Scalar[] =>
  isScalar(node) ? [node] : isSeq(node) ? node.items.filter((item): item is Scalar => isScalar(item)) : [];
const textIn = (node: Node | undefined) => lines(node).map((s) => String(s.value ?? '')).join('\n');

/** Removes the lines that write an _authToken from a script (a list item goes when it is empty). */
function dropTokenLines(parent: YAMLMap, key: string, where: string, notes: string[]): void {
  const node = nodeOf(parent, key);
  for (const scalar of lines(node)) {
    const text = String(scalar.value ?? '');
    if (!WRITES_TOKEN.test(text)) continue;
    const kept = text.split('\n').filter((line) => !WRITES_TOKEN.test(line));
    if (isSeq(node) && kept.every((line) => line.trim() === '')) node.items.splice(node.items.indexOf(scalar), 1);
    else scalar.value = kept.join('\n');
    notes.push(`${where}: removed the line that wrote an _authToken to .npmrc`);
  }
  if (isSeq(node) && node.items.length === 0) removeKey(parent, key);
}

/** GitLab's `!reference [.template, key]`: kept as a tagged list (printed back as written). */
const REFERENCE: CollectionTag = { tag: '!reference', collection: 'seq', default: false, resolve: (value) => value };

/** `[.template, key]` of a `!reference` list item, or undefined. */
function referenceOf(node: unknown): { template: string; key: string } | undefined {
  if (!isSeq(node) || node.tag !== '!reference' || node.items.length !== 2 || !node.items.every(isScalar)) return undefined;
  const [template, key] = node.items.map((item) => String((item as Scalar).value));
  return { template: template!, key: key! };
}

/**
 * The templates a job takes keys from: its `extends:` chain, nearest first (a few levels). `shared`:
 * the other files of the same pipeline (GitLab merges included files), read only for the image.
 */
function extendsChain(root: YAMLMap, job: YAMLMap, shared: readonly YAMLMap[] = []): YAMLMap[] {
  const chain: YAMLMap[] = [];
  let next = [job];
  for (let depth = 0; depth < 5 && next.length > 0; depth++) {
    const found: YAMLMap[] = [];
    for (const map of next) {
      const ext = nodeOf(map, 'extends');
      const names = isScalar(ext) ? [String(ext.value)] : isSeq(ext) ? ext.items.filter(isScalar).map((i) => String(i.value)).reverse() : [];
      for (const name of names) {
        const template = mapOf(root, name) ?? shared.map((other) => mapOf(other, name)).find((t) => t !== undefined);
        if (template && !chain.includes(template)) found.push(template);
      }
    }
    chain.push(...found);
    next = found;
  }
  return chain;
}

/**
 * Where a job's scripts come from: its own keys, else the nearest template's, and the templates'
 * keys its lists `!reference`. Each as [map, key]: the place a token line would be removed.
 */
function scriptSources(root: YAMLMap, job: YAMLMap, key: string): Array<[YAMLMap, string]> {
  const owner = [job, ...extendsChain(root, job)].find((map) => nodeOf(map, key) !== undefined);
  if (!owner) return [];
  const refs = (isSeq(nodeOf(owner, key)) ? (nodeOf(owner, key) as { items: unknown[] }).items : []).map(referenceOf).filter((r) => r !== undefined);
  return [[owner, key], ...refs.map((r): [YAMLMap, string] | undefined => (mapOf(root, r.template) ? [mapOf(root, r.template)!, r.key] : undefined)).filter((r) => r !== undefined)];
}

function gitlabJobs(root: YAMLMap): Array<{ id: string; node: YAMLMap }> {
  return root.items
    .filter((item) => isScalar(item.key) && !(GITLAB_GLOBAL_KEYWORDS as readonly string[]).includes(String(item.key.value)) && isMap(item.value))
    .map((item) => ({ id: String((item.key as Scalar).value), node: item.value as YAMLMap }))
    .filter((job) => nodeOf(job.node, 'script') !== undefined || nodeOf(job.node, 'extends') !== undefined);
}

/**
 * `publish`: the repository as the publish rule reads it. A job that runs a repository script which
 * publishes (`bash ci/publish.sh`) publishes, and that script's token lines go too (returned by path).
 */
function migrateGitlab(doc: Document, root: YAMLMap, changes: string[], left: string[], shared: readonly YAMLMap[] = [], publish: PublishContext = {}): Map<string, { before: string; after: string }> {
  const scripts = new Map<string, { before: string; after: string }>();
  const jobs = gitlabJobs(root).filter((job) => !job.id.startsWith('.'));
  const scriptOf = (job: YAMLMap) => scriptSources(root, job, 'script').map(([map, key]) => textIn(nodeOf(map, key))).join('\n');
  const publishesLine = (line: string) => runsPublish(line) || (publish.readFile !== undefined && runPublishesWith(line, publish));
  const publishing = jobs.filter((job) => scriptOf(job.node).split('\n').some(publishesLine));
  if (publishing.length === 0) return scripts;
  // Templates the publishing jobs take scripts from (extends, !reference): their token lines go
  // when no other job uses them; a template shared with other jobs is named instead.
  const sources = (job: YAMLMap) => ['before_script', 'script'].flatMap((key) => scriptSources(root, job, key)).filter(([map]) => map !== job);
  const others = jobs.filter((job) => !publishing.includes(job)).flatMap((job) => sources(job.node).map(([map]) => map));
  for (const job of publishing) {
    for (const [map, key] of sources(job.node)) {
      const name = root.items.find((item) => item.value === map)?.key;
      const where = `template "${isScalar(name) ? String(name.value) : '?'}"`;
      if (!WRITES_TOKEN.test(textIn(nodeOf(map, key)))) continue;
      if (others.includes(map)) {
        left.push(`${where} writes an _authToken in its ${key} and other jobs use it too: remove that line once they no longer need the token.`);
        continue;
      }
      dropTokenLines(map, key, where, changes);
      if (nodeOf(map, key) !== undefined || !isScalar(name)) continue;
      // Its list is gone: so go the publishing jobs' `!reference`s to it, and the template when nothing is left.
      for (const list of publishing.flatMap((j) => ['before_script', 'script'].map((k) => nodeOf(j.node, k)))) {
        if (!isSeq(list)) continue;
        list.items = list.items.filter((item) => { const r = referenceOf(item); return !(r && r.template === String(name.value) && r.key === key); });
      }
      if (map.items.length === 0) removeKey(root, String(name.value));
    }
  }
  for (const parent of [root, mapOf(root, 'default')]) if (parent) dropTokenLines(parent, 'before_script', parent === root ? 'top-level before_script' : 'default before_script', changes);
  const imageAt = (top: YAMLMap) => textOf(top, 'image') ?? textOf(mapOf(top, 'default'), 'image') ?? textOf(mapOf(mapOf(top, 'default'), 'image'), 'name');
  const topImage = [root, ...shared].map(imageAt).find((v) => v !== undefined);
  for (const job of publishing) {
    const where = `job "${job.id}"`;
    // The repository scripts it runs lose their token lines (or the migration stops, naming the line).
    const runs = ['before_script', 'script'].flatMap((key) => scriptSources(root, job.node, key)).map(([map, key]) => textIn(nodeOf(map, key))).join('\n');
    for (const [path, edit] of scriptEdits(runs, where, publish.readFile)) {
      if (scripts.has(path)) continue;
      scripts.set(path, edit);
      changes.push(`${where}: ${path} no longer writes or checks the npm token`);
    }
    dropTokenLines(job.node, 'before_script', where, changes);
    dropTokenLines(job.node, 'script', where, changes);
    const variables = mapOf(job.node, 'variables');
    for (const name of ['NPM_TOKEN', 'NODE_AUTH_TOKEN', 'NPM_AUTH_TOKEN']) {
      if (variables && removeKey(variables, name)) changes.push(`${where}: no longer sets ${name}`);
    }
    if (variables && variables.items.length === 0) removeKey(job.node, 'variables');
    if (!mapOf(job.node, 'id_tokens')) {
      const tokens = doc.createNode({ NPM_ID_TOKEN: { aud: 'npm:registry.npmjs.org' }, SIGSTORE_ID_TOKEN: { aud: 'sigstore' } }) as YAMLMap;
      insertBefore(doc, job.node, 'id_tokens', tokens, ['before_script', 'script']);
      changes.push(`${where}: id_tokens NPM_ID_TOKEN (aud npm:registry.npmjs.org) and SIGSTORE_ID_TOKEN (provenance)`);
    }
    const image = [job.node, ...extendsChain(root, job.node, shared)].map((map) => textOf(map, 'image') ?? textOf(mapOf(map, 'image'), 'name')).find((v) => v !== undefined) ?? topImage;
    const major = nodeImageMajor(image);
    if (major === 'new' || (typeof major === 'number' && major >= 24)) continue;
    if (typeof major === 'number') {
      setImage(job.node, doc, 'node:24');
      changes.push(`${where}: image node:24 instead of ${image} (npm 11.5.1 or newer)`);
      continue;
    }
    left.push(`${where} runs on ${image ?? 'the runner default image'}: make sure its npm is 11.5.1 or newer (Node 24).`);
  }
  return scripts;
}

/** GitLab's job image: a key set twice would be invalid, so the new one replaces an old one. */
function setImage(job: YAMLMap, doc: Document, image: string): void {
  const node = nodeOf(job, 'image');
  if (isScalar(node)) node.value = image;
  else insertBefore(doc, job, 'image', image, ['stage', 'id_tokens', 'before_script', 'script']);
}

/**
 * Migrates one GitLab or CircleCI file; throws MigrateError when it cannot be read. `pipeline`: the
 * CI files read with it; the other GitLab ones (the top-level file and its includes) lend their
 * templates and top-level image to this file's jobs.
 */
export function migrateCiFile(file: CiFile, pipeline: readonly CiFile[] = [], publish: PublishContext = {}): CiMigration {
  const tooLarge = oversizeFile(file.content);
  if (tooLarge) throw new MigrateError(`${file.path} is not migrated: ${tooLarge}. Split it first (include: / orbs), then migrate again.`);
  const doc = parseYamlFile(file.content, { customTags: [REFERENCE] });
  if (doc.errors.length > 0) throw new MigrateError(`${file.path} is not valid YAML (${doc.errors[0]!.message.split('\n')[0]}): fix it first.`);
  if (!isMap(doc.contents)) throw new MigrateError(`${file.path} has no top-level mapping.`);
  const options = printOptions(doc, file.content);
  const untouched = doc.toString(options);
  const changes: string[] = [];
  const left: string[] = [];
  const shared = pipeline
    .filter((other) => other.provider === 'gitlab' && other.path !== file.path)
    .map((other): unknown => parseYamlFile(other.content, { customTags: [REFERENCE] }).contents)
    .filter((root): root is YAMLMap => isMap(root));
  const scripts = file.provider === 'gitlab' ? migrateGitlab(doc, doc.contents as YAMLMap, changes, left, shared, publish) : migrateCircle(doc, doc.contents as YAMLMap, changes, left, publish);
  const after = mergeEdits(file.content, untouched, doc.toString(options), doc);
  // What still names the token once the file is written, each line as doctor reports it.
  if (after !== file.content) {
    for (const use of scanCiFile(file.path, after).tokenUses) {
      left.push(`still names ${use.what} (${use.file}:${use.line}): keep it only if it is a read-only token for installing private dependencies, and remove that use before you delete the variable.`);
    }
  }
  return { path: file.path, before: file.content, after, changes: after === file.content ? [] : changes, left, scripts: after === file.content ? new Map() : scripts };
}
