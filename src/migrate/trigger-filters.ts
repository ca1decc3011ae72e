// An event filter GitHub does not know (`branch:` for `branches:`) is ignored, silently, so the
// trigger does not do what it says, and actionlint reports the key as a syntax error. A plain
// misspelling of a ref or path filter the event has (`branch`, `tag-ignore`, `path`) is renamed in
// place, and the change line says what the trigger did and what it does now: the filter then
// works as written. Any other unknown key is refused, naming it: what was meant cannot be known
// here. A step GitHub cannot run, and a secret passed as a reusable workflow's input, are refused the same way.
import type { YAMLMap } from 'yaml';
import { secretsInCallInputs } from '../audit/call-inputs.js';
import { ignoredFilters, type IgnoredFilter } from '../audit/trigger-filters.js';
import { MigrateError } from './errors.js';

const family = (filter: string) => filter.replace(/-ignore$/, '');

/** Before and after, in words, for the rename of `f` (`others`: the event's filters after every rename). */
function effect(f: IgnoredFilter, others: Set<string>): { said: string; widens: boolean } {
  const meant = f.misspelt!;
  const ignore = meant.endsWith('-ignore');
  const had = (kind: string) => f.filters.items.some((p) => family(String((p.key as { value?: unknown }).value)) === kind);
  if (family(meant) === 'paths') {
    const what = f.event === 'push' ? 'a push' : 'a pull request';
    return { said: `so the workflow ran whatever files ${what} changed; now ${ignore ? `${what} that changes only the paths listed does not run it` : `only ${what} that changes the paths listed runs it`}`, widens: false };
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
 * layout stay. A key whose rename would make more pushes start the workflow (a `branch:` beside
 * `tags:`: only tag pushes ran it) is commented out instead, so the workflow still runs when it
 * did, and the rename is named under `left` for the user to decide. Undefined when no key is
 * misspelt; refuses the file when a key is no plain misspelling.
 */
export function renameMisspeltFilters(root: YAMLMap, content: string, path: string): { text: string; changes: string[]; left: string[] } | undefined {
  const ignored = ignoredFilters(root);
  if (ignored.length === 0) return undefined;
  const lineOf = (f: IgnoredFilter) => content.slice(0, f.offset).split('\n').length;
  const twice = (f: IgnoredFilter) => ignored.some((g) => g !== f && g.filters === f.filters && g.misspelt === f.misspelt);
  const unfixable = ignored.find((f) => !f.misspelt || twice(f) || !(f.pair.key as { range?: unknown }).range);
  if (unfixable) {
    throw new MigrateError(
      `${path} is not migrated: GitHub ignores "${unfixable.key}" under "${unfixable.event}" (line ${lineOf(unfixable)}${unfixable.meant ? `; "${unfixable.meant}"?` : ''}), so the trigger does not do what it says. Fix it first, then migrate again.`,
    );
  }
  const widening = new Set(ignored.filter((f) => effect(f, new Set()).widens));
  const after = new Map<YAMLMap, Set<string>>();
  for (const f of ignored) {
    const keys = after.get(f.filters) ?? new Set(f.filters.items.map((p) => family(String((p.key as { value?: unknown }).value))));
    if (!widening.has(f)) keys.add(family(f.misspelt!));
    after.set(f.filters, keys);
  }
  const changes: string[] = [];
  const left: string[] = [];
  for (const f of ignored) {
    if (widening.has(f)) {
      const kind = f.misspelt!.startsWith('branches') ? ['branch', 'tag'] : ['tag', 'branch'];
      changes.push(`on.${f.event}: "${f.key}" commented out: GitHub ignored it, so only ${kind[1]} pushes ran the workflow, and they still do`);
      left.push(`on.${f.event} (line ${lineOf(f)}): "${f.key}" is commented out, as GitHub ignored it. Renamed "${f.misspelt}", ${kind[0]} pushes it lets through would also run this workflow, publish included.`);
      continue;
    }
    changes.push(`on.${f.event}: ${f.key} → ${f.misspelt}: GitHub ignored the misspelt key, ${effect(f, after.get(f.filters)!).said}`);
  }
  let text = content;
  // From the end, so the earlier offsets hold.
  for (const f of [...ignored].sort((x, y) => y.offset - x.offset)) {
    const [start, end] = (f.pair.key as { range: [number, number] }).range;
    if (!widening.has(f)) {
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
