// --migrate for .circleci/config.yml: the jobs that publish, with what they reach: reusable
// `commands:` (their steps are edited where they are defined), steps shared through YAML
// anchors, and the image from `docker:`, an anchor, an `executors:` entry or the circleci/node
// orb. The publish step exports the ID token from `circleci run oidc get` (npm 11.11.0+ reads
// NPM_ID_TOKEN); steps that only write an _authToken go. An orb command that may write or use
// the token is refused: its steps live in the orb registry, not in this file.
import { isAlias, isMap, isScalar, isSeq, Scalar, type Document, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { runsPublish } from '../detect/workflow-scan.js';
import { runPublishesWith, type PublishContext } from '../audit/publish-rule.js';
import { scriptEdits } from './scripts.js';
import { TOKEN_ONLY_ORB_COMMANDS } from '../detect/ci-files.js';
import { CIMG_NODE_FOR_MAJOR } from '../providers/circleci/validate.js';
import { MigrateError } from './errors.js';
import { insertBefore, mapOf, nodeOf, removeKey, textOf, removeItem } from './nodes.js';

const WRITES_TOKEN = /_authToken/;
const ID_TOKEN_EXPORT = `NPM_ID_TOKEN="$(circleci run oidc get --claims '{"aud": "npm:registry.npmjs.org"}')"\nexport NPM_ID_TOKEN`;
const CIMG_24 = `cimg/node:${CIMG_NODE_FOR_MAJOR[24]}`;

/** `node:14`, `cimg/node:18.20`, `circleci/node:10.16.3` -> 14, 18, 10; 'new' for lts/current; undefined for other images. */
export function nodeImageMajor(image: string | undefined): number | 'new' | undefined {
  const match = /^(?:docker\.io\/)?(?:library\/)?(?:node|cimg\/node|circleci\/node):([\w.-]+)$/.exec(image?.trim() ?? '');
  if (!match) return undefined;
  return nodeTagMajor(match[1]!);
}

function nodeTagMajor(tag: string): number | 'new' | undefined {
  if (/^(?:latest|current|lts|krypton)\b/.test(tag)) return 'new';
  const major = /^(\d+)/.exec(tag);
  return major ? Number(major[1]) : undefined;
}

const isOld = (major: number | 'new' | undefined) => typeof major === 'number' && major < 24;

interface CircleStep {
  /** The item of the steps list (a map, a command name, or an alias of an anchored step). */
  item: unknown;
  /** The step map itself (the anchored one for an alias). */
  step: YAMLMap | undefined;
  command: Scalar | undefined;
  /** The command or orb command the step invokes (`publish`, `npm/login`). */
  invokes: string | undefined;
}

function circleSteps(doc: Document, holder: YAMLMap): CircleStep[] {
  const steps = nodeOf(holder, 'steps');
  if (!isSeq(steps)) return [];
  return steps.items.map((item) => {
    const resolved = isAlias(item) ? item.resolve(doc) : item;
    if (isScalar(resolved)) return { item, step: undefined, command: undefined, invokes: String(resolved.value) };
    if (!isMap(resolved)) return { item, step: undefined, command: undefined, invokes: undefined };
    for (const kind of ['run', 'deploy']) {
      const body = nodeOf(resolved, kind);
      if (isScalar(body)) return { item, step: resolved, command: body, invokes: undefined };
      if (isMap(body) && isScalar(nodeOf(body, 'command'))) return { item, step: resolved, command: nodeOf(body, 'command') as Scalar, invokes: undefined };
    }
    const only = resolved.items.length === 1 && isScalar(resolved.items[0]!.key) ? String((resolved.items[0]!.key as Scalar).value) : undefined;
    return { item, step: resolved, command: undefined, invokes: only };
  });
}

/**
 * The repository as the publish rule reads it: a step that runs a repository script which publishes
 * (`./scripts/npm-publish.sh`) publishes, and that script's token lines go too (`scripts`, by path).
 */
interface CircleRepo {
  publishesLine: (line: string) => boolean;
  publishes: (s: CircleStep) => boolean;
  readFile: PublishContext['readFile'];
  scripts: Map<string, { before: string; after: string }>;
}

function circleRepo(context: PublishContext): CircleRepo {
  const publishesLine = (line: string) => runsPublish(line) || (context.readFile !== undefined && runPublishesWith(line, context));
  return { publishesLine, publishes: (s) => s.command !== undefined && String(s.command.value).split('\n').some(publishesLine), readFile: context.readFile, scripts: new Map() };
}

const writesToken = (s: CircleStep) => s.command !== undefined && WRITES_TOKEN.test(String(s.command.value));

/** The steps of a job or a command: token lines go (a step left empty goes), the publish exports the ID token. */
function editSteps(doc: Document, holder: YAMLMap, where: string, changes: string[], repo: CircleRepo): void {
  const seq = nodeOf(holder, 'steps') as YAMLSeq;
  for (const s of circleSteps(doc, holder)) {
    if (!writesToken(s)) continue;
    const kept = String(s.command!.value).split('\n').filter((line) => !WRITES_TOKEN.test(line));
    if (kept.every((line) => line.trim() === '')) removeItem(seq, s.item as never);
    else s.command!.value = kept.join('\n');
    changes.push(`${where}: removed the step that wrote an _authToken to .npmrc`);
  }
  for (const s of circleSteps(doc, holder)) {
    const text = String(s.command?.value ?? '');
    if (!s.command || !repo.publishes(s) || text.includes('circleci run oidc get')) continue;
    // A repository script it runs loses its token lines (or the migration stops, naming the script).
    for (const [path, edit] of scriptEdits(text, where, repo.readFile)) {
      if (repo.scripts.has(path)) continue;
      repo.scripts.set(path, edit);
      changes.push(`${where}: ${path} no longer writes or checks the npm token`);
    }
    const out = text.split('\n');
    const at = out.findIndex(repo.publishesLine);
    const indent = /^\s*/.exec(out[at]!)![0];
    out.splice(at, 0, ...ID_TOKEN_EXPORT.split('\n').map((line) => indent + line));
    s.command.value = out.join('\n').replace(/\n*$/, '\n');
    s.command.type = Scalar.BLOCK_LITERAL;
    changes.push(`${where}: the publish step exports NPM_ID_TOKEN from circleci run oidc get (aud npm:registry.npmjs.org)`);
  }
}

/** Top-level anchors (`npm-login: &npm-login`) no alias uses any more, and that only wrote the token: they go. */
function dropUnusedTokenAnchors(root: YAMLMap, changes: string[]): void {
  const used = new Set<string>();
  const walk = (node: unknown): void => {
    if (isAlias(node)) used.add(node.source);
    else if (isMap(node)) node.items.forEach((p) => { walk(p.key); walk(p.value); });
    else if (isSeq(node)) node.items.forEach(walk);
  };
  walk(root);
  for (const pair of [...root.items]) {
    const value = pair.value as Node | null;
    if (!value || !(isMap(value) || isScalar(value)) || !value.anchor || used.has(value.anchor) || !isScalar(pair.key)) continue;
    if (!WRITES_TOKEN.test(JSON.stringify(value.toJSON()))) continue;
    removeKey(root, String(pair.key.value));
    changes.push(`top level: removed ${String(pair.key.value)} (a step that wrote an _authToken, no longer used)`);
  }
}

/** An orb command known to do nothing but write the token (detect's table). */
const tokenOnlyOrbCommand = (orb: string | undefined, invokes: string) =>
  orb !== undefined && (TOKEN_ONLY_ORB_COMMANDS[orb.replace(/@.*$/, '')] ?? []).includes(invokes.slice(invokes.indexOf('/') + 1));

/** `alias/command` invocations of orbs the file declares (`orbs: npm: takescoop/npm@1.2.3`). */
function orbsOf(root: YAMLMap): Map<string, string> {
  const orbs = new Map<string, string>();
  for (const item of mapOf(root, 'orbs')?.items ?? []) {
    if (isScalar(item.key) && isScalar(item.value)) orbs.set(String(item.key.value), String(item.value.value));
  }
  return orbs;
}

/** What the job names as its executor: `executor: x` or `executor: { name: x, ...parameters }`. */
function executorOf(job: YAMLMap): { name: string; params: YAMLMap | undefined } | undefined {
  const node = nodeOf(job, 'executor');
  if (isScalar(node)) return { name: String(node.value), params: undefined };
  if (isMap(node) && textOf(node, 'name')) return { name: textOf(node, 'name')!, params: node };
  return undefined;
}

/** The first image of a `docker:` list (or an alias of one), as plain data. */
function dockerList(doc: Document, node: unknown): Array<Record<string, unknown>> | undefined {
  const resolved = isAlias(node) ? node.resolve(doc) : node;
  if (!isSeq(resolved)) return undefined;
  const data = doc.createNode(resolved).toJSON() as unknown;
  return Array.isArray(data) ? (data as Array<Record<string, unknown>>) : undefined;
}

const withImage = (list: Array<Record<string, unknown>>) => list.map((entry, i) => (i === 0 ? { ...entry, image: CIMG_24 } : entry));

/** The publishing job runs npm 11.11.0 or newer: a Node 24 image where the job's image is known to be older. */
function ensureImage(doc: Document, root: YAMLMap, job: YAMLMap, id: string, publishingJobs: ReadonlySet<string>, changes: string[], left: string[]): void {
  const where = `job "${id}"`;
  const docker = nodeOf(job, 'docker');
  if (isSeq(docker) && isMap(docker.items[0])) {
    const image = textOf(docker.items[0] as YAMLMap, 'image');
    const major = nodeImageMajor(image);
    if (isOld(major)) {
      (nodeOf(docker.items[0] as YAMLMap, 'image') as Scalar).value = CIMG_24;
      changes.push(`${where}: image ${CIMG_24} instead of ${image} (CircleCI needs npm 11.11.0 or newer)`);
    } else if (major === undefined) left.push(`${where}: check that its image ${image ?? ''} has npm 11.11.0 or newer (CircleCI trusted publishing needs it).`);
    return;
  }
  if (isAlias(docker)) {
    // `docker: *node-image`: the job gets its own copy with a Node 24 image; the others keep the anchor.
    const list = dockerList(doc, docker);
    const image = list?.[0]?.image;
    if (list && typeof image === 'string' && isOld(nodeImageMajor(image))) {
      (job.items.find((p) => isScalar(p.key) && p.key.value === 'docker')!).value = doc.createNode(withImage(list));
      changes.push(`${where}: its own docker image ${CIMG_24} instead of ${image} from *${docker.source} (CircleCI needs npm 11.11.0 or newer; the anchor is left as it is)`);
      return;
    }
    if (!(list && typeof image === 'string' && nodeImageMajor(image) !== undefined)) left.push(`${where}: check that its image has npm 11.11.0 or newer (CircleCI trusted publishing needs it).`);
    return;
  }
  if (docker === undefined && nodeOf(job, '<<') !== undefined && nodeOf(job, 'executor') === undefined) {
    // The executor comes from a merged anchor: the job gets its own, the others keep theirs.
    insertBefore(doc, job, 'docker', [{ image: CIMG_24 }], ['steps']);
    changes.push(`${where}: its own docker image ${CIMG_24} (CircleCI needs npm 11.11.0 or newer; the shared anchor is left as it is)`);
    return;
  }
  const executor = executorOf(job);
  if (executor) {
    const orb = orbsOf(root).get(executor.name.split('/')[0]!);
    const defined = mapOf(mapOf(root, 'executors'), executor.name);
    if (defined) return ensureExecutorImage(doc, root, job, id, executor, defined, publishingJobs, changes, left);
    if (orb && /^circleci\/node@/.test(orb) && executor.name.endsWith('/default')) {
      const tag = textOf(executor.params, 'tag');
      const major = tag === undefined ? undefined : nodeTagMajor(tag);
      const others = (executor.params?.items ?? []).filter((p) => isScalar(p.key) && !['name', 'tag'].includes(String(p.key.value)));
      if ((tag === undefined || isOld(major)) && others.length === 0) {
        // The orb's default executor is a Node image of that tag (its own default when none is
        // given, which this file does not say): the job names its Node 24 image itself.
        const pair = job.items.find((p) => isScalar(p.key) && p.key.value === 'executor')!;
        pair.key = doc.createNode('docker');
        pair.value = doc.createNode([{ image: CIMG_24 }]);
        changes.push(`${where}: docker image ${CIMG_24} instead of ${orb}'s ${executor.name} executor${tag === undefined ? ' (its default Node)' : ` with Node ${tag}`} (CircleCI needs npm 11.11.0 or newer)`);
        return;
      }
      if (major === 'new' || (typeof major === 'number' && major >= 24)) return;
    }
  }
  left.push(`${where}: check that its image has npm 11.11.0 or newer (CircleCI trusted publishing needs it).`);
}

/** An `executors:` entry with an old Node image: changed in place when only publishing jobs use it, else copied for them. */
function ensureExecutorImage(doc: Document, root: YAMLMap, job: YAMLMap, id: string, executor: { name: string; params: YAMLMap | undefined }, defined: YAMLMap, publishingJobs: ReadonlySet<string>, changes: string[], left: string[]): void {
  const where = `job "${id}"`;
  const list = dockerList(doc, nodeOf(defined, 'docker'));
  const image = list?.[0]?.image;
  const major = typeof image === 'string' ? nodeImageMajor(image) : undefined;
  if (!isOld(major)) {
    if (major === undefined) left.push(`${where}: check that executor ${executor.name}'s image has npm 11.11.0 or newer (CircleCI trusted publishing needs it).`);
    return;
  }
  const users = (mapOf(root, 'jobs')?.items ?? []).filter((p) => isScalar(p.key) && isMap(p.value) && executorOf(p.value)?.name === executor.name).map((p) => String((p.key as Scalar).value));
  const docker = nodeOf(defined, 'docker');
  if (users.every((user) => publishingJobs.has(user)) && isSeq(docker) && isMap(docker.items[0])) {
    (nodeOf(docker.items[0] as YAMLMap, 'image') as Scalar).value = CIMG_24;
    changes.push(`executor "${executor.name}": image ${CIMG_24} instead of ${String(image)} (only publishing jobs use it; CircleCI needs npm 11.11.0 or newer)`);
    return;
  }
  const executors = mapOf(root, 'executors')!;
  let name = `${executor.name}-node24`;
  while (mapOf(executors, name)) name += '-publish';
  // Its values as data, aliases resolved (`working_directory: *root` is the anchored path, not a mapping).
  const copy = doc.createNode({ ...(defined.toJS(doc) as Record<string, unknown>), docker: withImage(list!) }) as YAMLMap;
  executors.items.push(doc.createPair(name, copy));
  const node = nodeOf(job, 'executor');
  if (isScalar(node)) node.value = name;
  else (nodeOf(executor.params, 'name') as Scalar).value = name;
  changes.push(`${where}: executor ${name}, a copy of ${executor.name} with image ${CIMG_24} (the other jobs keep ${String(image)}; CircleCI needs npm 11.11.0 or newer)`);
}

/** `publish`: the repository as the publish rule reads it. Returns the edits of the repository scripts the publishing steps run. */
export function migrateCircle(doc: Document, root: YAMLMap, changes: string[], left: string[], publish: PublishContext = {}): Map<string, { before: string; after: string }> {
  const repo = circleRepo(publish);
  migrateCircleJobs(doc, root, changes, left, repo);
  return repo.scripts;
}

function migrateCircleJobs(doc: Document, root: YAMLMap, changes: string[], left: string[], repo: CircleRepo): void {
  const orbs = orbsOf(root);
  // Reusable commands: those that publish are edited where they are defined; those that only
  // write the token are invoked no more from publishing jobs.
  const publishingCommands = new Set<string>();
  const tokenCommands = new Set<string>();
  for (const item of mapOf(root, 'commands')?.items ?? []) {
    if (!isScalar(item.key) || !isMap(item.value)) continue;
    const steps = circleSteps(doc, item.value);
    if (steps.some(repo.publishes)) publishingCommands.add(String(item.key.value));
    else if (steps.some(writesToken) && steps.every((s) => writesToken(s) || !s.command)) tokenCommands.add(String(item.key.value));
  }
  const jobs = (mapOf(root, 'jobs')?.items ?? []).filter((p) => isScalar(p.key) && isMap(p.value)).map((p) => ({ id: String((p.key as Scalar).value), node: p.value as YAMLMap }));
  const publishing = jobs.filter((job) => circleSteps(doc, job.node).some((s) => repo.publishes(s) || (s.invokes !== undefined && publishingCommands.has(s.invokes))));
  const publishingIds = new Set(publishing.map((job) => job.id));
  for (const job of publishing) {
    for (const s of circleSteps(doc, job.node)) {
      const orb = s.invokes?.includes('/') ? orbs.get(s.invokes.split('/')[0]!) : undefined;
      if (orb && !/^circleci\//.test(orb) && !tokenOnlyOrbCommand(orb, s.invokes!) && /login|auth|token|publish|release|npmrc/i.test(s.invokes!)) {
        throw new MigrateError(
          `job "${job.id}" runs ${s.invokes} from the orb ${orb}, whose steps live in the CircleCI orb registry, not in this file: this tool cannot tell whether it writes or uses an npm token. Replace it with plain steps (\`npm publish\`, no .npmrc token), then migrate again.`,
        );
      }
    }
  }
  for (const name of publishingCommands) editSteps(doc, mapOf(mapOf(root, 'commands'), name)!, `command "${name}"`, changes, repo);
  for (const job of publishing) {
    const where = `job "${job.id}"`;
    const seq = nodeOf(job.node, 'steps') as YAMLSeq;
    for (const s of circleSteps(doc, job.node)) {
      if (s.invokes !== undefined && (tokenCommands.has(s.invokes) || tokenOnlyOrbCommand(orbs.get(s.invokes.split('/')[0]!), s.invokes))) {
        removeItem(seq, s.item as never);
        changes.push(`${where}: no longer runs ${s.invokes.includes('/') ? `${s.invokes} (orb ${orbs.get(s.invokes.split('/')[0]!)})` : `command "${s.invokes}"`} (it writes an _authToken to .npmrc)`);
      } else if (isAlias(s.item) && writesToken(s) && String(s.command!.value).split('\n').every((line) => WRITES_TOKEN.test(line) || line.trim() === '')) {
        removeItem(seq, s.item as never);
        changes.push(`${where}: no longer runs *${s.item.source} (it wrote an _authToken to .npmrc)`);
      }
    }
    editSteps(doc, job.node, where, changes, repo);
    ensureImage(doc, root, job.node, job.id, publishingIds, changes, left);
    left.push(`${where}: on npmjs.com, the CircleCI trusted publisher needs the organization, project and pipeline definition IDs (Project Settings → Overview and Project Setup).`);
  }
  // Commands no job runs any more, that only wrote the token.
  const stillUsed = new Set(jobs.flatMap((job) => circleSteps(doc, job.node).map((s) => s.invokes)));
  for (const name of tokenCommands) {
    if (stillUsed.has(name)) continue;
    removeKey(mapOf(root, 'commands'), name);
    changes.push(`commands: removed "${name}" (it wrote an _authToken to .npmrc; no job runs it any more)`);
  }
  if (mapOf(root, 'commands')?.items.length === 0) removeKey(root, 'commands');
  // Orbs nothing refers to any more (their only use was a token command).
  const text = JSON.stringify(root.toJSON());
  for (const [alias, orb] of orbs) {
    if (!tokenOnlyOrbCommand(orb, `${alias}/${(TOKEN_ONLY_ORB_COMMANDS[orb.replace(/@.*$/, '')] ?? [])[0] ?? ''}`)) continue;
    if (text.includes(`"${alias}/`)) continue;
    removeKey(mapOf(root, 'orbs'), alias);
    changes.push(`orbs: removed ${alias} (${orb}): no job uses it any more`);
  }
  if (mapOf(root, 'orbs')?.items.length === 0) removeKey(root, 'orbs');
  dropUnusedTokenAnchors(root, changes);
}
