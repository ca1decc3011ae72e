// The trusted publishers the fake registry matches ID tokens against, parsed from what the tool
// printed ("On npmjs.com: add a trusted publisher"), so a rehearsal proves the printed values
// and the generated job agree. Matching follows docs.npmjs.com/trusted-publishers: every field
// exact and case-sensitive; an empty environment (or context IDs) field is not checked.
import type { Claims } from './oidc-issuer.js';

export type Publisher = { allowPublish: boolean } & (
  | { kind: 'github'; owner: string; repository: string; workflow: string; environment: string }
  | { kind: 'gitlab'; namespace: string; project: string; ciFile: string; environment: string }
  | { kind: 'circleci'; orgId: string; projectId: string; pipelineDefinitionId: string; vcsOrigin: string; contextIds: string[] }
);

/** Each package's publisher, from the tool's output (text mode, no colour). */
export function parsePrinted(stdout: string): Map<string, Publisher> {
  const out = new Map<string, Publisher>();
  const start = stdout.indexOf('On npmjs.com: add a trusted publisher');
  if (start === -1) throw new Error('the output names no trusted publisher');
  let name = '';
  let fields: Record<string, string> = {};
  const flush = () => {
    if (name) out.set(name, toPublisher(fields));
    fields = {};
  };
  for (const line of stdout.slice(start).split('\n').slice(1)) {
    // The access page's URL names the package (on the name's line, or on a line of its own).
    const head = /(?:^|  )https:\/\/www\.npmjs\.com\/package\/(\S+)\/access$/.exec(line);
    if (head) {
      flush();
      name = head[1]!;
      continue;
    }
    const field = /^ {4}(\S(?:\S| (?! ))*) {2,}(.*)$/.exec(line);
    if (field && name) {
      // The report draws a box before the allowed action ("☐ Allow npm publish"; "[ ]" in ASCII).
      const [value = ''] = field[2]!.replace(/^(?:☐|\[ \]) /, '').split(/ {2,}/);
      fields[field[1]!] = value === '(leave empty)' ? '' : value;
    }
    if (line === '' && name && Object.keys(fields).length) flush(), (name = '');
    if (/^Then /.test(line)) break;
  }
  flush();
  return out;
}

function toPublisher(f: Record<string, string>): Publisher {
  const allowPublish = f['Allowed actions'] === 'Allow npm publish';
  switch (f.Publisher) {
    case 'GitHub Actions':
      return { kind: 'github', allowPublish, owner: f['Organization or user']!, repository: f.Repository!, workflow: f['Workflow filename']!, environment: f['Environment name'] ?? '' };
    case 'GitLab CI/CD':
      return { kind: 'gitlab', allowPublish, namespace: f.Namespace!, project: f['Project name']!, ciFile: f['Top-level CI file path']!, environment: f['Environment name'] ?? '' };
    case 'CircleCI':
      return {
        kind: 'circleci',
        allowPublish,
        orgId: f['Organization ID']!,
        projectId: f['Project ID']!,
        pipelineDefinitionId: f['Pipeline definition ID']!,
        vcsOrigin: f['VCS origin']!,
        contextIds: (f['Context IDs'] ?? '').split(/,\s*/).filter(Boolean),
      };
    default:
      throw new Error(`unknown publisher ${JSON.stringify(f.Publisher)} in ${JSON.stringify(f)}`);
  }
}

/** `owner/repo/.github/workflows/publish.yml@refs/tags/v1` -> `publish.yml`. */
const workflowFile = (ref: unknown) => /^[^/]+\/[^/]+\/\.github\/workflows\/([^@/]+)@/.exec(String(ref))?.[1];
/** `gitlab.com/group/project//ci/release.yml@refs/tags/v1` -> `ci/release.yml`. */
const gitlabCiFile = (uri: unknown) => /^[^/]+\/.+?\/\/(.+)@[^@]+$/.exec(String(uri))?.[1];

export function matches(p: Publisher, c: Claims): boolean {
  switch (p.kind) {
    case 'github':
      // workflow_ref names the top-level workflow: the caller's file when a reusable one publishes.
      return c.repository === `${p.owner}/${p.repository}` && workflowFile(c.workflow_ref) === p.workflow && (p.environment === '' || c.environment === p.environment);
    case 'gitlab':
      return c.project_path === `${p.namespace}/${p.project}` && gitlabCiFile(c.ci_config_ref_uri) === p.ciFile && (p.environment === '' || c.environment === p.environment);
    case 'circleci': {
      const contexts = (c['oidc.circleci.com/context-ids'] as string[] | undefined) ?? [];
      return (
        String(c.sub).startsWith(`org/${p.orgId}/project/${p.projectId}/`) &&
        c['oidc.circleci.com/project-id'] === p.projectId &&
        c['oidc.circleci.com/pipeline-definition-id'] === p.pipelineDefinitionId &&
        c['oidc.circleci.com/vcs-origin'] === p.vcsOrigin &&
        p.contextIds.every((id) => contexts.includes(id))
      );
    }
  }
}

/** The repository URL package.json "repository.url" must match, from the token's claims. */
export function sourceRepository(c: Claims): string {
  if (typeof c.repository === 'string') return `https://github.com/${c.repository}`;
  if (typeof c.project_path === 'string') return `https://gitlab.com/${c.project_path}`;
  return `https://${String(c['oidc.circleci.com/vcs-origin'])}`;
}
