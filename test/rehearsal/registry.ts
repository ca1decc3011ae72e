// A fake npm registry on 127.0.0.1 that speaks trusted publishing, for the rehearsal. It answers
// the requests the real npm CLI (11.5.1 and newer) makes when a CI job publishes:
//   POST /-/npm/v1/oidc/token/exchange/package/<escaped>  ID token -> short-lived publish token
//   GET  /<escaped>                                       packument (npm view, npm publish's version check)
//   PUT  /<escaped>                                       npm publish (libnpmpublish)
//   POST /-/stage/package/<escaped>                       npm stage publish (libnpmpublish, stage: true)
// and serves the tarballs of a few tools (pnpm, ...) copied from the npm registry, so a workflow's
// own `npm install -g pnpm@x` runs against it. Every request is recorded with the kind of
// credential it carried. The matching rules are npmjs.com's, as docs.npmjs.com/trusted-publishers
// states them: every field exact and case-sensitive; GitHub: repository, the workflow file of the
// top-level (caller's) workflow, and the environment when one is configured; GitLab: project path,
// top-level CI file, environment; CircleCI: organization, project and pipeline definition IDs,
// VCS origin, and the context IDs when configured. Answers as npmjs.com does: 404 for a mismatch
// (npm reports an unauthorised write as not found), 403 over an existing version and for a
// publisher that allows stage publish only, 402 for a new scoped package without public access,
// 422 when package.json repository.url is not the repository the token names.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { gunzipSync } from 'node:zlib';
import type { Claims, Issuer } from './oidc-issuer.js';
import { matches, sourceRepository, type Publisher } from './publishers.js';

export type Credential = 'none' | 'id-token' | 'exchanged' | 'other';
export interface Request { method: string; path: string; credential: Credential }
export interface Published { name: string; version: string; stage: boolean; manifest: Record<string, unknown>; /** Paths in the tarball, `package/` removed. */ files: string[] }
interface Pkg { access: 'public' | 'restricted'; versions: Record<string, Record<string, unknown>>; publishers: Publisher[] }

