// Rules about the actions a workflow uses and what they leave behind:
// unpinned-uses, artipacked, cache-poisoning, adhoc-packages.
import { publishesToNpm } from './registry.js';
import type { Finding } from '../core/model.js';
import { isScalar } from 'yaml';
import { nodeLines, sourceLine, type SourceLine } from './source-lines.js';
import { blankQuotedData, runsString } from './shell-quotes.js';
import { pair, text, type Job, type Step, type Workflow } from './workflow-model.js';
import { secretsInCallInputs } from './call-inputs.js';
import { secretsInIf } from './if-contexts.js';
import { missingNeeds } from './job-needs.js';
import { carriedBuild } from './cache-build.js';

const SHA_REF = /@[0-9a-f]{40}$/;
const DOCKER_DIGEST = /@sha256:[0-9a-f]{64}$/;

const isAction = (uses: string | undefined, name: string) => uses !== undefined && uses.toLowerCase().startsWith(`${name}@`);

/** The major version of an action reference, from `@v4` / `@v4.1.0` / `@v2-beta` or a `# v4.1.0` comment after a SHA. */
export function actionMajor(workflow: Workflow, step: Step): number | undefined {
  const ref = /@v(\d+)(?:[.-]|$)/.exec(step.uses ?? '');
  if (ref) return Number(ref[1]);
  const comment = /#\s*v?(\d+)\b/.exec(sourceLine(workflow, workflow.lineOf(pair(step.node, 'uses'))));
  return comment ? Number(comment[1]) : undefined;
}

export function unpinnedUses(workflow: Workflow): Finding[] {
  const findings: Finding[] = [];
  const check = (uses: string, line: number) => {
    if (uses.startsWith('./')) return;
    if (uses.startsWith('docker://')) {
      if (!DOCKER_DIGEST.test(uses)) {
        findings.push(workflow.finding('unpinned-uses', 'warning', `${uses} is not pinned to an image digest.`, line, 'Pin the image by digest: docker://image@sha256:<digest>.'));
      }
      return;
    }
    if (!SHA_REF.test(uses)) {
      findings.push(
        workflow.finding('unpinned-uses', 'warning', `${uses} is not pinned to a commit: a moved tag or branch changes the code that runs with your publish rights.`, line, 'Pin to the full 40-character commit SHA with a "# vX.Y.Z" comment, and let Dependabot update it.'),
      );
    } else if (!/#\s*v?\d/.test(sourceLine(workflow, line))) {
      findings.push(workflow.finding('unpinned-uses', 'info', `${uses} is pinned but has no "# vX.Y.Z" comment, so updates are hard to review.`, line, 'Add the tag as a comment after the SHA.'));
    }
  };
  for (const job of workflow.jobs) {
    if (job.uses !== undefined) check(job.uses, workflow.lineOf(pair(job.node, 'uses')));
    for (const step of job.steps) {
      if (step.uses !== undefined) check(step.uses, workflow.lineOf(pair(step.node, 'uses')));
    }
  }
  return findings;
}

/** A step with neither `run:` nor `uses:`: GitHub rejects the whole file, so the workflow never runs. */
export function invalidSteps(workflow: Workflow): Finding[] {
  return workflow.jobs.flatMap((job) =>
    job.steps
      .filter((step) => step.run === undefined && step.uses === undefined && step.node.get('run') === undefined)
      .map((step) =>
        workflow.finding('invalid-step', 'error', `A step of job "${job.id}" has neither run: nor uses:, so GitHub rejects this workflow file and it never runs.`, step.line, 'Give the step a run: or a uses:, or remove it (a working-directory: belongs on a run: step or under defaults.run).'),
      ),
  );
}

/** A `needs:` that names a job the file does not have: GitHub rejects the whole file. */
export function invalidNeeds(workflow: Workflow): Finding[] {
  return missingNeeds(workflow.jobs).map((found) =>
    workflow.finding(
      'invalid-needs',
      'error',
      `Job "${found.job}" needs "${found.need}", a job this file does not have, so GitHub rejects this workflow file and it never runs.`,
      workflow.lineAt(found.offset),
      `Name a job of this file under needs: (or add the "${found.need}" job), or remove it.`,
    ),
  );
}

