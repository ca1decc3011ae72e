// A publishing step whose package.json script runs `bun publish` (`bun run publish` into
// `"publish": "bun publish"`): the same bun-publish error as for a `bun publish` on the step's own line.
import type { Finding } from '../core/model.js';
import type { Job, Workflow } from '../audit/index.js';
import { nodeLines } from '../audit/source-lines.js';
import { mapAt, text } from '../audit/workflow-model.js';
import { bunPublishScript } from '../audit/bun-script-publish.js';

export function bunScriptPublish(workflow: Workflow, job: Job, readFile: ((path: string) => string | undefined) | undefined): Finding[] {
  const dirOf = (step: Job['steps'][number]) => text(step.node, 'working-directory') ?? text(mapAt(mapAt(job.node, 'defaults'), 'run'), 'working-directory') ?? text(mapAt(mapAt(workflow.root, 'defaults'), 'run'), 'working-directory') ?? '';
  return job.steps.flatMap((step) =>
    nodeLines(workflow, step.runNode).flatMap(({ text: line, line: number }) => {
      const script = bunPublishScript(line, dirOf(step), readFile);
      if (!script) return [];
      return [
        workflow.finding(
          'bun-publish',
          'error',
          `This line runs the package.json script "${script.name}" (\`${script.text.trim()}\`): \`bun publish\` cannot publish with trusted publishing (it has no OIDC support).`,
          number,
          'Build with bun, then publish with `npm publish` (or `bun pm pack` and `npm publish <tarball>`).',
        ),
      ];
    }),
  );
}
