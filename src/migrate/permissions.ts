// Least privilege without breaking jobs. A job-level `permissions` block drops every scope
// it does not list, and a new top-level block changes what every other job gets, so each
// new block is built from what the job inherited before plus what its steps visibly need.
import { isMap, isScalar, type Document, type Node, type YAMLMap } from 'yaml';
import { blockMap, insertAfter, insertBefore, mapOf, nodeOf, pairOf, textOf } from './nodes.js';
import type { JobView } from './jobs.js';
import { needsIdTokenElsewhere } from '../audit/other-oidc.js';
import { PUSHES, PUSHING_ACTION } from './steps-general.js';
import { stepDirectory, whatRuns } from './scripts.js';

export type Scopes = Record<string, string>;

const RANK: Record<string, number> = { none: 0, read: 1, write: 2 };
const JOB_KEYS_BEFORE = ['name', 'needs', 'if', 'runs-on', 'environment'];
export const ID_TOKEN_COMMENT = " lets npm exchange this job's OIDC token for a short-lived publish token";

export function mergeScopes(...all: Scopes[]): Scopes {
  const out: Scopes = {};
  for (const scopes of all) {
    for (const [scope, level] of Object.entries(scopes)) {
      if (!(scope in out) || (RANK[level] ?? 0) > (RANK[out[scope]!] ?? 0)) out[scope] = level;
    }
  }
  return out;
}

const describe = (scopes: Scopes) => Object.entries(ordered(scopes)).map(([k, v]) => `${k}: ${v}`).join(', ');

export function scopesOf(node: Node | undefined): Scopes | undefined {
  if (!isMap(node)) return undefined;
  const out: Scopes = {};
  for (const item of node.items) if (isScalar(item.key) && isScalar(item.value)) out[String(item.key.value)] = String(item.value.value);
  return out;
}

const GITHUB_TOKEN = /\$\{\{\s*(?:secrets\.GITHUB_TOKEN|github\.token)\s*\}\}/;
/** Actions that comment on a pull request or an issue with the GITHUB_TOKEN (theirs by default). */
const COMMENT_ACTION = /^(?:peter-evans\/create-or-update-comment|marocchino\/sticky-pull-request-comment|thollander\/actions-comment-pull-request|mshick\/add-pr-comment)@/;
/** Actions that only read with the token they are given. */
const SETUP_ACTION = /^actions\/(?:checkout|setup-node|cache|upload-artifact|download-artifact)@/;

/**
 * Write scopes a job's steps visibly need: release tools push tags, open PRs, comment on issues.
 * With the repository's files, what a step runs one level down counts too (`npm run release`
 * running release-it, which pushes its tag and makes the GitHub release).
 */
export function stepNeeds(job: JobView, doc?: Document, readFile?: (path: string) => string | undefined): Scopes {
  const needs: Scopes = {};
  for (const step of job.steps) {
    const uses = (textOf(step, 'uses') ?? '').toLowerCase();
    const written = textOf(step, 'run') ?? '';
    const run = doc && readFile ? whatRuns(written, readFile, stepDirectory(doc, job.node, step)) : written;
    if (uses.startsWith('changesets/action@') || /release-please-action@/.test(uses)) Object.assign(needs, { contents: 'write', 'pull-requests': 'write' });
    if (/\bsemantic-release\b/.test(run) || uses.startsWith('cycjimmy/semantic-release-action@')) Object.assign(needs, { contents: 'write', issues: 'write', 'pull-requests': 'write' });
    if (/^(?:softprops\/action-gh-release|ncipollo\/release-action|actions\/create-release)@/.test(uses)) needs.contents = 'write';
    if (PUSHES.test(run) || PUSHING_ACTION.test(uses) || /\bgh\s+release\s+(?:create|upload|edit)\b|--create-release\b/.test(run)) needs.contents = 'write';
    // prebuild uploads the binaries it built to the GitHub release with the token it is given.
    if (/\bprebuild(?:ify)?\b[^\n]*\s(?:-u|--upload(?:-all)?)(?:\s|=|$)/.test(run)) needs.contents = 'write';
    if (/\bgh\s+pr\s+(?:create|merge|edit)\b/.test(run)) needs['pull-requests'] = 'write';
    // A comment on a pull request or an issue goes through the issues API: either scope may be the one it needs.
    if (COMMENT_ACTION.test(uses) || /\bgh\s+(?:pr|issue)\s+comment\b/.test(run)) Object.assign(needs, { issues: 'write', 'pull-requests': 'write' });
    // Publishing to GitHub Packages uses the GITHUB_TOKEN with packages: write.
    if (/npm\.pkg\.github\.com/.test(`${run} ${textOf(mapOf(step, 'with'), 'registry-url') ?? ''}`)) needs.packages = 'write';
    // A script handed the GITHUB_TOKEN as an argument (`prebuild -u ${{ secrets.GITHUB_TOKEN }}`)
    // uses it for more than a checkout: keep the write access it had by default.
    if (GITHUB_TOKEN.test(run)) needs.contents = 'write';
    // So does an action handed it in env or with (one that commits a README, comments, uploads).
    if (uses !== '' && !SETUP_ACTION.test(uses) && [mapOf(step, 'env'), mapOf(step, 'with')].some((map) => map?.items.some((item) => isScalar(item.value) && GITHUB_TOKEN.test(String(item.value.value ?? ''))))) {
      needs.contents = 'write';
      // One named for comments (`NejcZdovc/comment-pr`) comments with it.
      if (/^[\w.-]+\/[\w.-]*comment/.test(uses)) Object.assign(needs, { issues: 'write', 'pull-requests': 'write' });
    }
  }
  return needs;
}