/** `${{ secrets.X }}` under `with:` of a reusable workflow call: GitHub rejects the whole file. */
export function secretCallInputs(workflow: Workflow): Finding[] {
  return workflow.jobs.flatMap((job) =>
    secretsInCallInputs(job.node).map((found) =>
      workflow.finding(
        'invalid-call-input',
        'error',
        `Job "${job.id}" passes secrets.${found.secret} to ${job.uses ?? 'a reusable workflow'} as the input "${found.input}" under with:, where GitHub does not allow the secrets context, so GitHub rejects this workflow file and it never runs.`,
        workflow.lineAt(found.offset),
        'Pass the secret under the call\'s secrets: instead (declared under on.workflow_call.secrets in the called workflow), or remove it if nothing needs it.',
      ),
    ),
  );
}

/** A job or step `if:` that reads the secrets context: GitHub rejects the whole file. */
export function secretIfConditions(workflow: Workflow): Finding[] {
  return secretsInIf(workflow.jobs.map((job) => ({ id: job.id, node: job.node, steps: job.steps.map((step) => step.node) }))).map((found) =>
    workflow.finding(
      'invalid-if-context',
      'error',
      `The if: of ${found.step ? 'a step of ' : ''}job "${found.job}" reads secrets, which GitHub does not allow in a condition, so GitHub rejects this workflow file and it never runs.`,
      workflow.lineAt(found.offset),
      found.step
        ? "Test an env value set from the secret instead (on the step or job: env: HAS_NPM_TOKEN: ${{ secrets.NPM_TOKEN != '' }}, then if: env.HAS_NPM_TOKEN == 'true'), or drop the condition."
        : "A job's if: cannot read env either: have an earlier job output whether the secret is set and test needs.<job>.outputs.<name>, move the condition onto the steps (through env), or drop it.",
    ),
  );
}

export function artipacked(workflow: Workflow): Finding[] {
  return workflow.jobs.flatMap((job) =>
    job.steps
      .filter((step) => isAction(step.uses, 'actions/checkout') && text(step.with, 'persist-credentials') !== 'false')
      .map((step) =>
        workflow.finding('artipacked', 'warning', `actions/checkout in job "${job.id}" leaves the GITHUB_TOKEN in .git/config, where later steps and artifacts can read it.`, step.line, 'Add `persist-credentials: false` under `with:`.'),
      ),
  );
}

const cacheOff = (value: string | undefined) => value === undefined || value === '' || value === 'false';

function cacheFindings(workflow: Workflow, job: Job): Finding[] {
  const findings: Finding[] = [];
  const report = (step: Step, message: string, fix: string) =>
    findings.push(workflow.finding('cache-poisoning', 'warning', `${message} (job "${job.id}" publishes: a poisoned cache would run in it).`, step.line, fix));
  for (const step of job.steps) {
    if (isAction(step.uses, 'actions/cache') || /^actions\/cache\/(?:restore|save)@/i.test(step.uses ?? '')) {
      const carried = carriedBuild(step.node, job.steps.map((s) => s.node));
      report(
        step,
        `${step.uses} restores a cache in a release job`,
        carried
          ? `It carries build output from another job of the run (${carried}): hand the build over with actions/upload-artifact and actions/download-artifact instead (an artifact belongs to its run), then remove the cache step.`
          : 'Remove the cache step from the publishing job.',
      );
    } else if (!cacheOff(text(step.with, 'cache'))) {
      report(step, `${step.uses ?? 'This step'} restores a dependency cache`, 'Remove the `cache:` input.');
    } else if (isAction(step.uses, 'actions/setup-node')) {
      const major = actionMajor(workflow, step);
      if ((major === undefined || major >= 5) && text(step.with, 'package-manager-cache') !== 'false') {
        report(step, 'actions/setup-node v5+ caches dependencies by default', 'Add `package-manager-cache: false` under `with:`.');
      }
    } else if (isAction(step.uses, 'actions/setup-go') && (actionMajor(workflow, step) ?? 4) >= 4 && text(step.with, 'cache') !== 'false') {
      report(step, 'actions/setup-go v4+ caches Go modules by default', 'Add `cache: false` under `with:`.');
    } else if (isAction(step.uses, 'oven-sh/setup-bun') && text(step.with, 'no-cache') !== 'true') {
      report(step, 'oven-sh/setup-bun caches the bun binary by default', 'Add `no-cache: true` under `with:`.');
    }
  }
  return findings;
}

