// An event filter GitHub does not know (`branch:` for `branches:`) is ignored, silently, so the
// trigger does not do what it says, and actionlint reports the key as a syntax error. A plain
// misspelling of a ref or path filter the event has (`branch`, `tag-ignore`, `path`) is renamed in
// place, and the change line says what the trigger did and what it does now: the filter then
// works as written. Any other unknown key is refused, naming it: what was meant cannot be known
// here. A step GitHub cannot run, a needs: naming a job the file lacks, and a secret passed as a
// reusable workflow's input, are refused the same way.
import { isScalar, isSeq, type Scalar, type YAMLMap } from 'yaml';
import { secretsInCallInputs } from '../audit/call-inputs.js';
import { missingNeeds } from '../audit/job-needs.js';
import { ACTIVITY_TYPES, ignoredFilters, TAKES_NONE, type IgnoredFilter } from '../audit/trigger-filters.js';
import { MigrateError } from './errors.js';

const family = (filter: string) => filter.replace(/-ignore$/, '');

/**
 * The values under a misspelt `types:` of an event whose activity types are known, each with the
 * type it plainly misspells (`complete` → `completed`), if it is none GitHub knows. `fixed` is
 * undefined for a known type, and `unknown` marks a value that is no plain misspelling either.
 */
function activityValues(f: IgnoredFilter): { node: Scalar; written: string; fixed?: string; unknown?: true }[] {
  const known = ACTIVITY_TYPES[f.event];
  if (f.misspelt !== 'types' || !known) return [];
  const value = f.pair.value;
  const items = isScalar(value) ? [value] : isSeq(value) ? value.items : [];
  return items.map((item) => {
    const written = isScalar(item) ? String(item.value) : '';
    if (!isScalar(item) || known.includes(written)) return { node: item as Scalar, written };
    const fixed = known.find((type) => type === `${written}d` || type === `${written}ed`);
    return fixed && item.range ? { node: item, written, fixed } : { node: item as Scalar, written, unknown: true as const };
  });
}

/** Before and after, in words, for the rename of `f` (`others`: the event's filters after every rename). */
function effect(f: IgnoredFilter, others: Set<string>): { said: string; widens: boolean } {
  const meant = f.misspelt!;
  const ignore = meant.endsWith('-ignore');
  const had = (kind: string) => f.filters.items.some((p) => family(String((p.key as { value?: unknown }).value)) === kind);
  if (family(meant) === 'paths') {
    const what = f.event === 'push' ? 'a push' : 'a pull request';
    return { said: `so the workflow ran whatever files ${what} changed; now ${ignore ? `${what} that changes only the paths listed does not run it` : `only ${what} that changes the paths listed runs it`}`, widens: false };
  }
  if (f.event === 'workflow_run') {
    if (meant === 'types') {
      const types = activityValues(f).map((v) => v.fixed ?? v.written);
      return { said: `so every activity of the workflows listed (requested, in progress, completed) started this workflow; now only ${types.join(', ')} does`, widens: false };
    }
    return { said: `so runs of the workflows listed on any branch started this workflow; now ${ignore ? 'runs on the branches listed do not' : 'only runs on the branches listed do'}`, widens: false };
  }
  if (f.event !== 'push') {
    return { said: `so every pull request ran the workflow, whatever its base branch; now ${ignore ? 'pull requests into the branches listed do not run it' : 'only pull requests into the branches listed run it'}`, widens: false };
  }
  const [mine, other, refs, otherRefs] = family(meant) === 'branches' ? ['branches', 'tags', 'branch', 'tag'] : ['tags', 'branches', 'tag', 'branch'];
  const listed = mine === 'branches' ? (ignore ? 'pushes to branches not listed' : 'pushes to the branches listed') : ignore ? 'pushes of tags not listed' : 'pushes of the tags listed';
  const before = had(other) ? `no ${refs} push ran the workflow, only ${otherRefs} pushes` : `the workflow ran on every push, ${otherRefs === 'tag' ? 'tags' : 'branches'} included`;
  const after = others.has(other) ? `${listed} now run it too` : `now only ${listed} run it, and ${otherRefs} pushes no longer do`;
  return { said: `so ${before}; ${after}`, widens: had(other) };
}

