// Adding the publish job to an existing .gitlab-ci.yml, or saying why it should be pasted by hand.
import { isMap } from 'yaml';
import { GITLAB_GLOBAL_KEYWORDS } from './job.js';
import { jobName as checkJobName } from '../validate.js';
import { entryData, parseExisting, upsertEntry, verifyMerged, type MergeResult } from '../yaml-merge.js';

const TOKEN_HINT = /\b(NPM_TOKEN|NODE_AUTH_TOKEN)\b|_authToken/;

/**
 * `job` is the output of renderGitlabJob (marker comment, then `jobName:`). Adds it to `existing`,
 * or replaces the job of that name when this product wrote it, keeping every other byte. Refuses
 * (returning the job as a snippet to paste, and the reason) when that cannot be done safely.
 */
export function mergeIntoGitlabCi(existing: string | undefined, job: string, jobName: string): MergeResult {
  checkJobName(jobName, GITLAB_GLOBAL_KEYWORDS);
  const jobData = entryData(job, jobName);
  const cannot = (reason: string): MergeResult => ({ cannotMerge: `cannot add the job to the CI file: ${reason}`, snippet: job });
  if (existing === undefined || existing.trim() === '') return { content: job, notes: [] };

  const doc = parseExisting(existing);
  if (typeof doc === 'string') return cannot(`${doc}. Add the job by hand`);
  const root = doc.contents;
  if (root === null) {
    // Comments only: keep them, the job goes below.
    const eol = existing.includes('\r\n') ? '\r\n' : '\n';
    const sep = existing.endsWith('\n') ? eol : eol + eol;
    return { content: existing + sep + job.replace(/\n/g, eol), notes: [] };
  }
  if (!isMap(root)) return cannot('its top level is not a mapping');

  const data = doc.toJS() as Record<string, unknown>;
  const keys = Object.keys(data);
  const jobs = keys.filter((key) => !(GITLAB_GLOBAL_KEYWORDS as readonly string[]).includes(key) && !key.startsWith('.'));
  if (keys.includes('include') && jobs.length === 0) {
    return cannot(
      'it only includes other files, so the jobs live elsewhere. Paste the job into the included file that holds ' +
        'your release jobs (npm still matches the top-level CI file)',
    );
  }
  const stages = data.stages;
  if (Array.isArray(stages) && !stages.includes('deploy')) {
    return cannot('its `stages:` list has no `deploy` stage. Add `deploy` to it, or change the job\'s `stage:` to your release stage');
  }

  const splice = upsertEntry(existing, root, jobName, job);
  if (typeof splice === 'string') return cannot(`${splice}. Rename or remove that job, or merge by hand`);
  const failure = verifyMerged(splice.text, { ...data, [jobName]: jobData });
  if (failure) return cannot(failure);
  return { content: splice.text, notes: notesFor(data, existing, jobName) };
}

function notesFor(data: Record<string, unknown>, existing: string, jobName: string): string[] {
  const notes: string[] = [];
  if ('workflow' in data) {
    notes.push('Your `workflow: rules:` decide which pipelines run: make sure tag pipelines do, or the publish job never starts.');
  }
  if ('default' in data) {
    notes.push(`The "${jobName}" job ignores \`default:\` (inherit: default: false), so it gets no cache, before_script or runner tags from it.`);
  }
  if ('include' in data) {
    notes.push(`Jobs from \`include:\` were not checked: make sure none is also named "${jobName}" or publishes with a token.`);
  }
  if (TOKEN_HINT.test(existing)) {
    notes.push('This file still mentions an npm token: once the OIDC publish works, remove the token publish job and the CI/CD variable.');
  }
  return notes;
}