/** Orders scopes as the generated workflows do: contents first, id-token last. */
function ordered(scopes: Scopes): Scopes {
  const keys = Object.keys(scopes).sort((a, b) => (a === 'contents' ? -1 : b === 'contents' ? 1 : a === 'id-token' ? 1 : b === 'id-token' ? -1 : a.localeCompare(b)));
  return Object.fromEntries(keys.map((key) => [key, scopes[key]!]));
}

interface ScopeComments {
  /** Trailing comments (`contents: write # for tags`). */
  trailing: Record<string, string>;
  /** Comment lines above a scope (`# provenance` on the line before `id-token: write`). */
  leading: Record<string, string>;
}

/** The comments of a permissions block's scopes. */
function scopeComments(node: Node | undefined): ScopeComments {
  const out: ScopeComments = { trailing: {}, leading: {} };
  if (!isMap(node)) return out;
  for (const [i, item] of node.items.entries()) {
    if (!isScalar(item.key) || !isScalar(item.value)) continue;
    const scope = String(item.key.value);
    if (item.value.comment) out.trailing[scope] = item.value.comment;
    // The comment above the block's first scope belongs to the block map, not to that scope's key.
    const leading = item.key.commentBefore ?? (i === 0 ? node.commentBefore : undefined);
    if (leading) out.leading[scope] = leading;
  }
  return out;
}

function setJobBlock(doc: Document, job: JobView, scopes: Scopes, comments: ScopeComments = { trailing: {}, leading: {} }): void {
  const data = ordered(scopes);
  // A scope moved from the workflow level keeps its comments when the level is the same.
  const kept = Object.fromEntries(Object.entries(comments.trailing).filter(([scope]) => scope in data));
  const npmComment = 'id-token' in data && !kept['id-token'] && wanted(job) !== undefined;
  const map = blockMap(doc, data, { ...kept, ...(npmComment ? { 'id-token': ID_TOKEN_COMMENT } : {}) });
  for (const item of map.items) {
    const leading = isScalar(item.key) ? comments.leading[String(item.key.value)] : undefined;
    if (leading && isScalar(item.key)) item.key.commentBefore = leading;
  }
  const existing = pairOf(job.node, 'permissions');
  if (existing) existing.value = map;
  else insertAfter(doc, job.node, 'permissions', map, JOB_KEYS_BEFORE);
}

/** Raises scopes inside an existing block, in place, so its comments and order stay. */
function raiseInPlace(doc: Document, block: YAMLMap, want: Scopes): Scopes {
  const have = scopesOf(block)!;
  const added: Scopes = {};
  for (const [scope, level] of Object.entries(want)) {
    if (scope in have && (RANK[have[scope]!] ?? 0) >= (RANK[level] ?? 0)) continue;
    const node = nodeOf(block, scope);
    if (isScalar(node)) node.value = level;
    else {
      const value = doc.createNode(level);
      if (scope === 'id-token') value.comment = ID_TOKEN_COMMENT;
      block.items.push(doc.createPair(scope, value));
    }
    added[scope] = level;
  }
  return added;
}

