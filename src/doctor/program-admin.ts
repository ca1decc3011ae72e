// [script-admin-token] A release script of another language that a publishing step runs, whose
// failure path runs `npm unpublish`, `npm deprecate` or the like (a publish-with-rollback script):
// the npm CLI exchanges the OIDC token for `npm publish` only, so that path needs a token that can
// write to the package once the publish token is gone. Reported at the step's `run:`, naming the script's line.
import type { Finding } from '../core/model.js';
import type { PublishContext } from '../audit/publish-rule.js';
import { programAdminLine } from '../audit/program-publish.js';
import { text } from '../audit/workflow-model.js';
import type { NamedWorkflow } from './reusable.js';

export function programAdminFindings(named: NamedWorkflow, context: PublishContext): Finding[] {
  const { workflow } = named;
  if (!context.readFile) return [];
  return workflow.jobs.flatMap((job) =>
    job.steps
      .filter((step) => step.publishes && step.run !== undefined)
      .flatMap((step) => {
        const dir = text(step.node, 'working-directory') ?? '';
        const at = step.run!.split('\n').map((line) => programAdminLine(line, context, dir)).find((a) => a !== undefined);
        if (at === undefined) return [];
        return [
          workflow.finding(
            'script-admin-token',
            'warning',
            `Job "${job.id}" runs ${at.path}, which also runs npm unpublish, npm deprecate or the like (line ${at.line}): trusted publishing covers npm publish only, so that path fails without a token that can write to the package.`,
            step.runNode ? workflow.lineOf(step.runNode) : step.line,
            'Keep a granular token with write access for that path only (or drop it from the script), and let npm publish use trusted publishing.',
          ),
        ];
      }),
  );
}
