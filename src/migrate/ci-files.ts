// --migrate for .gitlab-ci.yml and .circleci/config.yml: the token jobs converted in place.
// GitLab: the job declares `id_tokens` NPM_ID_TOKEN (aud npm:registry.npmjs.org, npm reads it)
// and SIGSTORE_ID_TOKEN (provenance). CircleCI: the publish step exports the ID token from
// `circleci run oidc get` with that audience (npm 11.11.0+). Lines that write an _authToken go;
// everything else stays byte for byte (the same line merge as workflows).
import { isMap, isScalar, isSeq, parseDocument, Scalar, type Document, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import type { CiFile } from '../model.js';
import { runsPublish } from '../detect/workflows.js';
import { CIMG_NODE_FOR_MAJOR } from '../providers/circleci-validate.js';
import { GITLAB_GLOBAL_KEYWORDS } from '../providers/gitlab.js';
import { MigrateError } from './errors.js';
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
const ID_TOKEN_EXPORT = `NPM_ID_TOKEN="$(circleci run oidc get --claims '{"aud": "npm:registry.npmjs.org"}')"\nexport NPM_ID_TOKEN`;

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

/** `node:14`, `cimg/node:18.20`, `circleci/node:10.16.3` -> 14, 18, 10; undefined for other images. */
function nodeImageMajor(image: string | undefined): number | 'new' | undefined {
  const match = /^(?:docker\.io\/)?(?:library\/)?(?:node|cimg\/node|circleci\/node):([\w.-]+)$/.exec(image?.trim() ?? '');
  if (!match) return undefined;
  if (/^(?:latest|current|lts|krypton)\b/.test(match[1]!)) return 'new';
  const major = /^(\d+)/.exec(match[1]!);
  return major ? Number(major[1]) : undefined;
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

function circleSteps(job: YAMLMap): Array<{ step: Node; command: Scalar | undefined; holder: YAMLMap | undefined }> {
  const steps = nodeOf(job, 'steps');
  if (!isSeq(steps)) return [];
  return steps.items.map((step) => {
    if (!isMap(step)) return { step: step as Node, command: undefined, holder: undefined };
    for (const kind of ['run', 'deploy']) {
      const body = nodeOf(step, kind);
      if (isScalar(body)) return { step, command: body, holder: step };
      if (isMap(body) && isScalar(nodeOf(body, 'command'))) return { step, command: nodeOf(body, 'command') as Scalar, holder: body };
    }
    return { step, command: undefined, holder: undefined };
  });
}

function migrateCircle(doc: Document, root: YAMLMap, changes: string[], left: string[]): void {
  for (const item of mapOf(root, 'jobs')?.items ?? []) {
    if (!isScalar(item.key) || !isMap(item.value)) continue;
    const job = item.value;
    const where = `job "${String(item.key.value)}"`;
    const steps = circleSteps(job);
    if (!steps.some((s) => s.command && String(s.command.value).split('\n').some(runsPublish))) continue;
    const seq = nodeOf(job, 'steps') as YAMLSeq;
    for (const { step, command } of steps) {
      if (!command || !WRITES_TOKEN.test(String(command.value))) continue;
      const kept = String(command.value).split('\n').filter((line) => !WRITES_TOKEN.test(line));
      if (kept.every((line) => line.trim() === '')) seq.items.splice(seq.items.indexOf(step), 1);
      else command.value = kept.join('\n');
      changes.push(`${where}: removed the step that wrote an _authToken to .npmrc`);
    }
    for (const { command } of steps) {
      const text = String(command?.value ?? '');
      if (!command || !text.split('\n').some(runsPublish) || text.includes('circleci run oidc get')) continue;
      const out = text.split('\n');
      const at = out.findIndex(runsPublish);
      const indent = /^\s*/.exec(out[at]!)![0];
      out.splice(at, 0, ...ID_TOKEN_EXPORT.split('\n').map((line) => indent + line));
      command.value = out.join('\n').replace(/\n*$/, '\n');
      command.type = Scalar.BLOCK_LITERAL;
      changes.push(`${where}: the publish step exports NPM_ID_TOKEN from circleci run oidc get (aud npm:registry.npmjs.org)`);
    }
    const docker = nodeOf(job, 'docker');
    const image = isSeq(docker) && isMap(docker.items[0]) ? textOf(docker.items[0] as YAMLMap, 'image') : undefined;
    const major = nodeImageMajor(image);
    const tag = `cimg/node:${CIMG_NODE_FOR_MAJOR[24]}`;
    if (typeof major === 'number' && major < 24 && isSeq(docker)) {
      (nodeOf(docker.items[0] as YAMLMap, 'image') as Scalar).value = tag;
      changes.push(`${where}: image ${tag} instead of ${image} (CircleCI needs npm 11.11.0 or newer)`);
    } else if (docker === undefined && nodeOf(job, '<<') !== undefined) {
      // The executor comes from a merged anchor: the job gets its own, the others keep theirs.
      insertBefore(doc, job, 'docker', [{ image: tag }], ['steps']);
      changes.push(`${where}: its own docker image ${tag} (CircleCI needs npm 11.11.0 or newer; the shared anchor is left as it is)`);
    } else if (major !== 'new' && !(typeof major === 'number' && major >= 24)) {
      left.push(`${where}: check that its image has npm 11.11.0 or newer (CircleCI trusted publishing needs it).`);
    }
    left.push(`${where}: on npmjs.com, the CircleCI trusted publisher needs the organization, project and pipeline definition IDs (Project Settings → Overview and Project Setup).`);
  }
}

/** Migrates one GitLab or CircleCI file; throws MigrateError when it cannot be read. */
export function migrateCiFile(file: CiFile): CiMigration {
  const doc = parseDocument(file.content, { uniqueKeys: true, merge: false });
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