/** What a job must be granted: publishing jobs and callers of a publishing reusable workflow. */
function wanted(job: JobView): Scopes | undefined {
  if (job.publishes) return { contents: 'read', 'id-token': 'write' };
  return job.calleeScopes;
}

/** Jobs named in full in the contents: read note; past this, a count and the first few names. */
const READ_ONLY_NAMED = 3;

function readOnlyNotes(ids: readonly string[]): string[] {
  if (ids.length <= READ_ONLY_NAMED) return ids.map((id) => `job "${id}" now runs with contents: read only; give it its own permissions block if it needs more.`);
  const named = ids.slice(0, READ_ONLY_NAMED).map((id) => `"${id}"`).join(', ');
  return [`${ids.length} jobs now run with contents: read only (${named} and ${ids.length - READ_ONLY_NAMED} more); give a job its own permissions block if it needs more.`];
}

export function migratePermissions(doc: Document, root: YAMLMap, jobs: readonly JobView[], readFile?: (path: string) => string | undefined): string[] {
  const notes: string[] = [];
  const top = nodeOf(root, 'permissions');
  const topScopes = scopesOf(top);
  const topWriteAll = isScalar(top) && top.value === 'write-all';
  const replaceTop = top === undefined || topWriteAll || Object.values(topScopes ?? {}).includes('write');
  /** Comments of the workflow-level scopes whose level a job block keeps. */
  const topComments = (next: Scopes): ScopeComments => {
    const same = (comments: Record<string, string>) => Object.fromEntries(Object.entries(comments).filter(([scope]) => topScopes?.[scope] === next[scope]));
    const all = scopeComments(top);
    return { trailing: same(all.trailing), leading: same(all.leading) };
  };
  /** What a job without its own block got before this edit. */
  const inherited = (job: JobView): Scopes =>
    topScopes && !topWriteAll ? { ...topScopes } : mergeScopes({ contents: 'read' }, stepNeeds(job, doc, readFile), job.calledScopes ?? {});

  /** Jobs that drop to contents: read: one note for a few, one line for many (a long file has thousands). */
  const readOnly: string[] = [];
  let readOnlyAt = 0;
  for (const job of jobs) {
    const own = nodeOf(job.node, 'permissions');
    const want = wanted(job);
    if (want) {
      if (isScalar(own) && own.value === 'write-all') {
        notes.push(`job "${job.id}" keeps permissions: write-all (it includes id-token: write); list only the scopes it needs.`);
        continue;
      }
      if (isMap(own)) {
        const added = raiseInPlace(doc, own, want);
        if (Object.keys(added).length > 0) notes.push(`job "${job.id}": added ${describe(added)} to its permissions`);
        continue;
      }
      // A new block replaces what the job inherited: keep all of it, then add what it needs.
      const next = mergeScopes(inherited(job), want);
      setJobBlock(doc, job, next, topComments(next));
      notes.push(`job "${job.id}": permissions ${describe(next)}`);
    } else if (replaceTop && own === undefined) {
      const before = inherited(job);
      // id-token: write stays only where another exchange (PyPI, attestations, Pages) needs it.
      if (!needsIdTokenElsewhere(job.steps.map((step) => textOf(step, 'uses')))) delete before['id-token'];
      const extra = Object.entries(before).filter(([scope, level]) => !(scope === 'contents' && level === 'read'));
      if (extra.length > 0) {
        const next = mergeScopes({ contents: 'read' }, before);
        setJobBlock(doc, job, next, topComments(next));
        notes.push(`job "${job.id}" keeps what it had: ${describe(Object.fromEntries(extra))}`);
      } else if (top === undefined) {
        if (readOnly.push(job.id) === 1) readOnlyAt = notes.length;

      }
    }
  }
  notes.splice(readOnlyAt, 0, ...readOnlyNotes(readOnly));
  if (replaceTop) {
    const block = blockMap(doc, { contents: 'read' });
    const pair = pairOf(root, 'permissions');
    if (pair) pair.value = block;
    else {
      insertBefore(doc, root, 'permissions', block, ['jobs']);
      // Keep `jobs:` set off by a blank line, as workflows usually are.
      const jobs = pairOf(root, 'jobs');
      if (jobs && isScalar(jobs.key)) jobs.key.spaceBefore = true;
    }
    notes.push('top level: permissions contents: read (write scopes only on the jobs that need them)');
  }
  return notes;
}