export function cachePoisoning(workflow: Workflow): Finding[] {
  return workflow.jobs.filter((job) => publishesToNpm(workflow, job)).flatMap((job) => cacheFindings(workflow, job));
}

const GLOBAL_INSTALL = /\b(?:npm|pnpm)\s+(?:i|install|add)\b([^\n;&|#]*)/;

/** Package specs in a global install that float: no version, or a dist-tag such as `latest`. */
export function floatingGlobalInstalls(line: string): string[] {
  // An expression is one word (`tool@${{ env.VERSION }}`), not three.
  const match = GLOBAL_INSTALL.exec(line.replace(/\$\{\{[^}]*\}\}/g, (expr) => expr.replace(/\s+/g, '')));
  if (!match) return [];
  const args = match[1]!.trim().split(/\s+/).filter(Boolean);
  if (!args.some((arg) => arg === '-g' || arg === '--global')) return [];
  return args
    .filter((arg) => !arg.startsWith('-'))
    .filter((spec) => {
      const at = spec.indexOf('@', spec.startsWith('@') ? 1 : 0);
      const version = at === -1 ? '' : spec.slice(at + 1).replace(/^["']|["']$/g, '');
      return version === '' || /^[A-Za-z]/.test(version);
    });
}

/**
 * A script with the quoted arguments blanked that install nothing: release notes in
 * `gh release create --notes "…"`, an echo. Those of an install itself (`npm i -g "x@1"`) and of
 * a command that may run them (`sh -c "…"`) are kept.
 */
export const withoutQuotedArguments = (script: string): string => blankQuotedData(script, (command) => !runsString(command) && !GLOBAL_INSTALL.test(command));

/**
 * The source lines of a step's `run:`, the quoted arguments of its commands blanked (release
 * notes in `gh release create --notes "…"` install nothing). A YAML-quoted `run:` is read as written.
 */
function runLinesOutsideQuotes(workflow: Workflow, step: Step): SourceLine[] {
  const lines = nodeLines(workflow, step.runNode);
  if (isScalar(step.runNode) && (step.runNode.type === 'QUOTE_DOUBLE' || step.runNode.type === 'QUOTE_SINGLE')) return lines;
  const code = withoutQuotedArguments(lines.map((l) => l.text).join('\n')).split('\n');
  return lines.map((l, i) => ({ line: l.line, text: code[i] ?? l.text }));
}

export function adhocPackages(workflow: Workflow): Finding[] {
  const findings: Finding[] = [];
  for (const job of workflow.jobs) {
    for (const step of job.steps) {
      for (const { text: line, line: number } of runLinesOutsideQuotes(workflow, step)) {
        for (const spec of floatingGlobalInstalls(line)) {
          const name = spec.replace(/^["']|["']$/g, '').replace(/(?<=.)@.*$/, '');
          findings.push(
            name === 'npm'
              ? workflow.finding('adhoc-packages', 'warning', `Global install of ${spec} takes whatever version is newest that day (npm 12 no longer runs on older Node 22).`, number, 'Use a Node whose npm is new enough (Node 24) and assert `npm --version` >= 11.5.1; if an upgrade is needed, pin a range such as npm@^11.5.1.')
              : workflow.finding('adhoc-packages', 'warning', `Global install of ${spec} takes whatever version is newest that day: a new release changes what runs with your publish rights.`, number, `Pin a version (${name}@<version>), or install it as a devDependency from the lockfile.`),
          );
        }
      }
    }
  }
  return findings;
}
