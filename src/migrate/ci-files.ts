// --migrate for .gitlab-ci.yml and .circleci/config.yml: the token jobs converted in place.
// GitLab: the job declares `id_tokens` NPM_ID_TOKEN (aud npm:registry.npmjs.org, npm reads it)
// and SIGSTORE_ID_TOKEN (provenance). CircleCI: the publish step exports the ID token from
// `circleci run oidc get` with that audience (npm 11.11.0+). Lines that write an _authToken go;
// everything else stays byte for byte (the same line merge as workflows).
import { isMap, isScalar, isSeq, Scalar, type Document, type Node, type YAMLMap } from 'yaml';
import type { CiFile } from '../core/model.js';
import { runsPublish } from '../detect/workflows.js';
import { migrateCircle, nodeImageMajor } from './circleci.js';
import { GITLAB_GLOBAL_KEYWORDS } from '../providers/gitlab/job.js';
import { MigrateError } from './errors.js';
import { oversizeFile, parseYamlFile } from '../core/yaml-text.js';
import { mergeEdits, printOptions } from './format.js';
import { insertBefore, mapOf, nodeOf, removeKey, textOf } from './nodes.js';

export interface CiMigration {
  path: string;
  before: string;
  after: string;
  changes: string[];
  left: string[];
}

const TOKEN_LINE = /_authToken|\bNPM_TOKEN\b|\bNODE_AUTH_TOKEN\b/;
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

function gitlabJobs(root: YAMLMap): Array<{ id: string; node: YAMLMap }> {
  return root.items
    .filter((item) => isScalar(item.key) && !(GITLAB_GLOBAL_KEYWORDS as readonly string[]).includes(String(item.key.value)) && isMap(item.value))
    .map((item) => ({ id: String((item.key as Scalar).value), node: item.value as YAMLMap }))
    .filter((job) => nodeOf(job.node, 'script') !== undefined || nodeOf(job.node, 'extends') !== undefined);
}

function migrateGitlab(doc: Document, root: YAMLMap, changes: string[], left: string[]): void {
  const publishing = gitlabJobs(root).filter((job) => textIn(nodeOf(job.node, 'script')).split('\n').some(runsPublish));
  if (publishing.length === 0) return;
  for (const parent of [root, mapOf(root, 'default')]) if (parent) dropTokenLines(parent, 'before_script', parent === root ? 'top-level before_script' : 'default before_script', changes);
  const topImage = textOf(root, 'image') ?? textOf(mapOf(root, 'default'), 'image') ?? textOf(mapOf(mapOf(root, 'default'), 'image'), 'name');
  for (const job of publishing) {
    const where = `job "${job.id}"`;
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
    const image = textOf(job.node, 'image') ?? topImage;
    const major = nodeImageMajor(image);
    if (major === 'new' || (typeof major === 'number' && major >= 24)) continue;
    if (typeof major === 'number') {
      setImage(job.node, doc, 'node:24');
      changes.push(`${where}: image node:24 instead of ${image} (npm 11.5.1 or newer)`);
      continue;
    }
    left.push(`${where} runs on ${image ?? 'the runner default image'}: make sure its npm is 11.5.1 or newer (Node 24).`);
  }
}

/** GitLab's job image: a key set twice would be invalid, so the new one replaces an old one. */
function setImage(job: YAMLMap, doc: Document, image: string): void {
  const node = nodeOf(job, 'image');
  if (isScalar(node)) node.value = image;
  else insertBefore(doc, job, 'image', image, ['stage', 'id_tokens', 'before_script', 'script']);
}

/** Migrates one GitLab or CircleCI file; throws MigrateError when it cannot be read. */
export function migrateCiFile(file: CiFile): CiMigration {
  const tooLarge = oversizeFile(file.content);
  if (tooLarge) throw new MigrateError(`${file.path} is not migrated: ${tooLarge}. Split it first (include: / orbs), then migrate again.`);
  const doc = parseYamlFile(file.content);
  if (doc.errors.length > 0) throw new MigrateError(`${file.path} is not valid YAML (${doc.errors[0]!.message.split('\n')[0]}): fix it first.`);
  if (!isMap(doc.contents)) throw new MigrateError(`${file.path} has no top-level mapping.`);
  const options = printOptions(doc, file.content);
  const untouched = doc.toString(options);
  const changes: string[] = [];
  const left: string[] = [];
  if (file.provider === 'gitlab') migrateGitlab(doc, doc.contents as YAMLMap, changes, left);
  else migrateCircle(doc, doc.contents as YAMLMap, changes, left);
  const after = mergeEdits(file.content, untouched, doc.toString(options));
  if (after !== file.content && TOKEN_LINE.test(after.split('\n').filter((l) => !/^\s*#/.test(l)).join('\n'))) {
    left.push(`${file.path} still names NPM_TOKEN or NODE_AUTH_TOKEN: remove that use before you delete the variable.`);
  }
  return { path: file.path, before: file.content, after, changes: after === file.content ? [] : changes, left };
}