/**
 * The text of `content` with the misspelt filter keys of `root` fixed in place, with a change line
 * each. A key whose rename would narrow the trigger to what it says (the workflow ran on more
 * pushes than written) is renamed: only the key's own characters change, value, comments and
 * layout stay; under a renamed workflow_run `types:`, a value that plainly misspells an activity
 * type (`complete`) is spelt right too. A key whose rename would make more pushes start the
 * workflow (a `branch:` beside `tags:`: only tag pushes ran it) is commented out instead, so the
 * workflow still runs when it did, and the rename is named under `left` for the user to decide.
 * A filter under workflow_dispatch, create or delete, which take none, is commented out the same way (it never
 * filtered anything), and named under `left`. Undefined when no key is misspelt; refuses the file
 * when a key is no plain misspelling, or a type under it none GitHub knows.
 */
export function renameMisspeltFilters(root: YAMLMap, content: string, path: string): { text: string; changes: string[]; left: string[] } | undefined {
  const ignored = ignoredFilters(root);
  if (ignored.length === 0) return undefined;
  const lineOf = (f: IgnoredFilter) => content.slice(0, f.offset).split('\n').length;
  const twice = (f: IgnoredFilter) => f.misspelt !== undefined && ignored.some((g) => g !== f && g.filters === f.filters && g.misspelt === f.misspelt);
  const unfixable = ignored.find((f) => !(f.misspelt || f.takesNone) || twice(f) || !(f.pair.key as { range?: unknown }).range);
  if (unfixable) {
    throw new MigrateError(
      `${path} is not migrated: GitHub ignores "${unfixable.key}" under "${unfixable.event}" (line ${lineOf(unfixable)}${unfixable.meant ? `; "${unfixable.meant}"?` : ''}), so the trigger does not do what it says. Fix it first, then migrate again.`,
    );
  }
  for (const f of ignored) {
    const unknown = activityValues(f).find((v) => v.unknown);
    if (!unknown) continue;
    const line = content.slice(0, unknown.node.range?.[0] ?? f.offset).split('\n').length;
    throw new MigrateError(
      `${path} is not migrated: GitHub ignores "${f.key}" under "${f.event}" (line ${lineOf(f)}; "${f.misspelt}"?), and "${unknown.written}" under it (line ${line}) is no activity type of ${f.event} (${ACTIVITY_TYPES[f.event]!.join(', ')}), so the trigger does not do what it says. Fix it first, then migrate again.`,
    );
  }
  const commentedOut = new Set(ignored.filter((f) => f.takesNone || effect(f, new Set()).widens));
  // A line of a flow mapping (`workflow_dispatch: {branches: [main]}`) holds more than the key: it cannot be commented out.
  const inFlow = [...commentedOut].find((f) => f.filters.flow);
  if (inFlow) {
    throw new MigrateError(
      `${path} is not migrated: GitHub ignores "${inFlow.key}" under "${inFlow.event}" (line ${lineOf(inFlow)}), written inside { } where it cannot be commented out on its own line, so the trigger does not do what it says. Remove it (or write the mapping one key a line), then migrate again.`,
    );
  }
  const after = new Map<YAMLMap, Set<string>>();
  for (const f of ignored) {
    const keys = after.get(f.filters) ?? new Set(f.filters.items.map((p) => family(String((p.key as { value?: unknown }).value))));
    if (!commentedOut.has(f)) keys.add(family(f.misspelt!));
    after.set(f.filters, keys);
  }
  const changes: string[] = [];
  const left: string[] = [];
  for (const f of ignored) {
    if (f.takesNone) {
      const runs = TAKES_NONE[f.event]!;
      changes.push(`on.${f.event}: "${f.key}" commented out: ${f.event} takes no filter and GitHub ignored it, so ${runs} ran the workflow, and still does`);
      left.push(`on.${f.event} (line ${lineOf(f)}): "${f.key}" is commented out, as GitHub ignored it: ${runs} runs this workflow, publish included. To keep such runs to ${f.event === 'workflow_dispatch' ? 'a branch' : 'some refs'}, add a condition on github.ref to the publishing job's if:.`);
      continue;
    }
    if (commentedOut.has(f)) {
      const kind = f.misspelt!.startsWith('branches') ? ['branch', 'tag'] : ['tag', 'branch'];
      changes.push(`on.${f.event}: "${f.key}" commented out: GitHub ignored it, so only ${kind[1]} pushes ran the workflow, and they still do`);
      left.push(`on.${f.event} (line ${lineOf(f)}): "${f.key}" is commented out, as GitHub ignored it. Renamed "${f.misspelt}", ${kind[0]} pushes it lets through would also run this workflow, publish included.`);
      continue;
    }
    const spelt = activityValues(f).flatMap((v) => (v.fixed ? [`"${v.written}" → "${v.fixed}"`] : []));
    const values = spelt.length > 0 ? ` (and ${spelt.join(', ')}, the activity type${spelt.length > 1 ? 's' : ''} GitHub knows)` : '';
    changes.push(`on.${f.event}: ${f.key} → ${f.misspelt}${values}: GitHub ignored the misspelt key, ${effect(f, after.get(f.filters)!).said}`);
  }
  let text = content;
  // From the end, so the earlier offsets hold: a key's values lie after it and before the next key.
  for (const f of [...ignored].sort((x, y) => y.offset - x.offset)) {
    const [start, end] = (f.pair.key as { range: [number, number] }).range;
    if (!commentedOut.has(f)) {
      for (const v of activityValues(f).filter((a) => a.fixed).sort((x, y) => y.node.range![0] - x.node.range![0])) {
        const [from, to] = v.node.range!;
        text = text.slice(0, from) + text.slice(from, to).replace(v.written, v.fixed!) + text.slice(to);
      }
      text = text.slice(0, start) + text.slice(start, end).replace(f.key, f.misspelt!) + text.slice(end);
      continue;
    }
    // Every line from the key to the end of its value, `# ` after the key's own indentation.
    const valueEnd = (f.pair.value as { range?: [number, number, number] } | null)?.range?.[1] ?? end;
    const from = text.lastIndexOf('\n', start - 1) + 1;
    const lineEnd = text.indexOf('\n', Math.max(valueEnd - 1, start));
    const to = lineEnd === -1 ? text.length : lineEnd;
    const indent = text.slice(from, start);
    const commented = text.slice(from, to).split('\n').map((line) => (line.trim() === '' ? line : `${indent}# ${line.slice(indent.length)}`)).join('\n');
    text = text.slice(0, from) + commented + text.slice(to);
  }
  return { text, changes, left };
}

