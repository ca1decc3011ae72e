// The Node image of a CircleCI job that publishes with trusted publishing: npm 11.11.0 or newer
// reads CircleCI's ID token, so a job known to run an older Node gets a Node 24 image, whether
// the image comes from `docker:`, an anchor, an `executors:` entry or the circleci/node orb.
import { isAlias, isMap, isScalar, isSeq, type Document, type Scalar, type YAMLMap } from 'yaml';
import { CIMG_NODE_FOR_MAJOR } from '../providers/circleci/validate.js';
import { insertBefore, mapOf, nodeOf, textOf } from './nodes.js';

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

/** `alias/command` invocations of orbs the file declares (`orbs: npm: takescoop/npm@1.2.3`). */
export function orbsOf(root: YAMLMap): Map<string, string> {
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
export function ensureImage(doc: Document, root: YAMLMap, job: YAMLMap, id: string, publishingJobs: ReadonlySet<string>, changes: string[], left: string[]): void {
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
