// Workflows outside the migration that use the retired token only to check it (a scheduled or
// manual `npm whoami`, a curl to the registry's user endpoint, a test that it is set): once the
// secret is deleted they fail. A step that only checks goes; a job whose steps only set up and check goes too, unless
// another job needs it; a file that does nothing else is named instead, because --migrate edits
// files and never deletes one.
import { isMap, isScalar, isSeq, type YAMLMap } from 'yaml';
import type { FileChange, WorkflowFile } from '../core/model.js';
import { commandPublishes, onlyChecksSet, WHO_AM_I } from '../audit/publish-rule.js';
import { oversize, takeYaml } from '../core/yaml-text.js';
import { mergeEdits, printOptions } from './format.js';
import { jobViews, type JobView } from './jobs.js';
import { mapOf, nodeOf, textOf, removeItem } from './nodes.js';

// Only identity checks: an `npm view` with the token may feed a later step, so it stays.
const CHECK = WHO_AM_I;
/** Lines a check script has besides the check: output, exit codes, shell control. */
const AROUND = /^(?:(?:echo|printf|exit|fi|then|else|elif|done)\b|[{}]$|if\s+!?\s*\[|\[\[?\s)/;

const code = (line: string) => line.replace(/(^|\s)#.*$/, '').trim();

/** A `run:` that checks the token and does nothing else. */
function onlyChecks(run: string): boolean {
  const lines = run.split('\n').map(code).filter(Boolean);
  return lines.some((l) => CHECK.test(l)) && !lines.some(commandPublishes) && lines.every((l) => CHECK.test(l) || AROUND.test(l));
}

/** `if: env.X == ''`: the step runs only when X is empty. */
const UNSET = /^\s*(?:\$\{\{\s*)?env\.([A-Za-z_]\w*)\s*==\s*(?:''|"")\s*(?:\}\})?\s*$/;

/**
 * A step that only checks a retired token is set (`[ -n "$NPM_TOKEN" ] || exit 1`, or
 * `if: env.NPM_TOKEN == ''` with only an error and an exit): with the secret gone it fails every run.
 */
function checksSet(step: YAMLMap, vars: ReadonlySet<string>): boolean {
  const run = textOf(step, 'run') ?? '';
  const tested = onlyChecksSet(run);
  if (tested.length > 0 && tested.every((name) => vars.has(name))) return true;
  const unset = UNSET.exec(textOf(step, 'if') ?? '');
  const lines = run.split('\n').map(code).filter(Boolean);
  return unset !== null && vars.has(unset[1]!) && lines.length > 0 && lines.every((l) => /^(?:echo|printf|exit)\b/.test(l));
}

/** The env names that hand over a retired secret. */
function varsIn(envs: ReadonlyArray<YAMLMap | undefined>, dropped: ReadonlySet<string>): Set<string> {
  const names = new Set<string>();
  for (const env of envs) {
    for (const item of env?.items ?? []) {
      if (isScalar(item.key) && droppedIn(item.value, dropped).length > 0) names.add(String(item.key.value));
    }
  }
  return names;
}

const isSetup = (step: YAMLMap) => /^actions\/(?:checkout|setup-node)@/i.test(textOf(step, 'uses') ?? '');

/** The retired secrets an env entry's value hands over. */
const droppedIn = (value: unknown, dropped: ReadonlySet<string>): string[] => {
  const text = isScalar(value) ? String(value.value ?? '') : '';
  return [...dropped].filter((name) => new RegExp(`\\bsecrets\\.${name}\\b`).test(text));
};

/** The retired secrets an env map hands over. */
function secretsIn(env: YAMLMap | undefined, dropped: ReadonlySet<string>): string[] {
  return (env?.items ?? []).flatMap((item) => droppedIn(item.value, dropped));
}

const needed = (jobs: readonly JobView[], id: string) =>
  jobs.some((job) => {
    const needs = nodeOf(job.node, 'needs');
    return (isScalar(needs) && needs.value === id) || (isSeq(needs) && needs.items.some((item) => isScalar(item) && item.value === id));
  });

export interface RetiredChecks {
  changes: FileChange[];
  /** What was done, or why a file was left, one line each. */
  left: string[];
  /** Files handled here (edited or named): the generic "still uses the token" line is not needed for them. */
  handled: Set<string>;
}

export function retireTokenChecks(others: readonly WorkflowFile[], dropped: ReadonlySet<string>): RetiredChecks {
  const out: RetiredChecks = { changes: [], left: [], handled: new Set() };
  if (dropped.size === 0) return out;
  for (const w of others) {
    if (![...dropped].some((name) => new RegExp(`\\bsecrets\\.${name}\\b`).test(w.content))) continue;
    if (oversize(w.content)) continue;
    const { doc } = takeYaml(w.content);
    if (doc.errors.length > 0 || !isMap(doc.contents)) continue;
    const root = doc.contents as YAMLMap;
    const jobs = jobViews(root);
    const rootSecrets = secretsIn(mapOf(root, 'env'), dropped);
    const checks = new Map<JobView, YAMLMap[]>();
    for (const job of jobs) {
      const jobSecrets = [...rootSecrets, ...secretsIn(mapOf(job.node, 'env'), dropped)];
      const found = job.steps.filter(
        (step) =>
          (onlyChecks(textOf(step, 'run') ?? '') && (jobSecrets.length > 0 || secretsIn(mapOf(step, 'env'), dropped).length > 0)) ||
          checksSet(step, varsIn([mapOf(root, 'env'), mapOf(job.node, 'env'), mapOf(step, 'env')], dropped)),
      );
      if (found.length > 0) checks.set(job, found);
    }
    if (checks.size === 0) continue;
    const onlyChecking = (job: JobView) => (checks.get(job)?.length ?? 0) > 0 && job.steps.every((step) => isSetup(step) || checks.get(job)!.includes(step));
    const secretList = [...dropped].filter((name) => new RegExp(`\\bsecrets\\.${name}\\b`).test(w.content)).map((n) => `secrets.${n}`).join(', ');
    out.handled.add(w.path);
    if (jobs.every(onlyChecking)) {
      out.left.push(`${w.path} only checks the npm token (${secretList}, job ${jobs.map((j) => `"${j.id}"`).join(', ')}): delete that file before you delete the secret (--migrate edits files, it does not delete them).`);
      continue;
    }
    const options = printOptions(doc, w.content);
    const untouched = doc.toString(options);
    const done: string[] = [];
    const jobsMap = mapOf(root, 'jobs')!;
    for (const [job, steps] of checks) {
      if (onlyChecking(job) && !needed(jobs, job.id)) {
        jobsMap.items.splice(jobsMap.items.findIndex((item) => isScalar(item.key) && item.key.value === job.id), 1);
        done.push(`job "${job.id}" removed (it only checked the npm token)`);
        continue;
      }
      const seq = nodeOf(job.node, 'steps');
      if (!isSeq(seq)) continue;
      for (const step of steps) removeItem(seq, step);
      done.push(`job "${job.id}": removed the step${steps.length > 1 ? 's' : ''} that only checked the npm token`);
    }
    const after = mergeEdits(w.content, untouched, doc.toString(options));
    out.changes.push({ path: w.path, kind: 'update', before: w.content, after, reason: `no longer checks the retired npm token (${secretList}): ${done.join('; ')}`, needsConsent: true });
  }
  return out;
}
