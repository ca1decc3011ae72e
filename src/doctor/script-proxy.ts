// [registry-proxy] for a release script a publishing step runs that names a proxy in front of
// npmjs.com itself (audit/script-registry.ts): the finding sits on the script's line.
import type { Finding } from '../core/model.js';
import type { Job, Workflow } from '../audit/index.js';
import { npmPublishSteps } from '../audit/registry.js';
import { scriptFilesRunBy } from '../audit/script-files.js';
import { scriptProxies } from '../audit/script-registry.js';
import { text } from '../audit/workflow-model.js';

export function scriptProxy(workflow: Workflow, job: Job, readFile?: (path: string) => string | undefined): Finding[] {
  if (!readFile) return [];
  return npmPublishSteps(workflow, job).flatMap((step) => {
    const dir = text(step.node, 'working-directory') ?? '';
    const files = (step.run ?? '').split('\n').flatMap((line) => scriptFilesRunBy(line, dir));
    return scriptProxies(files, readFile).map(({ path, line, registry }): Finding => ({
      id: 'registry-proxy',
      level: 'error',
      message: `${registry} is a proxy: trusted publishing exists only on registry.npmjs.org. Job "${job.id}" of ${workflow.path} runs ${path}, which publishes through it.`,
      file: path,
      line,
      fix: 'Remove the `--registry` argument from the script: npm publishes to registry.npmjs.org by default.',
    }));
  });
}
