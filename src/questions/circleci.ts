// The CircleCI questions. The three IDs exist only in CircleCI's settings pages, so they have no
// default: with --yes they must be flags, and the error says where each one is shown.
import type { Answers, CircleciContext, Detected } from '../core/model.js';
import { CIRCLECI_ID_PLACES, circleciId, contextName, vcsOrigin as checkVcsOrigin } from '../providers/circleci/validate.js';
import { checkedBy, forProviders } from './provider.js';
import { fail, ok, type Parsed, type TextQuestion } from './types.js';

type IdAnswer = 'circleciOrgId' | 'circleciProjectId' | 'circleciPipelineId';

function idQuestion<K extends IdAnswer>(id: K, flag: string, what: keyof typeof CIRCLECI_ID_PLACES, label: string): TextQuestion<K> {
  const place = CIRCLECI_ID_PLACES[what];
  return {
    id,
    kind: 'text',
    flag,
    label,
    help: `A UUID shown in ${place}; npm matches it exactly.`,
    whereToFind: place,
    optional: true,
    defaultValue: () => undefined,
    certain: () => false,
    applies: forProviders('circleci'),
    parse: (input) => checkedBy(() => circleciId(input, what)) as Parsed<Answers[K]>,
    format: (v) => v ?? '',
  };
}

export const circleciOrgId = idQuestion('circleciOrgId', 'circleci-org-id', 'organization ID', 'CircleCI organization ID');
export const circleciProjectId = idQuestion('circleciProjectId', 'circleci-project-id', 'project ID', 'CircleCI project ID');
export const circleciPipelineId = idQuestion('circleciPipelineId', 'circleci-pipeline-id', 'pipeline definition ID', 'CircleCI pipeline definition ID');

/** `github.com/owner/repo` from the remote, for the hosts CircleCI connects to. */
function originFromRemote(d: Detected): string | undefined {
  const { host, slug } = d.git;
  if (!host || !slug || !['github.com', 'bitbucket.org', 'gitlab.com'].includes(host)) return undefined;
  const parsed = checkedBy(() => checkVcsOrigin(`${host}/${slug}`));
  return parsed.ok ? parsed.value : undefined;
}

export const vcsOrigin: TextQuestion<'vcsOrigin'> = {
  id: 'vcsOrigin',
  kind: 'text',
  flag: 'vcs-origin',
  label: 'CircleCI VCS origin',
  help: 'The repository CircleCI builds, as github.com/owner/repo (no https://); npm matches it exactly, case too.',
  whereToFind: 'the repository URL without https://, e.g. github.com/owner/repo',
  optional: true,
  defaultValue: originFromRemote,
  certain: (d) => originFromRemote(d) !== undefined,
  applies: forProviders('circleci'),
  parse: (input) => checkedBy(() => checkVcsOrigin(input.trim().replace(/^https?:\/\//, ''))),
  format: (v) => v ?? '',
};

/** `id=name,id=name` (or empty for none): npm matches the IDs, the workflow names the contexts. */
export function parseContexts(input: string): Parsed<CircleciContext[]> {
  const items = input.split(',').map((s) => s.trim()).filter(Boolean);
  const out: CircleciContext[] = [];
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq < 0) return fail(`Write each context as id=name (the ID from ${CIRCLECI_ID_PLACES['context ID']}, then its name).`);
    const parsed = checkedBy(() => ({ id: circleciId(item.slice(0, eq), 'context ID'), name: contextName(item.slice(eq + 1).trim()) }));
    if (!parsed.ok) return fail(parsed.reason);
    out.push(parsed.value);
  }
  return ok(out);
}

export const circleciContexts: TextQuestion<'circleciContexts'> = {
  id: 'circleciContexts',
  kind: 'text',
  flag: 'circleci-context',
  label: 'CircleCI contexts for the publish job',
  help: 'Only if the job needs a context (id=name, comma-separated); npm then requires the job to run with them.',
  emptyMeans: 'no contexts',
  optional: true,
  defaultValue: () => [],
  certain: () => false,
  applies: forProviders('circleci'),
  parse: parseContexts,
  format: (v) => (v ?? []).map((c) => `${c.id}=${c.name}`).join(','),
};
