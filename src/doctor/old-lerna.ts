// A publishing step that runs `lerna publish` (on its run lines, through a package.json script, or
// through a repository shell script such as `./publish.sh`) while package.json asks for lerna
// older than 9: that lerna has no OIDC exchange, so it cannot publish once the token is retired.
import type { Finding } from '../core/model.js';
import type { PublishContext } from '../audit/publish-rule.js';
import { LERNA_FIRST_OIDC_MAJOR, LERNA_PUBLISH, lernaMajor, lernaRange } from '../audit/lerna-version.js';
import { runsTool } from '../audit/runs-tool.js';
import { cleanFolder, workingDirectory } from '../detect/publish-folders.js';
import type { NamedWorkflow } from './reusable.js';

export function oldLernaPublish(named: NamedWorkflow, context: PublishContext): Finding[] {
  const { workflow } = named;
  const range = lernaRange(context.readFile);
  const major = lernaMajor(range);
  if (major === undefined || major >= LERNA_FIRST_OIDC_MAJOR) return [];
  return workflow.jobs.flatMap((job) =>
    job.steps
      .filter((step) => step.publishes && step.run !== undefined)
      .filter((step) => runsTool(step.run!, LERNA_PUBLISH, context, cleanFolder(workingDirectory(workflow, job, step) ?? '.')))
      .map((step) =>
        workflow.finding(
          'release-tool-outdated',
          'warning',
          `Job "${job.id}" publishes with lerna publish, and package.json asks for lerna ${range}: lerna exchanges the OIDC token itself only from 9.0.0 on (10.0.0 on CircleCI), so this lerna cannot publish without the token.`,
          step.line,
          'Upgrade lerna to 9 or newer before the token is retired.',
        ),
      ),
  );
}
