// `npm ci` installs only from a package-lock.json or npm-shrinkwrap.json; with neither it stops
// the job (EUSAGE), so a publish after it never runs, token or not. Read only where it is certain:
// the step runs at the repository's top or in a literal working directory, nothing earlier in the
// job can have brought a lockfile there (an artifact downloaded to the top, a script that names
// one, a cd), and the repository's files can be read.
import type { Finding } from '../core/model.js';
import { mapAt, text, type Job, type Workflow } from './workflow-model.js';
import { nodeLines } from './source-lines.js';

const NPM_CI = /(?:^|[;&|(]\s*|\bthen\s+|\bdo\s+)npm\s+(?:ci|clean-install|install-clean|isntall-clean|ic)(?=\s|$|;)/;
const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json'];
const OTHER_LOCKFILES = ['bun.lock', 'bun.lockb', 'yarn.lock', 'pnpm-lock.yaml'];

/** A folder relative to the top ('' for the top), or undefined when it is not a plain literal. */
function literalFolder(dir: string | undefined): string | undefined {
  if (dir === undefined) return '';
  if (/[$*?{}]|\.\./.test(dir)) return undefined;
  return dir.replace(/^\.\/?/, '').replace(/\/+$/, '');
}

export function npmCiWithoutLockfile(workflow: Workflow, job: Job, readFile?: (path: string) => string | undefined): Finding[] {
  if (!readFile) return [];
  const jobDir = text(mapAt(mapAt(job.node, 'defaults'), 'run'), 'working-directory') ?? text(mapAt(mapAt(workflow.root, 'defaults'), 'run'), 'working-directory');
  const firstPublish = job.steps.findIndex((step) => step.publishes);
  for (const [index, step] of job.steps.entries()) {
    if (firstPublish >= 0 && index > firstPublish) break;
    // Something earlier may have brought a lockfile: an artifact or cache, another checkout, a script naming one.
    if (step.uses !== undefined && !/^actions\/(?:checkout|setup-node)@/i.test(step.uses)) {
      // An artifact lands where its `path:` says (the top when none); a cache restores the paths it names.
      const path = text(step.with, 'path');
      if (/download-artifact/i.test(step.uses) && (path === undefined || literalFolder(path) === undefined || ['', '.'].includes(literalFolder(path)!))) return [];
      if (/cache/i.test(step.uses) && /lock|shrinkwrap/.test(path ?? '')) return [];
      continue;
    }
    if (step.uses !== undefined) {
      if (/checkout/i.test(step.uses) && (text(step.with, 'path') !== undefined || text(step.with, 'sparse-checkout') !== undefined)) return [];
      continue;
    }
    const lines = nodeLines(workflow, step.runNode);
    if (lines.some(({ text: line }) => /package-lock|shrinkwrap|\bcd\b|pushd/.test(line))) return [];
    const ci = lines.find(({ text: line }) => NPM_CI.test(line.replace(/#.*$/, '')));
    if (!ci) continue;
    const dir = literalFolder(text(step.node, 'working-directory') ?? jobDir);
    if (dir === undefined) return [];
    const at = (file: string) => (dir ? `${dir}/${file}` : file);
    if (readFile(at('package.json')) === undefined || LOCKFILES.some((file) => readFile(at(file)) !== undefined)) return [];
    const other = OTHER_LOCKFILES.find((file) => readFile(at(file)) !== undefined);
    const where = dir ? `${dir}/` : 'the repository';
    return [
      workflow.finding(
        'npm-ci-no-lockfile',
        'error',
        `Job "${job.id}" runs \`npm ci\`, which stops without a package-lock.json or npm-shrinkwrap.json, and ${where} has neither${other ? ` (it has ${other})` : ''}: the job stops before it publishes.`,
        ci.line,
        other ? `Install with the package manager of ${other}, or commit a package-lock.json.` : 'Commit a package-lock.json, or use `npm install`.',
      ),
    ];
  }
  return [];
}
