// pascalgn/npm-publish-action cannot publish with trusted publishing: it is a Docker action whose
// image is node:12-alpine (npm 6, no OIDC exchange) and whose default publish is Yarn 1's
// `yarn publish` (no OIDC exchange either). Read at pascalgn/npm-publish-action@5994a39d (the
// repository's last commit, April 2022, tag 1.3.9; the snapshot read is that commit): action.yml,
// Dockerfile and index.js. The 1.x tags and commits the workflows pin (1.3.3 to 1.3.8, 4f4bf15,
// 06e0830) differ only by inputs added later (workspace, publish_command/publish_args, create_tag).
// What index.js does, in order:
//   - the folder is `workspace` (default the checkout); no package.json there is a quiet success;
//   - a commit of the push event (`commits` of the payload) whose message matches `commit_pattern`
//     (default `^(?:Release|Version) (\S+)`, a JavaScript regular expression) must name the
//     package.json version in its first group, else it stops with success and publishes nothing;
//   - unless create_tag is "false": an existing tag `tag_name` (default `v%s`, %s the version; a
//     value without %s stops it with an error before anything) is a quiet success, else it makes an
//     annotated tag with `tag_message` as the repository owner and runs `git push origin refs/tags/<tag>`
//     with the checkout's credentials;
//   - it publishes: `yarn publish --non-interactive --new-version <version>` (the same version: no
//     change) for publish_command yarn (the default), `npm publish` for npm, then the words of
//     publish_args; the token reaches Yarn as NPM_AUTH_TOKEN. GITHUB_TOKEN is not read.
// So the step becomes those steps in the job itself: one that finds the release commit and the tag
// (the commit pattern goes through env:), one that tags and pushes, and `npm publish`, which does
// the exchange on npm 11.5.1 or newer (the job's Node is seen to like any other publish).
import { isScalar, type Document, type Node, type YAMLMap } from 'yaml';
import { secretName } from '../detect/workflows.js';
import { isTokenEnv } from '../audit/token-forms.js';
import { MigrateError } from './errors.js';
import type { JobView } from './jobs.js';
import { blockMap, blockScript, mapOf, nodeOf, textOf } from './nodes.js';

const ACTION = /^pascalgn\/npm-publish-action@/i;

/** True for a step that runs pascalgn/npm-publish-action (any ref). */
export const isNpmPublishAction = (uses: string | undefined): boolean => ACTION.test(uses ?? '');

/**
 * What the action's refs read, by release: until 1.3.2 it publishes only from the branch
 * DEFAULT_BRANCH names (default master); `workspace`, `publish_command`/`publish_args` and
 * `create_tag` came with 1.3.4, 1.3.4 and 1.3.6. An input a ref does not read is ignored by it.
 * Refs before 538b538 (1.1.0 and older) fail the run on every push without a release commit: not modelled.
 */
interface Reads { branch: boolean; workspace: boolean; command: boolean; createTag: boolean }
const ERAS: readonly { reads: Reads; refs: readonly string[] }[] = [
  { reads: { branch: true, workspace: false, command: false, createTag: false }, refs: ['538b5388c67a', '4f4bf159e299', 'f93f535ece80', '1.2.0', 'c908b8e07ce4', 'efef88ba2f5e', '3d228dd9d6c7', '1.3.0', 'b6a0b04dca85', '1.3.1', '4fe17d5096ef', '570629ce06ca', '1.3.2'] },
  { reads: { branch: false, workspace: false, command: false, createTag: false }, refs: ['06e0830ea83e', '61940f9dfa13', '1.3.3'] },
  { reads: { branch: false, workspace: true, command: false, createTag: false }, refs: ['f4c2e099eb1a', 'df5ec054c9e8'] },
  { reads: { branch: false, workspace: true, command: true, createTag: false }, refs: ['ea890db5357d', '9954679fe490', '1.3.4', 'f20352042541', '6ad71e68582f', '1.3.5', 'b7110d644a3d', 'f1d935872b7c', '7225f97567ae'] },
  { reads: { branch: false, workspace: true, command: true, createTag: true }, refs: ['b5bb5e243c37', '07e88a42392c', '1.3.6', 'fb8ad99b4985', 'f6302932be3d', '1.3.7', '9059dc62f92c', 'e08353ced754', 'e05dd3cd1341', '1.3.8', 'cddeb3510a07', '374314eadce0', '1.3.9', '5994a39d5a3b', 'master'] },
];

