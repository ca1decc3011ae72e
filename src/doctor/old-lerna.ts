// A publishing step that runs `lerna publish` (on its run lines or changesets/action's publish input, through a package.json script, or
// through a repository shell script such as `./publish.sh`) while package.json asks for a lerna
// (or lerna-lite) below its OIDC floor: that lerna cannot publish once the token is retired. One
// finding at the step, the same reason --migrate refuses with.
import type { Finding } from '../core/model.js';
import type { PublishContext } from '../audit/publish-rule.js';
import { belowOidcFloor, LERNA_PUBLISH, lernaOf, lernaUpgrade } from '../audit/lerna-version.js';
import { runsTool } from '../audit/runs-tool.js';
import { stepCommands } from '../audit/workflow-model.js';
import { cleanFolder, workingDirectory } from '../detect/publish-folders.js';
import type { NamedWorkflow } from './reusable.js';

export function oldLernaPublish(named: NamedWorkflow, context: PublishContext): Finding[] {
  const { workflow } = named;
  const tool = lernaOf(context.readFile);
  if (!belowOidcFloor(tool)) return [];
  return workflow.jobs.flatMap((job) =>
    job.steps
      .filter((step) => step.publishes && runsTool(stepCommands(step.node), LERNA_PUBLISH, context, cleanFolder(workingDirectory(workflow, job, step) ?? '.'), true))
      .map((step) =>
        workflow.finding(
          'release-tool-outdated',
          'warning',
          `Job "${job.id}" publishes with lerna publish, and package.json asks for ${tool.entry} ${tool.range}: ${tool.label} exchanges the OIDC token itself only from ${tool.floor} on (${tool.circleci} on CircleCI), so this ${tool.label} cannot publish without the token.`,
          step.line,
          `${lernaUpgrade(tool)} before the token is retired.`,
        ),
      ),
  );
}
