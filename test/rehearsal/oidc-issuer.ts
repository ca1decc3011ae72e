// A fake OIDC issuer on 127.0.0.1 for the rehearsal: it signs ID tokens (HS256 JWTs, with a key
// the fake registry shares) carrying the claims each CI provider puts in its tokens.
//   GitHub: GET <ACTIONS_ID_TOKEN_REQUEST_URL>&audience=npm:<registry host>, with
//           `Authorization: Bearer <ACTIONS_ID_TOKEN_REQUEST_TOKEN>`, answers { value: <jwt> }
//           (https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect).
//   GitLab: the job's `id_tokens` become env vars (NPM_ID_TOKEN) holding a JWT: mint() below.
//   CircleCI: `circleci run oidc get --claims '{"aud": ...}'` prints one: mint() below.
import { createHmac, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

export type Claims = Record<string, unknown>;

const b64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

export interface Issuer {
  /** The `iss` of every token. */
  url: string;
  /** Signs claims (with iss, iat, exp added) into a JWT. */
  mint(claims: Claims): string;
  /** Verifies a JWT this issuer signed; undefined when forged, expired or not a JWT. */
  verify(jwt: string): Claims | undefined;
  /**
   * A job's request URL and bearer token, answering with `claims` plus the requested audience:
   * GitHub's ACTIONS_ID_TOKEN_REQUEST_URL/TOKEN, and what the `circleci` stand-in asks.
   */
  githubRequest(claims: Claims): { url: string; token: string };
  /** Every audience GitHub-style requests asked for, in order. */
  audiences: string[];
  close(): Promise<void>;
}

export async function startIssuer(): Promise<Issuer> {
  const key = randomBytes(32);
  const jobs = new Map<string, Claims>();
  const audiences: string[] = [];
  let url = '';
  const sign = (input: string) => createHmac('sha256', key).update(input).digest('base64url');
  const mint = (claims: Claims) => {
    const now = Math.floor(Date.now() / 1000);
    const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const body = b64url(JSON.stringify({ iss: url, iat: now, nbf: now, exp: now + 300, ...claims }));
    return `${head}.${body}.${sign(`${head}.${body}`)}`;
  };
  const verify = (jwt: string): Claims | undefined => {
    const [head, body, signature] = jwt.split('.');
    if (!head || !body || signature !== sign(`${head}.${body}`)) return undefined;
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Claims;
    return typeof claims.exp === 'number' && claims.exp > Date.now() / 1000 ? claims : undefined;
  };
  const server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', url);
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const claims = token ? jobs.get(token) : undefined;
    const audience = u.searchParams.get('audience');
    res.setHeader('content-type', 'application/json');
    if (u.pathname !== '/token' || !claims) return res.writeHead(401).end(JSON.stringify({ message: 'Unauthorized' }));
    audiences.push(audience ?? '');
    res.end(JSON.stringify({ value: mint({ ...claims, aud: audience ?? url }) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // Never what keeps the test process alive (a filtered run may skip the hook that closes it).
  server.unref();
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url,
    mint,
    verify,
    audiences,
    githubRequest(claims) {
      const token = randomBytes(16).toString('hex');
      jobs.set(token, claims);
      // GitHub's URL already carries a query string; npm appends `audience` to it.
      return { url: `${url}/token?api-version=2.0`, token };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The claims of a GitHub Actions job's ID token (the ones npm's trusted publishing reads, and their neighbours). */
export function githubClaims(o: { repository: string; workflowFile: string; ref: string; eventName: string; environment: string | null; sha?: string }): Claims {
  const owner = o.repository.split('/')[0];
  const workflowRef = `${o.repository}/.github/workflows/${o.workflowFile}@${o.ref}`;
  return {
    sub: `repo:${o.repository}:${o.environment ? `environment:${o.environment}` : `ref:${o.ref}`}`,
    repository: o.repository,
    repository_owner: owner,
    // Private: npm turns provenance on only for a public repository (lib/utils/oidc.js), and
    // provenance signs through Sigstore over the network. The rehearsal stays offline this way
    // without changing anything the workflow runs (a --provenance flag in it would still fail).
    repository_visibility: 'private',
    workflow_ref: workflowRef,
    job_workflow_ref: workflowRef,
    ref: o.ref,
    ref_type: o.ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    sha: o.sha ?? '0'.repeat(40),
    event_name: o.eventName,
    runner_environment: 'github-hosted',
    ...(o.environment ? { environment: o.environment } : {}),
  };
}

/** The claims of a GitLab CI/CD job's ID token (https://docs.gitlab.com/ci/secrets/id_token_authentication/). */
export function gitlabClaims(o: { projectPath: string; ciFile: string; tag: string; environment: string | null }): Claims {
  return {
    sub: `project_path:${o.projectPath}:ref_type:tag:ref:${o.tag}`,
    namespace_path: o.projectPath.slice(0, o.projectPath.lastIndexOf('/')),
    project_path: o.projectPath,
    // Private, for the same reason as GitHub's repository_visibility above.
    project_visibility: 'private',
    ref: o.tag,
    ref_type: 'tag',
    ref_protected: 'true',
    ci_config_ref_uri: `gitlab.com/${o.projectPath}//${o.ciFile}@refs/tags/${o.tag}`,
    runner_environment: 'gitlab-hosted',
    ...(o.environment ? { environment: o.environment } : {}),
  };
}

/** The claims of a CircleCI job's OIDC token (https://circleci.com/docs/openid-connect-tokens/). */
export function circleciClaims(o: { orgId: string; projectId: string; pipelineDefinitionId: string; vcsOrigin: string; tag: string; contextIds: string[] }): Claims {
  return {
    sub: `org/${o.orgId}/project/${o.projectId}/user/00000000-0000-4000-8000-000000000000`,
    'oidc.circleci.com/project-id': o.projectId,
    'oidc.circleci.com/pipeline-definition-id': o.pipelineDefinitionId,
    'oidc.circleci.com/vcs-origin': o.vcsOrigin,
    'oidc.circleci.com/vcs-ref': `refs/tags/${o.tag}`,
    'oidc.circleci.com/context-ids': o.contextIds,
  };
}
