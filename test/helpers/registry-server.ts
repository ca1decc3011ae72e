// A local npm registry on 127.0.0.1 (random port) with the endpoints the product and the
// real npm CLI use here, as npm 11.19 calls them:
//   GET  /<name>, /<name>/<version>        package and version documents (dist.attestations)
//   GET  /-/whoami                          npm whoami (lib/utils/get-identity.js)
//   GET  /-/package/<name>/trust            npm trust list (lib/commands/trust/list.js)
//   POST /-/package/<name>/trust            npm trust github (lib/trust-cmd.js createConfig)
//   POST /-/package/<name>/access           npm access set mfa=... (libnpmaccess setMfa)
//   GET  /-/npm/v1/tokens, DELETE /-/npm/v1/tokens/token/<key>   npm token list / revoke
// <name> arrives escaped (`@scope%2fname`). Every request is recorded.
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT } from './cli.js';

export interface FakeVersion { attestations?: boolean }
export interface RecordedRequest { method: string; path: string; authorized: boolean; body?: unknown }
export interface FakeToken { key: string; token: string; name?: string; created: string; readonly: boolean; cidr_whitelist: string[] | null }

export interface FakeRegistry {
  url: string;
  /** The only token this registry accepts; tests put it in a per-test userconfig. */
  token: string;
  requests: RecordedRequest[];
  packages: Map<string, { latest: string; versions: Record<string, FakeVersion> }>;
  trust: Map<string, Array<Record<string, unknown>>>;
  access: Map<string, unknown>;
  tokens: FakeToken[];
  /** Packages whose trust configuration is refused with 403 (as for a token that bypasses 2FA). */
  rejectTrust: Set<string>;
  /** Env for the real npm CLI: this registry, a userconfig with the token, an empty cache. */
  npmEnv(): NodeJS.ProcessEnv;
  close(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}

export async function startRegistry(options: { user?: string } = {}): Promise<FakeRegistry> {
  const token = `fake-registry-token-${Math.random().toString(36).slice(2)}`;
  const state = { packages: new Map(), trust: new Map(), access: new Map(), tokens: [] as FakeToken[], requests: [] as RecordedRequest[], rejectTrust: new Set<string>() };
  let base = '';
  const packument = (name: string) => {
    const pkg = state.packages.get(name) as { latest: string; versions: Record<string, FakeVersion> };
    const versions = Object.fromEntries(Object.entries(pkg.versions).map(([v, info]) => [v, versionDoc(name, v, info)]));
    return { name, 'dist-tags': { latest: pkg.latest }, versions };
  };
  const versionDoc = (name: string, version: string, info: FakeVersion) => ({
    name,
    version,
    dist: {
      tarball: `${base}/${name}/-/${name.split('/').pop()}-${version}.tgz`,
      integrity: 'sha512-AAAA',
      ...(info.attestations ? { attestations: { url: `${base}/-/npm/v1/attestations/${name}@${version}`, provenance: { predicateType: 'https://slsa.dev/provenance/v1' } } } : {}),
    },
  });

  const server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const authorized = req.headers.authorization === `Bearer ${token}`;
    const body = req.method === 'POST' || req.method === 'PUT' ? await readBody(req) : undefined;
    state.requests.push({ method: req.method ?? 'GET', path, authorized, ...(body !== undefined ? { body } : {}) });
    const needAuth = () => (authorized ? false : (json(res, 401, { error: 'You must be logged in' }), true));

    if (path === '/-/whoami') return needAuth() || json(res, 200, { username: options.user ?? 'alice' });
    if (path === '/-/npm/v1/tokens') return needAuth() || json(res, 200, { objects: state.tokens, total: state.tokens.length, urls: {} });
    const tokenKey = /^\/-\/npm\/v1\/tokens\/token\/(.+)$/.exec(path);
    if (tokenKey && req.method === 'DELETE') {
      if (needAuth()) return;
      state.tokens = state.tokens.filter((t) => t.key !== tokenKey[1]);
      return json(res, 204, {});
    }
    const pkgApi = /^\/-\/package\/([^/]+)\/(trust|access)$/.exec(path);
    if (pkgApi) {
      if (needAuth()) return;
      const name = decodeURIComponent(pkgApi[1]!);
      if (!state.packages.has(name)) return json(res, 404, { error: 'Not found' });
      if (pkgApi[2] === 'access') return state.access.set(name, body), json(res, 200, {});
      const list = (state.trust.get(name) ?? []) as Array<Record<string, unknown>>;
      if (req.method === 'GET') return json(res, 200, list);
      if (state.rejectTrust.has(name)) return json(res, 403, { error: 'Two-factor authentication is required: tokens that bypass 2FA cannot change trusted publishers' });
      const created = (body as Array<Record<string, unknown>>).map((config, i) => ({ id: `tp-${list.length + i + 1}`, ...config }));
      state.trust.set(name, [...list, ...created]);
      return json(res, 201, created);
    }
    const doc = /^\/((?:@[^/%]+(?:%2[fF]|\/))?[^/@][^/]*)(?:\/([^/]+))?$/.exec(path);
    if (req.method === 'GET' && doc) {
      const name = decodeURIComponent(doc[1]!);
      const pkg = state.packages.get(name) as { latest: string; versions: Record<string, FakeVersion> } | undefined;
      if (!pkg) return json(res, 404, { error: 'Not found' });
      if (!doc[2]) return json(res, 200, packument(name));
      const version = doc[2] === 'latest' ? pkg.latest : decodeURIComponent(doc[2]);
      const info = pkg.versions[version];
      return info ? json(res, 200, versionDoc(name, version, info)) : json(res, 404, { error: 'version not found' });
    }
    json(res, 404, { error: `no route for ${req.method} ${path}` });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  base = `http://127.0.0.1:${port}`;
  const dir = mkdtempSync(join(tmpdir(), 'ctp-npm-'));
  const userconfig = join(dir, 'npmrc');
  writeFileSync(userconfig, `registry=${base}/\n//127.0.0.1:${port}/:_authToken=${token}\n`);
  writeFileSync(join(dir, 'globalnpmrc'), '');

  return {
    url: base,
    token,
    get requests() { return state.requests; },
    packages: state.packages,
    trust: state.trust,
    access: state.access,
    rejectTrust: state.rejectTrust,
    get tokens() { return state.tokens; },
    set tokens(value: FakeToken[]) { state.tokens = value; },
    npmEnv: () => ({
      npm_config_registry: `${base}/`,
      npm_config_userconfig: userconfig,
      npm_config_globalconfig: join(dir, 'globalnpmrc'),
      npm_config_cache: join(dir, 'cache'),
      npm_config_update_notifier: 'false',
      npm_config_fund: 'false',
      npm_config_audit: 'false',
      npm_config_loglevel: 'warn',
    }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  } as FakeRegistry;
}

/**
 * Runs the built binary without blocking this process: the registry above runs in the test
 * process, so spawnSync (test/helpers/cli.ts) would deadlock against it.
 */
export function runCliAsync(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, BROWSER: 'none', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