/** What the ref a step pins reads (a full commit SHA by its first twelve digits); undefined for a ref not read here. */
function readsOf(ref: string): Reads | undefined {
  const key = /^[0-9a-f]{40}$/i.test(ref) ? ref.slice(0, 12).toLowerCase() : ref;
  return ERAS.find((era) => era.refs.includes(key))?.reads;
}

const INPUTS = new Set(['commit_pattern', 'tag_name', 'tag_message', 'create_tag', 'workspace', 'publish_command', 'publish_args', 'default_branch']);
/** The variables the action reads before its inputs: set on the step, they win over `with:`. */
const VARIABLES = ['COMMIT_PATTERN', 'TAG_NAME', 'TAG_MESSAGE', 'CREATE_TAG', 'WORKSPACE', 'PUBLISH_COMMAND', 'PUBLISH_ARGS', 'DEFAULT_BRANCH'];
const STEP_KEYS = new Set(['name', 'id', 'uses', 'with', 'env', 'if']);
/** Yarn 1 publish flags `npm publish` takes as they are, and the one that only matters to Yarn. */
const SAME_FLAGS = /^--(?:access|tag)(?:=\S+)?$/;

/** The finder: the action's own checks, with its messages; outputs changed, version, commit, tag and tag-message. */
const finder = (createTag: boolean) => `node -e '
  const fs = require("fs");
  const out = (name, value) => fs.appendFileSync(process.env.GITHUB_OUTPUT, name + "=" + value + "\\n");
  if (!fs.existsSync("package.json")) { console.log("package file not found: package.json"); process.exit(0); }
  const version = JSON.parse(fs.readFileSync("package.json", "utf8")).version;
  if (version == null) { console.log("missing version field!"); process.exit(1); }
  const event = JSON.parse(fs.readFileSync(process.env.GITHUB_EVENT_PATH, "utf8"));
  const found = event.commits.find((c) => { const m = c.message.match(process.env.COMMIT_PATTERN); return m && m[1] === version; });
  if (!found) { console.log("No commit found for version: " + version); process.exit(0); }
${createTag ? `  const tag = process.env.TAG_NAME.replace(/%s/g, version);
  if (require("child_process").spawnSync("git", ["rev-parse", "-q", "--verify", "refs/tags/" + tag]).status === 0) { console.log("Tag already exists: " + tag); process.exit(0); }
  out("tag", tag);
  out("tag-message", process.env.TAG_MESSAGE.replace(/%s/g, version));
  out("tagger-name", event.repository.owner.name);
  out("tagger-email", event.repository.owner.email);
` : ''}  out("changed", "true");
  out("version", version);
  out("commit", found.id);
'
`;

const TAGGER = `git config user.name "$TAGGER_NAME"
git config user.email "$TAGGER_EMAIL"
git tag -a -m "$TAG_MESSAGE" "$TAG_NAME"
git push origin "refs/tags/$TAG_NAME"
`;

/** The `npm publish` line for the action's publish_command and publish_args; undefined when it cannot be told. */
function publishLine(command: string, args: string): { line: string; spaced?: boolean } | undefined {
  const words = args.split(' ').filter((w) => w !== '');
  if (command === 'npm') return { line: ['npm publish', ...words].join(' ') };
  // "npm publish" as one value: the action spawns it as one program name, which does not exist.
  if (/^npm\s+publish$/.test(command.trim()) && words.length === 0) return { line: 'npm publish', spaced: true };
  if (command !== 'yarn') return undefined;
  const kept: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word === '--non-interactive') continue;
    if (!SAME_FLAGS.test(word)) return undefined;
    kept.push(word);
    if (!word.includes('=')) {
      const value = words[++i];
      if (value === undefined || value.startsWith('-')) return undefined;
      kept.push(value);
    }
  }
  return { line: ['npm publish', ...kept].join(' ') };
}

