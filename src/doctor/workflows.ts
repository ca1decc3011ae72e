// Every workflow rule and preflight check for the workflows that publish (and the workflows
// that call a reusable one that publishes). Also used by --migrate to say what remains.
import type { Finding, RepoRef } from '../model.js';
import { auditWorkflow, parseWorkflow } from '../audit/index.js';
import { nodeLines } from '../audit/source-lines.js';
import { preflight } from './preflight.js';
import { callersOf, reusableFindings, type NamedWorkflow } from './reusable.js';

export interface WorkflowSource {
  /** Relative to the repository root. */
  path: string;
  fileName: string;
  content: string;
}

export interface WorkflowReport {
  findings: Finding[];
  /** Paths of the workflows that were checked. */
  checked: string[];
  /** True for a line inside a step that writes an _authToken (already reported as such). */
  inTokenStep: (file: string, line: number) => boolean;
}

function oldSemanticReleaseInRun(named: NamedWorkflow): Finding[] {
  const { workflow } = named;
  return workflow.jobs.flatMap((job) =>
    job.steps.flatMap((step) =>
      nodeLines(workflow, step.runNode)
        .map(({ text, line }) => ({ major: /\bsemantic-release@["']?\^?~?(\d+)/.exec(text)?.[1], line }))
        .filter(({ major }) => major !== undefined && Number(major) < 25)
        .map(({ major, line }) => workflow.finding('release-tool-outdated', 'warning', `semantic-release@${major} cannot publish with trusted publishing (ENONPMTOKEN).`, line, 'Use semantic-release 25 or newer.')),
    ),
  );
}

export function workflowDoctor(files: readonly WorkflowSource[], repo?: RepoRef): WorkflowReport {
  const findings: Finding[] = [];
  const parsed: NamedWorkflow[] = [];
  const tokenSteps: Array<{ file: string; from: number; to: number }> = [];
  const publishing = new Set<string>();
  for (const file of files) {
    const result = parseWorkflow(file.content, file.path);
    if (!result.ok) {
      // A file that cannot be parsed may be the publish workflow: say so rather than skip it.
      if (/\bpublish\b|semantic-release|changeset/.test(file.content)) {
        findings.push(...result.findings);
        publishing.add(file.path);
      }
      continue;
    }
    parsed.push({ fileName: file.fileName, workflow: result.workflow });
    for (const step of result.workflow.jobs.flatMap((job) => job.steps)) {
      const range = step.node.range;
      if (range && /_authToken\s*=/.test(step.run ?? '')) tokenSteps.push({ file: file.path, from: result.workflow.lineAt(range[0]), to: result.workflow.lineAt(range[1]) });
    }
    if (result.workflow.publishes) publishing.add(file.path);
  }
  for (const named of parsed.filter((n) => n.workflow.publishes)) {
    for (const { caller } of callersOf(named.fileName, parsed)) publishing.add(caller.workflow.path);
  }
  for (const named of parsed.filter((n) => publishing.has(n.workflow.path))) {
    findings.push(...auditWorkflow(named.workflow.content, named.workflow.path, repo ? { repo } : {}));
    findings.push(...preflight(named.workflow), ...oldSemanticReleaseInRun(named), ...reusableFindings(named, parsed));
  }
  return {
    findings,
    checked: [...publishing].sort(),
    inTokenStep: (file, line) => tokenSteps.some((s) => s.file === file && s.from <= line && line <= s.to),
  };
}
