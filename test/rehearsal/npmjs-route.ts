// A route from a job to "https://registry.npmjs.org/" that ends at the fake registry: an HTTPS
// proxy on 127.0.0.1 that answers CONNECT for registry.npmjs.org only, ends TLS with a
// certificate for that host made at start (openssl), and passes the requests on. For tools that
// trust trusted publishing on npmjs.com alone (@semantic-release/npm compares the registry URL
// with npmjs.com's before it exchanges a token): the job keeps npm's default registry, and gets
// HTTPS_PROXY, NODE_USE_ENV_PROXY (Node's fetch) and NODE_EXTRA_CA_CERTS for this certificate.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TLSSocket } from 'node:tls';

export const NPMJS_HOST = 'registry.npmjs.org';

export interface NpmjsRoute {
  /** What a job's environment needs so that registry.npmjs.org is the fake registry. */
  env: Record<string, string>;
  /** Hosts asked for through the proxy, refused ones included. */
  asked: string[];
  close(): Promise<void>;
}

export async function startNpmjsRoute(registryUrl: string): Promise<NpmjsRoute> {
  const dir = mkdtempSync(join(tmpdir(), 'ctp-npmjs-route-'));
  const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', `/CN=${NPMJS_HOST}`, '-addext', `subjectAltName=DNS:${NPMJS_HOST}`, '-addext', 'basicConstraints=critical,CA:TRUE'], { stdio: 'ignore' });
  const tls = { key: readFileSync(key), cert: readFileSync(cert) };
  const target = new URL(registryUrl);
  const asked: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req, client: Socket) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    const host = String(req.url);
    asked.push(host);
    if (host !== `${NPMJS_HOST}:443`) return client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    const secure = new TLSSocket(client, { isServer: true, ...tls });
    const upstream = connect(Number(target.port), target.hostname);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    secure.pipe(upstream).pipe(secure);
    const drop = () => (secure.destroy(), upstream.destroy());
    secure.on('error', drop);
    upstream.on('error', drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxy = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    env: { HTTPS_PROXY: proxy, https_proxy: proxy, NO_PROXY: '127.0.0.1,localhost', no_proxy: '127.0.0.1,localhost', NODE_USE_ENV_PROXY: '1', NODE_EXTRA_CA_CERTS: cert },
    asked,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => (rmSync(dir, { recursive: true, force: true }), resolve()));
      }),
  };
}