/** A placeholder input (tag_name, tag_message) the action accepts: empty, or holding %s. */
function checkPlaceholder(job: JobView, name: string, value: string | undefined): void {
  if (value === undefined || value === '' || (value.includes('%s') && !value.includes('${{'))) return;
  throw new MigrateError(
    `job "${job.id}" hands pascalgn/npm-publish-action ${name}: ${value}, ${value.includes('${{') ? 'an expression that yields no %s placeholder' : 'which has no %s placeholder'}: the action stops with "missing placeholder in variable: ${name.toUpperCase()}" before it tags or publishes, so this step never published. Give ${name} a %s where the version goes (${name}: "v%s"), then migrate again.`,
  );
}

/** The step's value of one input as the node written in the workflow (its quoting kept). */
const inputNode = (withMap: YAMLMap | undefined, name: string): Node | undefined => nodeOf(withMap, name) as Node | undefined;

/**
 * Each step of the job that runs pascalgn/npm-publish-action becomes the plain steps that do what
 * it did, publishing with `npm publish`; returns the secrets the step was handed.
 */
export function replaceNpmPublishAction(doc: Document, job: JobView, notes: string[], left?: string[]): string[] {
  const secrets: string[] = [];
  for (const step of [...job.steps]) {
    const uses = textOf(step, 'uses');
    if (!isNpmPublishAction(uses)) continue;
    const withMap = mapOf(step, 'with');
    const keys = step.items.map((item) => (isScalar(item.key) ? String(item.key.value) : ''));
    const extra = keys.find((key) => !STEP_KEYS.has(key));
    if (extra !== undefined) throw new MigrateError(`job "${job.id}": the pascalgn/npm-publish-action step sets ${extra}, which this tool does not carry over to the steps that replace the action (it cannot publish with trusted publishing). Replace that step with \`npm publish\` yourself, then migrate again.`);
    const unknown = (withMap?.items ?? []).map((item) => (isScalar(item.key) ? String(item.key.value) : '')).find((key) => !INPUTS.has(key));
    if (unknown !== undefined) throw new MigrateError(`job "${job.id}" hands pascalgn/npm-publish-action the input ${unknown}, which its action.yml does not declare: this tool cannot tell what it meant. Remove it, then migrate again.`);
    const ref = uses!.slice(uses!.indexOf('@') + 1);
    const reads = readsOf(ref);
    if (!reads) throw new MigrateError(`job "${job.id}" runs pascalgn/npm-publish-action@${ref}, a ref this tool has not read (it knows the tags 1.2.0 to 1.3.9, their commits and master): what that version does before it publishes cannot be told here. Pin the step to 1.3.9, then migrate again.`);
    const variable = (mapOf(step, 'env')?.items ?? []).map((item) => (isScalar(item.key) ? String(item.key.value) : '')).find((name) => VARIABLES.includes(name));
    if (variable !== undefined) throw new MigrateError(`job "${job.id}" sets ${variable} in the env of its pascalgn/npm-publish-action step, which the action reads before its inputs: move it to the step's with: as ${variable.toLowerCase()}, then migrate again.`);
    const ignored = ([['workspace', reads.workspace], ['publish_command', reads.command], ['publish_args', reads.command], ['create_tag', reads.createTag], ['default_branch', reads.branch]] as const).find(([input, read]) => !read && textOf(withMap, input) !== undefined && !(input === 'workspace' && ['.', './'].includes(textOf(withMap, input)!)));
    if (ignored) throw new MigrateError(`job "${job.id}" hands pascalgn/npm-publish-action@${ref} the input ${ignored[0]}, which that version does not read (it ignores it): whether the workflow relies on what it does or on what the input says cannot be told here. Pin the step to 1.3.9 (or remove the input), then migrate again.`);
    const tagName = textOf(withMap, 'tag_name');
    const tagMessage = textOf(withMap, 'tag_message');
    checkPlaceholder(job, 'tag_name', tagName);
    checkPlaceholder(job, 'tag_message', tagMessage);
    const createTag = reads.createTag ? textOf(withMap, 'create_tag') : undefined;
    if (createTag !== undefined && /\$\{\{/.test(createTag)) throw new MigrateError(`job "${job.id}" hands pascalgn/npm-publish-action create_tag: ${createTag}, an expression: whether the replacing steps tag cannot be told here. Write "true" or "false", then migrate again.`);
    const tags = createTag !== 'false';
    const command = (reads.command ? textOf(withMap, 'publish_command') : undefined) || 'yarn';
    const args = textOf(withMap, 'publish_args') ?? '';
    if (/\$\{\{/.test(command + args)) throw new MigrateError(`job "${job.id}" hands pascalgn/npm-publish-action publish_command or publish_args as an expression: the \`npm publish\` that replaces the action cannot be told from it. Write them out, then migrate again.`);
    const publish = publishLine(command, args);
    if (!publish) throw new MigrateError(`job "${job.id}" runs \`${command}${args ? ` ${args}` : ''}\` through pascalgn/npm-publish-action (publish_command/publish_args): this tool can only replace Yarn 1's or npm's publish with \`npm publish\` (with --access or --tag). Make it publish with npm, then migrate again.`);
    // The action ran in the checkout (or `workspace`), whatever the job's defaults say.
    const workspace = textOf(withMap, 'workspace');
    const defaultsDir = textOf(mapOf(mapOf(job.node, 'defaults'), 'run'), 'working-directory') !== undefined;
    const dir = workspace !== undefined && !['', '.', './'].includes(workspace) ? workspace : defaultsDir ? '.' : undefined;
    // The token and the GITHUB_TOKEN (which the action does not read) go; any other variable stays on each step.
    const env = (mapOf(step, 'env')?.items ?? []).filter((item) => {
      if (!isScalar(item.key) || !isScalar(item.value)) return true;
      const name = String(item.key.value);
      const value = String(item.value.value ?? '');
      if (isTokenEnv(name, value) || name === 'NPM_AUTH_TOKEN') {
        const secret = secretName(value);
        if (secret) secrets.push(secret);
        return false;
      }
      return !(name === 'GITHUB_TOKEN' && secretName(value) === 'GITHUB_TOKEN');
    });
    const taken = new Set(job.steps.map((s) => textOf(s, 'id')).filter((id) => id !== undefined));
    const id = textOf(step, 'id') ?? ['release-commit', 'release-commit-2', 'release-commit-3'].find((c) => !taken.has(c))!;
    const changed = `steps.${id}.outputs.changed == 'true'`;

    const find = blockMap(doc, { name: 'Find the release commit of the package.json version' });
    find.items.push(doc.createPair('id', id));
    // Until 1.3.2 the action published only on a push to DEFAULT_BRANCH (default master).
    const wanted = textOf(withMap, 'default_branch') ?? 'master';
    if (reads.branch && !/^[\w./-]+$/.test(wanted)) throw new MigrateError(`job "${job.id}" hands pascalgn/npm-publish-action default_branch: ${wanted}, which is no plain branch name: the branch the action publishes from cannot be told here. Write it out, then migrate again.`);
    const branch = reads.branch ? `github.ref == 'refs/heads/${wanted}'` : undefined;
    const condition = textOf(step, 'if');
    if (condition !== undefined && branch !== undefined) find.items.push(doc.createPair('if', `(${condition.replace(/^\s*\$\{\{\s*|\s*\}\}\s*$/g, '')}) && ${branch}`));
    else if (condition !== undefined) find.items.push(doc.createPair('if', nodeOf(step, 'if')));
    else if (branch !== undefined) find.items.push(doc.createPair('if', branch));
    if (dir !== undefined) find.items.push(doc.createPair('working-directory', dir));
    const findEnv = doc.createNode({}) as YAMLMap;
    findEnv.items.push(doc.createPair('COMMIT_PATTERN', inputNode(withMap, 'commit_pattern') ?? '^(?:Release|Version) (\\S+)'));
    if (tags) {
      findEnv.items.push(doc.createPair('TAG_NAME', tagName ? inputNode(withMap, 'tag_name') : 'v%s'));
      findEnv.items.push(doc.createPair('TAG_MESSAGE', tagMessage ? inputNode(withMap, 'tag_message') : 'v%s'));
    }
    findEnv.items.push(...env.map((item) => doc.createPair(item.key, item.value)));
    find.items.push(doc.createPair('env', findEnv));
    find.items.push(doc.createPair('run', blockScript(doc, finder(tags))));

    const replacement: YAMLMap[] = [find];
    if (tags) {
      const tag = blockMap(doc, { name: 'Tag the release' });
      tag.items.push(doc.createPair('if', changed));
      if (dir !== undefined) tag.items.push(doc.createPair('working-directory', dir));
      const output = (name: string) => `\${{ steps.${id}.outputs.${name} }}`;
      tag.items.push(doc.createPair('env', doc.createNode({ TAG_NAME: output('tag'), TAG_MESSAGE: output('tag-message'), TAGGER_NAME: output('tagger-name'), TAGGER_EMAIL: output('tagger-email') })));
      tag.items.push(doc.createPair('run', blockScript(doc, TAGGER)));
      replacement.push(tag);
    }
    const publishStep = blockMap(doc, { name: textOf(step, 'name') ?? 'Publish to npm' });
    publishStep.items.push(doc.createPair('if', changed));
    if (dir !== undefined) publishStep.items.push(doc.createPair('working-directory', dir));
    if (env.length > 0) publishStep.items.push(doc.createPair('env', doc.createNode(Object.fromEntries(env.map((item) => [String((item.key as { value: unknown }).value), (item.value as { value: unknown }).value])))));
    publishStep.items.push(doc.createPair('run', publish.line));
    replacement.push(publishStep);

    // A blank line before the action's step goes before each step that replaces it.
    if (step.spaceBefore) for (const added of replacement) added.spaceBefore = true;
    // A comment above it stays above the first of them.
    if (step.commentBefore) find.commentBefore = step.commentBefore;
    const seq = nodeOf(job.node, 'steps') as { items: unknown[] };
    seq.items.splice(seq.items.indexOf(step), 1, ...replacement);
    job.steps.splice(job.steps.indexOf(step), 1, ...replacement);
    job.publishing.delete(step);
    job.publishing.add(publishStep);

    const name = uses!.replace(/@.*$/, '');
    notes.push(`job "${job.id}": ${name} (its Docker image publishes with Yarn 1 or npm 6, which cannot do the OIDC exchange) became plain steps: find the release commit${tags ? ', tag and push' : ''}, then \`${publish.line}\`${secrets.length > 0 ? ` without the token (secrets.${secrets.join(', secrets.')})` : ''}`);
    left?.push(`job "${job.id}": ${name} is gone: it publishes from a Docker image whose Yarn 1 and npm 6 cannot do the OIDC exchange. Its steps are now in the workflow (the release commit check, ${tags ? 'the tag push, ' : ''}\`${publish.line}\`); check them once against the action's behaviour you rely on.`);
    if (publish.spaced) left?.push(`job "${job.id}": publish_command "${command}" never ran in ${name}: it runs the value as one program name, which does not exist, so the step failed after tagging. The new step runs \`npm publish\`.`);
  }
  return secrets;
}
