// Every workflow rule and preflight check for the workflows that publish (and the workflows
// that call a reusable one that publishes). Also used by --migrate to say what remains.
import type { Finding, RepoRef } from '../core/model.js';
import { auditWorkflow, parseWorkflow } from '../audit/index.js';
import { isScalar } from 'yaml';
import { onlyChecksSet, onlyAdministers, onlyChecksToken, type PublishContext } from '../audit/publish-rule.js';
import { isTokenEnv, writesAuthToken } from '../audit/token-forms.js';
import { isReusableWorkflow, mapAt, text } from '../audit/workflow-model.js';
import { actionMajor } from '../audit/rules-actions.js';
import { publishesToNpm } from '../audit/registry.js';
import { nodeLines } from '../audit/source-lines.js';
import { preflight } from './preflight.js';
import { oldLernaPublish } from './old-lerna.js';
import { programAdminFindings } from './program-admin.js';
import { callersOf, reusableFindings, tokenCallFindings, type NamedWorkflow } from './reusable.js';

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
  /** Paths of the workflows with a job that publishes to npmjs.com, and of the workflows that call one of them. */
  publishing: string[];
  /** True for a line inside a step that writes an _authToken (already reported as such). */
  inTokenStep: (file: string, line: number) => boolean;
  /** True for a line inside a step that runs `npm dist-tag`, `npm deprecate` or the like, and no publish. */
  inAdminStep: (file: string, line: number) => boolean;
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

/**
 * cycjimmy/semantic-release-action before v6 installs semantic-release 24 or older (v4 runs on
 * Node 20, where semantic-release 25 does not start): without a token it stops with ENONPMTOKEN.
 */
function oldSemanticReleaseAction(named: NamedWorkflow): Finding[] {
  const { workflow } = named;
  return workflow.jobs.flatMap((job) =>
    job.steps
      .filter((step) => /^cycjimmy\/semantic-release-action@/i.test(step.uses ?? ''))
      .flatMap((step) => {
        const major = actionMajor(workflow, step);
        const chosen = Number(/^\D*(\d+)/.exec(text(step.with, 'semantic_version') ?? '')?.[1] ?? 0);
        if (major === undefined || (chosen === 0 ? major >= 6 : chosen >= 25 && major >= 5)) return [];
        // Its semantic_version input names the semantic-release it installs, whatever the action's version.
        const message = chosen > 0 && chosen < 25 ? `cycjimmy/semantic-release-action installs semantic-release ${chosen} (semantic_version), which cannot publish with trusted publishing (ENONPMTOKEN).` : `cycjimmy/semantic-release-action v${major} runs semantic-release 24 or older, which cannot publish with trusted publishing (ENONPMTOKEN).`;
        return [workflow.finding('release-tool-outdated', 'warning', message, step.line, 'Use cycjimmy/semantic-release-action v6 with semantic_version 25 or later (or none).')];
      }),
  );
}

/** The job's own GitHub token: it never signs in to npmjs.com (a GitHub Packages step names it NODE_AUTH_TOKEN). */
const GITHUB_TOKEN_VALUE = /^\s*\$\{\{\s*(?:secrets\.GITHUB_TOKEN|github\.token)\s*\}\}\s*$/i;

/** Steps that only check the npm token (a scheduled `npm whoami`, a test that it is set): they must go with the token. */
function tokenChecks(named: NamedWorkflow): Finding[] {
  const { workflow } = named;
  return workflow.jobs.flatMap((job) =>
    job.steps
      .filter((step) => !step.publishes && step.run !== undefined && (onlyChecksToken(step.run) || onlyChecksSet(step.run).length > 0))
      .flatMap((step) => {
        const what = onlyChecksToken(step.run!) ? 'only checks the npm token: it keeps the token alive' : 'only checks the npm token is set: it fails every run once the token is retired';
        const item = [step.env, mapAt(job.node, 'env'), mapAt(workflow.root, 'env')]
          .flatMap((env) => env?.items ?? [])
          .find((i) => isScalar(i.key) && isScalar(i.value) && isTokenEnv(String(i.key.value), String(i.value.value ?? '')) && !GITHUB_TOKEN_VALUE.test(String(i.value.value ?? '')));
        return item
          ? [workflow.finding('token-check', 'warning', `Job "${job.id}" ${what}.`, workflow.lineOf(item), 'Delete the check when the token is retired.')]
          : [];
      }),
  );
}

export function workflowDoctor(files: readonly WorkflowSource[], repo?: RepoRef, context: PublishContext = {}): WorkflowReport {
  const findings: Finding[] = [];
  const parsed: NamedWorkflow[] = [];
  const tokenSteps: Array<{ file: string; from: number; to: number }> = [];
  const adminSteps: Array<{ file: string; from: number; to: number }> = [];
  const publishing = new Set<string>();
  for (const file of files) {
    const result = parseWorkflow(file.content, file.path, context);
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
      if (range && (step.run ?? '').split('\n').some(writesAuthToken)) tokenSteps.push({ file: file.path, from: result.workflow.lineAt(range[0]), to: result.workflow.lineAt(range[1]) });
      if (range && !step.publishes && onlyAdministers(step.run ?? '')) adminSteps.push({ file: file.path, from: result.workflow.lineAt(range[0]), to: result.workflow.lineAt(range[1]) });
    }
    if (result.workflow.publishes || result.workflow.passesToken) publishing.add(file.path);
  }
  for (const named of parsed.filter((n) => n.workflow.publishes)) {
    for (const { caller } of callersOf(named.fileName, parsed)) publishing.add(caller.workflow.path);
  }
  // What publishes to npmjs.com: a job's own publish step, or a call of a reusable workflow here whose job does.
  const toNpm = parsed.filter((n) => n.workflow.jobs.some((job) => publishesToNpm(n.workflow, job)));
  const npmPublishing = new Set([...toNpm.map((n) => n.workflow.path), ...toNpm.flatMap((n) => callersOf(n.fileName, parsed).map(({ caller }) => caller.workflow.path))]);
  for (const named of parsed) findings.push(...tokenChecks(named));
  for (const named of parsed.filter((n) => publishing.has(n.workflow.path))) {
    // In a called workflow github.repository is the caller's: with no caller here, a fork guard would skip every caller.
    const guardless = isReusableWorkflow(named.workflow) && callersOf(named.fileName, parsed).length === 0;
    findings.push(...auditWorkflow(named.workflow.content, named.workflow.path, { ...(repo ? { repo } : {}), context }).filter((f) => !(guardless && f.id === 'no-fork-guard')));
    findings.push(...preflight(named.workflow, context.readFile), ...oldSemanticReleaseInRun(named), ...oldSemanticReleaseAction(named), ...oldLernaPublish(named, context), ...reusableFindings(named, parsed), ...tokenCallFindings(named), ...programAdminFindings(named, context));
  }
  // A local action several publishing jobs run is reported once, at its own line.
  const seen = new Set<string>();
  const once = findings.filter((f) => {
    if (f.id !== 'setup-node-placeholder-token' || publishing.has(f.file ?? '')) return true;
    const key = `${f.file}:${f.line}`;
    return !seen.has(key) && seen.add(key) !== undefined;
  });
  return {
    findings: once,
    checked: [...publishing].sort(),
    publishing: [...npmPublishing].sort(),
    inTokenStep: (file, line) => tokenSteps.some((s) => s.file === file && s.from <= line && line <= s.to),
    inAdminStep: (file, line) => adminSteps.some((s) => s.file === file && s.from <= line && line <= s.to),
  };
}
