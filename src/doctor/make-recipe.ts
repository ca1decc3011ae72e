// A publishing step that runs a make target (`make publish`) publishes with what the target's
// recipe runs: the token-line rule and the Yarn 1 rule apply to those lines as they do to a
// `run:` block, and the finding sits on the Makefile's line.
import type { Finding } from '../core/model.js';
import type { Job, Workflow } from '../audit/index.js';
import { makeRecipeLines, recipeCommand } from '../audit/make-targets.js';
import { writesAuthToken } from '../audit/token-forms.js';
import { npmPublishSteps } from '../audit/registry.js';
import { text } from '../audit/workflow-model.js';
import { YARN1_PUBLISH } from './packages.js';

export function makeRecipeFindings(workflow: Workflow, job: Job, readFile?: (path: string) => string | undefined): Finding[] {
  if (!readFile) return [];
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const step of npmPublishSteps(workflow, job)) {
    const dir = text(step.node, 'working-directory') ?? '';
    for (const runLine of (step.run ?? '').split('\n')) {
      const recipe = makeRecipeLines(runLine, readFile, dir.replace(/^\.\/?/, '').replace(/\/$/, ''));
      for (const { line, raw } of recipe?.lines ?? []) {
        const key = `${recipe!.path}:${line}`;
        const command = recipeCommand(raw).replace(/(^|\s)#.*$/, '');
        if (seen.has(key) || command === '') continue;
        const via = `Job "${job.id}" of ${workflow.path} runs it with \`${runLine.trim()}\`.`;
        if (writesAuthToken(command)) {
          seen.add(key);
          findings.push({ id: 'use-trusted-publishing', level: 'error', message: `The Makefile recipe writes an _authToken to .npmrc for publishing. ${via}`, file: recipe!.path, line, fix: 'Remove the line: npm exchanges the job\'s OIDC token itself.' });
        } else if (YARN1_PUBLISH.test(command) && !/--dry-run\b/.test(command)) {
          seen.add(key);
          findings.push({ id: 'yarn1-publish', level: 'error', message: `\`yarn publish\` is Yarn 1, which cannot publish with trusted publishing. ${via}`, file: recipe!.path, line, fix: 'Publish with `npm publish` (Yarn 1 can still install), or use Yarn 4.10.3+ with `yarn npm publish`.' });
        }
      }
    }
  }
  return findings;
}
