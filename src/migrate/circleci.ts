// --migrate for .circleci/config.yml: the jobs that publish, with what they reach: reusable
// `commands:` (their steps are edited where they are defined), steps shared through YAML
// anchors, and the image from `docker:`, an anchor, an `executors:` entry or the circleci/node
// orb. The publish step exports the ID token from `circleci run oidc get` (npm 11.11.0+ reads
// NPM_ID_TOKEN); steps that only write an _authToken go. An orb command that may write or use
// the token is refused: its steps live in the orb registry, not in this file. The job's image is
// circleci-image.ts.
import { isAlias, isMap, isScalar, isSeq, Scalar, type Document, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { runsPublish } from '../detect/workflow-scan.js';
import { runPublishesWith, type PublishContext } from '../audit/publish-rule.js';
import { scriptEdits } from './scripts.js';
import { TOKEN_ONLY_ORB_COMMANDS } from '../detect/ci-files.js';
import { ensureImage, orbsOf } from './circleci-image.js';
import { MigrateError } from './errors.js';
import { mapOf, nodeOf, removeKey, removeItem } from './nodes.js';

const WRITES_TOKEN = /_authToken/;
const ID_TOKEN_EXPORT = `NPM_ID_TOKEN="$(circleci run oidc get --claims '{"aud": "npm:registry.npmjs.org"}')"\nexport NPM_ID_TOKEN`;

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
