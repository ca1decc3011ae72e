// A job that reads `needs.<job>` of a job it does not list under `needs:` gets null at run time
// (GitHub runs it; actionlint rejects the file). In a file migrate rewrites, such a job is named
// under `needs:` when it already runs before this one through the jobs it does need: the order
// stays as it was, and the expression reads the outputs it names instead of null.
import { isMap, isScalar, isSeq, type Document, type Node, type YAMLMap } from 'yaml';
import type { JobView } from './jobs.js';
import { listedNeeds } from '../audit/job-needs.js';

/** `needs.<job>` in an expression (the whole `if:`, or inside `${{ }}` anywhere else). */
const NEEDS_READ = /\bneeds\.([A-Za-z_][\w-]*)/g;

/** The jobs a job lists under `needs:` (a name or a list of names). */
const neededJobs = (job: YAMLMap): string[] => listedNeeds(job.get('needs', true) as Node | undefined);

/** The jobs an expression of `job` reads through `needs.<job>`. */
function jobsRead(job: YAMLMap): Set<string> {
  const read = new Set<string>();
  const visit = (node: Node | null | undefined, key?: unknown) => {
    if (isMap(node)) for (const item of node.items) visit(item.value as Node, isScalar(item.key) ? item.key.value : item.key);
    else if (isSeq(node)) for (const item of node.items) visit(item as Node);
    else if (isScalar(node) && typeof node.value === 'string') {
      const expressions = key === 'if' ? [node.value] : [...node.value.matchAll(/\$\{\{([\s\S]*?)\}\}/g)].map((m) => m[1]!);
      for (const expression of expressions) for (const m of expression.replace(/'(?:[^']|'')*'/g, "''").matchAll(NEEDS_READ)) read.add(m[1]!);
    }
  };
  visit(job);
  return read;
}

export function needsWhatIsRead(doc: Document, jobs: readonly JobView[]): string[] {
  const byId = new Map(jobs.map((job) => [job.id, job.node]));
  const ancestors = (id: string, seen = new Set<string>()): Set<string> => {
    for (const need of neededJobs(byId.get(id)!)) {
      if (seen.has(need) || !byId.has(need)) continue;
      seen.add(need);
      ancestors(need, seen);
    }
    return seen;
  };
  const changes: string[] = [];
  for (const job of jobs) {
    const listed = neededJobs(job.node);
    const missing = [...jobsRead(job.node)].filter((id) => !listed.includes(id) && id !== job.id && ancestors(job.id).has(id));
    if (listed.length === 0 || missing.length === 0) continue;
    const current = job.node.get('needs', true);
    const names = [...listed, ...missing];
    if (isSeq(current)) for (const id of missing) current.add(doc.createNode(id));
    else {
      const seq = doc.createNode(names);
      seq.flow = true;
      job.node.set('needs', seq);
    }
    changes.push(`job "${job.id}": needs ${missing.join(', ')} too, which already ran before it: its expressions read needs.${missing.join(', needs.')} (null before)`);
  }
  return changes;
}
