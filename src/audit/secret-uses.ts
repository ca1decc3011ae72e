// Where the workflows still read a secret, and whether each place publishes. Deleting a
// secret that only fed the publish is safe once trusted publishing works; deleting one an
// install step still reads (a token for private dependencies) breaks that workflow.
import type { Node } from 'yaml';
import type { WorkflowFile } from '../core/model.js';
import { parseWorkflow, type Workflow } from './index.js';
import { mapAt } from './workflow-model.js';
import { adminLines } from './publish-rule.js';

export interface SecretUse {
  file: string;
  line: number;
  secret: string;
  /** True inside a publish step, the env of a job or workflow that publishes, or a call to a workflow that publishes. */
  publishes: boolean;
  /** True inside a step that runs `npm dist-tag`, `npm deprecate` or the like (no publish): it needs a token that can write. */
  administers?: boolean;
}

type Range = [number, number];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `secrets.NAME` or `secrets['NAME']` on a line that is not a YAML comment. */
function references(line: string, secret: string): boolean {
  if (/^\s*#/.test(line)) return false;
  const name = escape(secret);
  return new RegExp(`\\bsecrets\\s*(?:\\.\\s*${name}(?![\\w-])|\\[\\s*['"]${name}['"]\\s*\\])`).test(line);
}

function lines(workflow: Workflow, node: Node | undefined): Range | undefined {
  const range = node?.range;
  if (!range) return undefined;
  // range[1] is the end of the value, which for a block may sit at the start of the next line.
  return [workflow.lineAt(range[0]), workflow.lineAt(Math.max(range[0], range[1] - 1))];
}

/** Line ranges where a token is handed to a publish, as doctor's use-trusted-publishing sees it. */
function publishRanges(workflow: Workflow, publishingFiles: ReadonlySet<string>): Range[] {
  const ranges: Array<Range | undefined> = [];
  if (workflow.publishes) ranges.push(lines(workflow, mapAt(workflow.root, 'env')));
  for (const job of workflow.jobs) {
    // A call to a local reusable workflow that publishes: its `secrets:` feed that publish.
    const callee = /^\.\/\.github\/workflows\/(.+)$/.exec(job.uses ?? '')?.[1];
    if (callee && publishingFiles.has(callee)) ranges.push(lines(workflow, job.node));
    if (!job.publishes) continue;
    ranges.push(lines(workflow, mapAt(job.node, 'env')));
    for (const step of job.steps.filter((s) => s.publishes)) ranges.push(lines(workflow, step.node));
  }
  return ranges.filter((r): r is Range => r !== undefined);
}

/**
 * `(file, line) => true` for a line that hands something to a publish. A workflow that
 * cannot be parsed counts as not publishing: when in doubt, keep the secret.
 */
export function publishLines(workflows: readonly WorkflowFile[]): (file: string, line: number) => boolean {
  const parsed = workflows.map((file) => ({ file, result: parseWorkflow(file.content, file.path) }));
  const publishingFiles = new Set(parsed.filter((p) => p.result.ok && p.result.workflow.publishes).map((p) => p.file.fileName));
  const byFile = new Map(parsed.map(({ file, result }) => [file.path, result.ok ? publishRanges(result.workflow, publishingFiles) : []]));
  return (file, line) => (byFile.get(file) ?? []).some(([from, to]) => from <= line && line <= to);
}

/** `(file, line) => true` for a line of a step that runs `npm dist-tag`, `npm deprecate` or the like (after a publish too: its token stays for them). */
function adminSteps(workflows: readonly WorkflowFile[]): (file: string, line: number) => boolean {
  const byFile = new Map(
    workflows.map((file) => {
      const result = parseWorkflow(file.content, file.path);
      const steps = result.ok ? result.workflow.jobs.flatMap((job) => job.steps.filter((s) => adminLines(s.run ?? '').length > 0).map((s) => lines(result.workflow, s.node))) : [];
      return [file.path, steps.filter((r): r is Range => r !== undefined)];
    }),
  );
  return (file, line) => (byFile.get(file) ?? []).some(([from, to]) => from <= line && line <= to);
}

/** Every line of every workflow that reads one of `secrets`, publishing or not. */
export function secretUses(workflows: readonly WorkflowFile[], secrets: readonly string[]): SecretUse[] {
  const publishes = publishLines(workflows);
  const administers = adminSteps(workflows);
  return workflows.flatMap((file) =>
    file.content.split(/\r?\n/).flatMap((text, index) =>
      secrets
        .filter((secret) => references(text, secret))
        .map((secret) => ({ file: file.path, line: index + 1, secret, ...(administers(file.path, index + 1) ? { publishes: false, administers: true } : { publishes: publishes(file.path, index + 1) }) })),
    ),
  );
}
