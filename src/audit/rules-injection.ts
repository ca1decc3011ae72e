// Rules about what starts a workflow and what untrusted input can reach: template-injection,
// dangerous-triggers, ignored-filter.
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Finding } from '../core/model.js';
import { nodeLines } from './source-lines.js';
import { value, type Workflow } from './workflow-model.js';
import { filtersOf, ignoredFilters, TAKES_NONE } from './trigger-filters.js';

/** Contexts an outsider can set: event payloads (titles, branch names...), dispatch inputs, the PR branch. */
const UNTRUSTED = /\bgithub\.event\b|\binputs\.|\bgithub\.head_ref\b/;
const EXPRESSION = /\$\{\{(.*?)\}\}/g;

export function templateInjection(workflow: Workflow): Finding[] {
  const findings: Finding[] = [];
  for (const job of workflow.jobs) {
    for (const step of job.steps) {
      const script = /^actions\/github-script@/i.test(step.uses ?? '') ? value(step.with, 'script') : undefined;
      for (const node of [step.runNode, script]) {
        for (const { text, line } of nodeLines(workflow, node)) {
          for (const match of text.matchAll(EXPRESSION)) {
            if (!UNTRUSTED.test(match[1]!)) continue;
            findings.push(
              workflow.finding('template-injection', 'error', `${match[0]} is expanded into a script before it runs: a crafted value can run commands in job "${job.id}".`, line, 'Pass the value through `env:` (e.g. `env: VALUE: ${{ ... }}`) and use "$VALUE" in the script.'),
            );
          }
        }
      }
    }
  }
  return findings;
}

const DANGEROUS: Record<string, string> = {
  pull_request_target: 'runs with the base repository\'s secrets and write token on code from forks',
  workflow_run: 'runs with secrets after workflows that forks can trigger, often on their artifacts',
};

function triggerNodes(on: Node | undefined): Node[] {
  if (isScalar(on)) return [on];
  if (isSeq(on)) return on.items.filter((item): item is Node => isScalar(item));
  if (isMap(on)) return on.items.map((item) => item.key).filter((key): key is Node => isScalar(key));
  return [];
}

export function dangerousTriggers(workflow: Workflow): Finding[] {
  return triggerNodes(value(workflow.root, 'on'))
    .filter((node) => isScalar(node) && typeof node.value === 'string' && node.value in DANGEROUS)
    .map((node) => {
      const name = String((node as { value: unknown }).value);
      return workflow.finding('dangerous-triggers', 'error', `Trigger ${name} ${DANGEROUS[name]}.`, workflow.lineOf(node), 'Use `release`, a tag push or `workflow_dispatch` to publish.');
    });
}

/** A filter GitHub ignores (`branch:` under `push:`): the workflow runs on other events than it says. */
export function ignoredFilter(workflow: Workflow): Finding[] {
  return ignoredFilters(workflow.root).map((f) =>
    f.event === 'workflow_dispatch'
      ? workflow.finding('ignored-filter', 'warning', `GitHub ignores "${f.key}" under "workflow_dispatch", which takes no filter (only inputs): a run started by hand on any branch runs this workflow.`, workflow.lineAt(f.offset), f.meant ? `Rename it to "${f.meant}", if that is what was meant.` : "Remove it; to keep such runs to a branch, add a condition on github.ref to the job's if:.")
      : f.takesNone
      ? workflow.finding('ignored-filter', 'warning', `GitHub ignores "${f.key}" under "${f.event}", which takes no filter: ${TAKES_NONE[f.event]} runs this workflow.`, workflow.lineAt(f.offset), "Remove it; to keep such runs to some refs, add a condition on github.ref to the job's if:.")
      : workflow.finding('ignored-filter', 'warning', `GitHub ignores "${f.key}" under "${f.event}", so this trigger does not filter what it seems to.`, workflow.lineAt(f.offset), f.meant ? `Rename it to "${f.meant}", if that is what was meant.` : `Use one of ${filtersOf(f.event).join(', ')}.`),
  );
}
