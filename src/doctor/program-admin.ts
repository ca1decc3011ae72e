// [script-admin-token] A release script of another language that a publishing step runs, whose
// failure path runs `npm unpublish`, `npm deprecate` or the like (a publish-with-rollback script):
// the npm CLI exchanges the OIDC token for `npm publish` only, so that path needs a token that can
// write to the package once the publish token is gone. Reported at the step's `run:`, naming the script's line.
// The same for `npm dist-tag add` and the like after the publish in the step's own script, when no token reaches the step.
import { isScalar, type YAMLMap } from 'yaml';
import type { Finding } from '../core/model.js';
import { adminLines, commandPublishes, type PublishContext } from '../audit/publish-rule.js';
import { programAdminLine } from '../audit/program-publish.js';
import { isTokenEnv } from '../audit/token-forms.js';
import { mapAt, text } from '../audit/workflow-model.js';
import { nodeLines } from '../audit/source-lines.js';
import type { NamedWorkflow } from './reusable.js';

const hasToken = (env: YAMLMap | undefined): boolean =>
  (env?.items ?? []).some((item) => isScalar(item.key) && isScalar(item.value) && isTokenEnv(String(item.key.value), String(item.value.value ?? '')));

function ownAdminFindings({ workflow }: NamedWorkflow): Finding[] {
  return workflow.jobs.flatMap((job) =>
    job.steps.flatMap((step) => {
      const lines = step.runNode ? nodeLines(workflow, step.runNode) : [];
      const first = lines.findIndex((l) => commandPublishes(l.text));
      const admin = lines.find((l, i) => first >= 0 && i > first && adminLines(l.text).length > 0);
      if (admin === undefined || [step.env, mapAt(job.node, 'env'), mapAt(workflow.root, 'env')].some(hasToken)) return [];
      const command = /npm\s+[\w-]+/.exec(admin.text)![0];
      return [
        workflow.finding('script-admin-token', 'warning', `Job "${job.id}" runs ${command} after the publish, in the same step, with no token: trusted publishing covers npm publish only, so that line fails.`, admin.line, 'Move it to a step of its own with a granular token that can write to the package.'),
      ];
    }),
  );
}

export function programAdminFindings(named: NamedWorkflow, context: PublishContext): Finding[] {
  const { workflow } = named;
  if (!context.readFile) return ownAdminFindings(named);
  return ownAdminFindings(named).concat(...workflow.jobs.map((job) =>
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
  ));
}