export interface Registry {
  url: string;
  requests: Request[];
  /** Versions accepted by PUT or POST /-/stage, in order. */
  published: Published[];
  /** Exchanges answered, with the package name and whether the publisher matched. */
  exchanges: Array<{ name: string; status: number }>;
  addPackage(name: string, o: { versions?: string[]; access?: 'public' | 'restricted'; publishers: Publisher[] }): void;
  /** Serves a tool's tarball (from the npm registry) as `name@version`. */
  mirror(manifest: Record<string, unknown>, tarball: string): void;
  /** Serves the tarballs a lockfile names from the npm cache an install of it filled (see lockedInstall). */
  serveLocked(lock: { packages: Record<string, Record<string, unknown>> }, cache: string): void;
  close(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

async function body(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/**
 * `audiences`: what the registry accepts as `aud`: `npm:<its own host>` (npm derives it from the
 * registry URL) and `npm:registry.npmjs.org`, the registry it stands in for (GitLab and CircleCI
 * jobs write that audience themselves).
 */
export async function startRegistry(issuer: Issuer): Promise<Registry> {
  const packages = new Map<string, Pkg>();
  const mirrors = new Map<string, { versions: Record<string, Record<string, unknown>>; files: Map<string, string> }>();
  /** Tarball path (`/name/-/file.tgz`) -> its file in an npm cache. */
  const locked = new Map<string, string>();
  const tokens = new Map<string, { name: string; claims: Claims; publisher: Publisher }>();
  const requests: Request[] = [];
  const published: Published[] = [];
  const exchanges: Array<{ name: string; status: number }> = [];
  let base = '';

  const credential = (req: IncomingMessage): { kind: Credential; value?: string } => {
    const value = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!req.headers.authorization) return { kind: 'none' };
    if (value && tokens.has(value)) return { kind: 'exchanged', value };
    if (value && issuer.verify(value)) return { kind: 'id-token', value };
    return { kind: 'other', value };
  };
  const audienceOk = (aud: unknown) => aud === `npm:${new URL(base).hostname}` || aud === 'npm:registry.npmjs.org';

  const packument = (name: string, pkg: Pkg) => {
    const versions = Object.keys(pkg.versions);
    return { name, 'dist-tags': versions.length ? { latest: versions.at(-1) } : {}, versions: pkg.versions };
  };

  async function publish(req: IncomingMessage, res: ServerResponse, name: string, stage: boolean, cred: { kind: Credential; value?: string }) {
    const grant = cred.value ? tokens.get(cred.value) : undefined;
    if (cred.kind === 'none') return json(res, 401, { error: 'This command requires you to be logged in.' });
    if (!grant || grant.name !== name) return json(res, 404, { error: `Not found - '${name}' is not in this registry or you have no permission to publish it.` });
    if (!stage && grant.publisher.allowPublish === false) return json(res, 403, { error: 'OIDC permission denied for this action' });
    const doc = await body(req);
    const pkg = packages.get(name)!;
    const [version, manifest] = Object.entries((doc.versions ?? {}) as Record<string, Record<string, unknown>>)[0] ?? [];
    if (!version || !manifest) return json(res, 400, { error: 'no version in the document' });
    if (pkg.versions[version]) return json(res, 403, { error: `You cannot publish over the previously published versions: ${version}.` });
    if (Object.keys(pkg.versions).length === 0 && name.startsWith('@') && doc.access !== 'public') {
      return json(res, 402, { error: 'You must sign up for private packages' });
    }
    const expected = sourceRepository(grant.claims);
    const repo = manifest.repository as { url?: string } | string | undefined;
    const actual = typeof repo === 'string' ? repo : (repo?.url ?? '');
    if (normalizeRepoUrl(actual) !== expected) {
      return json(res, 422, { error: `Error verifying sigstore provenance bundle: Failed to validate repository information: package.json: "repository.url" is "${actual}", expected to match "${expected}" from provenance` });
    }
    if (!stage) pkg.versions[version] = manifest;
    const attachment = Object.values((doc._attachments ?? {}) as Record<string, { data?: string }>)[0];
    published.push({ name, version, stage, manifest, files: tarFiles(Buffer.from(attachment?.data ?? '', 'base64')) });
    return stage ? json(res, 201, { stageId: `stage-${published.length}` }) : json(res, 200, { ok: true });
  }

  const server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const cred = credential(req);
    requests.push({ method: req.method ?? 'GET', path, credential: cred.kind });
    const exchange = /^\/-\/npm\/v1\/oidc\/token\/exchange\/package\/([^/]+)$/.exec(path);
    if (exchange && req.method === 'POST') {
      const name = decodeURIComponent(exchange[1]!);
      const claims = cred.kind === 'id-token' ? issuer.verify(cred.value!) : undefined;
      const pkg = packages.get(name);
      const publisher = claims && audienceOk(claims.aud) ? pkg?.publishers.find((p) => matches(p, claims)) : undefined;
      exchanges.push({ name, status: publisher ? 201 : 404 });
      if (!publisher || !claims) return json(res, 404, { message: 'OIDC token exchange error - package not found' });
      const token = `npm_oidc_${randomBytes(12).toString('hex')}`;
      tokens.set(token, { name, claims, publisher });
      return json(res, 201, { token });
    }
    const stage = /^\/-\/stage\/package\/([^/]+)$/.exec(path);
    if (stage && req.method === 'POST') return publish(req, res, decodeURIComponent(stage[1]!), true, cred);
    const tarball = /^\/((?:@[^/]+\/)?[^/@]+)\/-\/([^/]+\.tgz)$/.exec(path);
    if (tarball && req.method === 'GET') {
      const file = mirrors.get(decodeURIComponent(tarball[1]!))?.files.get(tarball[2]!) ?? locked.get(path);
      if (!file) return json(res, 404, { error: 'Not found' });
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      return res.end(readFileSync(file));
    }
    const doc = /^\/((?:@[^/%]+(?:%2[fF]|\/))?[^/@][^/]*)$/.exec(path);
    if (doc) {
      const name = decodeURIComponent(doc[1]!);
      if (req.method === 'PUT') return publish(req, res, name, false, cred);
      const mirror = mirrors.get(name);
      if (mirror) return json(res, 200, { name, 'dist-tags': { latest: Object.keys(mirror.versions).at(-1) }, versions: mirror.versions });
      const pkg = packages.get(name);
      // A restricted package is visible only to a token that may publish it.
      const canSee = pkg && (pkg.access === 'public' || (cred.value && tokens.get(cred.value)?.name === name));
      return canSee ? json(res, 200, packument(name, pkg)) : json(res, 404, { error: 'Not found' });
    }
    json(res, 404, { error: `no route for ${req.method} ${path}` });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // Never what keeps the test process alive (a filtered run may skip the hook that closes it).
  server.unref();
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  return {
    url: `${base}/`,
    requests,
    published,
    exchanges,
    addPackage(name, o) {
      const versions = Object.fromEntries((o.versions ?? []).map((v) => [v, { name, version: v }]));
      packages.set(name, { access: o.access ?? 'public', versions, publishers: o.publishers });
    },
    mirror(manifest, tarball) {
      const name = String(manifest.name);
      const version = String(manifest.version);
      const data = readFileSync(tarball);
      const file = `${name.split('/').pop()}-${version}.tgz`;
      const entry = mirrors.get(name) ?? { versions: {}, files: new Map<string, string>() };
      entry.versions[version] = {
        ...manifest,
        dist: {
          tarball: `${base}/${name}/-/${file}`,
          integrity: `sha512-${createHash('sha512').update(data).digest('base64')}`,
          shasum: createHash('sha1').update(data).digest('hex'),
        },
      };
      entry.files.set(file, tarball);
      mirrors.set(name, entry);
    },
    serveLocked(lock, cache) {
      for (const entry of Object.values(lock.packages)) {
        const [resolved, integrity] = [String(entry.resolved ?? ''), String(entry.integrity ?? '')];
        const [, algorithm, digest] = /^(sha\d+)-(.+)$/.exec(integrity) ?? [];
        if (!resolved || !algorithm) continue;
        // npm's cache stores a tarball by its integrity: content-v2/<algorithm>/<hex in 2/2/rest>.
        const hex = Buffer.from(digest!, 'base64').toString('hex');
        locked.set(new URL(resolved).pathname, join(cache, '_cacache', 'content-v2', algorithm, hex.slice(0, 2), hex.slice(2, 4), hex.slice(4)));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** `git+https://github.com/o/r.git`, `git@github.com:o/r.git`, `github:o/r` -> `https://github.com/o/r`. */
export function normalizeRepoUrl(url: string): string {
  const gh = /^(?:github:)?([A-Za-z0-9-]+\/[A-Za-z0-9._-]+?)(?:\.git)?$/.exec(url);
  if (gh && !url.includes('://')) return `https://github.com/${gh[1]}`;
  const scp = /^(?:git\+)?(?:ssh:\/\/)?git@([^:/]+)[:/](.+?)(?:\.git)?$/.exec(url);
  if (scp) return `https://${scp[1]}/${scp[2]}`;
  return url.replace(/^git\+/, '').replace(/^git:\/\//, 'https://').replace(/\.git$/, '').replace(/\/$/, '');
}

/** The file paths in a gzipped tarball (ustar headers: name at 0, size in octal at 124). */
export function tarFiles(tgz: Buffer): string[] {
  if (tgz.length === 0) return [];
  const tar = gunzipSync(tgz);
  const files: string[] = [];
  for (let at = 0; at + 512 <= tar.length; ) {
    const name = tar.toString('utf8', at, at + 100).replace(/\0.*$/s, '');
    if (!name) break;
    const size = parseInt(tar.toString('utf8', at + 124, at + 136).replace(/\0.*$/s, '').trim() || '0', 8);
    const prefix = tar.toString('utf8', at + 345, at + 500).replace(/\0.*$/s, '');
    files.push((prefix ? `${prefix}/${name}` : name).replace(/^package\//, ''));
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}
