// The product's only direct network access: GET a JSON document from a registry, with a
// timeout, anonymously. Errors come back as values; only the flag parser throws (bad usage).
import { UsageError } from '../core/errors.js';

export const DEFAULT_REGISTRY = 'https://registry.npmjs.org';

export type FetchLike = (url: string, init: { headers: Record<string, string>; signal: AbortSignal }) => Promise<Response>;

export type GetResult =
  | { kind: 'ok'; status: number; body: unknown }
  | { kind: 'not-found'; status: 404 }
  | { kind: 'http-error'; status: number }
  | { kind: 'unreachable'; reason: string };

export interface GetOptions {
  timeoutMs?: number;
  fetch?: FetchLike;
  accept?: string;
}

/** The registry URL without a trailing slash; throws on anything but http(s). */
export function normaliseRegistry(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error(`${url} is not an http(s) URL`);
  if (parsed.username || parsed.password) throw new Error('the registry URL must not contain credentials');
  return parsed.href.replace(/\/+$/, '');
}

/** The `--registry <url>` flag of doctor and retire: the default, or a checked URL (exit 2 otherwise). */
const MAX_URL = 2048;

export function registryFlag(value: string | undefined): string {
  if (value === undefined) return DEFAULT_REGISTRY;
  // A longer URL is no registry (a host name is at most 253 characters): refused, not echoed whole.
  if (value.length > MAX_URL) throw new UsageError(`--registry: give a registry URL of at most ${MAX_URL} characters (got ${value.length}).`);
  try {
    return normaliseRegistry(value);
  } catch (error) {
    throw new UsageError(`--registry: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** `@scope/name` -> `@scope%2fname`, as npm requests it. */
export function escapeName(name: string): string {
  return name.startsWith('@') ? `@${encodeURIComponent(name.slice(1)).replace(/%2F/g, '%2f')}` : encodeURIComponent(name);
}

function reasonOf(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'timed out';
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

export async function getJson(url: string, options: GetOptions = {}): Promise<GetResult> {
  const doFetch: FetchLike = options.fetch ?? ((u, init) => fetch(u, init));
  let response: Response;
  try {
    response = await doFetch(url, {
      headers: { accept: options.accept ?? 'application/json', 'user-agent': 'create-trusted-publish (doctor --registry-check)' },
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
  } catch (error) {
    return { kind: 'unreachable', reason: reasonOf(error) };
  }
  if (response.status === 404) return { kind: 'not-found', status: 404 };
  if (!response.ok) return { kind: 'http-error', status: response.status };
  try {
    return { kind: 'ok', status: response.status, body: await response.json() };
  } catch (error) {
    return { kind: 'unreachable', reason: `unreadable response (${reasonOf(error)})` };
  }
}