/**
 * A step with neither `run:` nor `uses:` makes GitHub reject the whole file, so the workflow never
 * ran: what the step was meant to do cannot be known here, and the file would still be rejected.
 */
export function refuseInvalidSteps(jobs: readonly { id: string; steps: readonly YAMLMap[] }[], content: string, path: string): void {
  for (const job of jobs) {
    for (const step of job.steps) {
      if (step.has('run') || step.has('uses')) continue;
      const line = content.slice(0, step.range?.[0] ?? 0).split('\n').length;
      throw new MigrateError(`${path} is not migrated: a step of job "${job.id}" (line ${line}) has neither run: nor uses:, so GitHub rejects this file and it never ran. Fix that step first, then migrate again.`);
    }
  }
}

/**
 * A `needs:` naming a job the file does not have makes GitHub reject the whole file, so the
 * workflow never ran: which job was meant (one removed, one renamed) cannot be known here.
 */
export function refuseMissingNeeds(jobs: readonly { id: string; node: YAMLMap }[], content: string, path: string): void {
  const [first] = missingNeeds(jobs);
  if (!first) return;
  const line = content.slice(0, first.offset).split('\n').length;
  throw new MigrateError(`${path} is not migrated: job "${first.job}" needs "${first.need}" (line ${line}), a job this file does not have, so GitHub rejects this file and it never ran. Name a job of this file under needs: (or remove it) first, then migrate again.`);
}

/**
 * `${{ secrets.X }}` under `with:` of a reusable workflow call makes GitHub reject the file, so it
 * never ran: whether the called workflow should get that value as a secret, or (for an npm token
 * under trusted publishing) not at all, is the user's call, and the file would still be rejected.
 */
export function refuseSecretCallInputs(jobs: readonly { id: string; node: YAMLMap }[], content: string, path: string): void {
  for (const job of jobs) {
    const [first] = secretsInCallInputs(job.node);
    if (!first) continue;
    const line = content.slice(0, first.offset).split('\n').length;
    throw new MigrateError(
      `${path} is not migrated: job "${job.id}" passes secrets.${first.secret} as the input "${first.input}" under with: (line ${line}), where GitHub does not allow the secrets context, so GitHub rejects this file and it never ran. Pass it under secrets: (or drop it, if the called workflow publishes with trusted publishing), then migrate again.`,
    );
  }
}
