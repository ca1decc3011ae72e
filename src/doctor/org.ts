// `doctor --org ORG`: the fleet view of a GitHub organisation without cloning. `gh` lists the
// repositories and reads each one's package.json, root .npmrc and .github/workflows through
// the contents API; the files are put in a scratch directory (removed at once) so the very
// same doctor checks run on them. A repository that cannot be read (no access, rate limit)
// is a row saying why, never the end of the run.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FailedError } from '../core/errors.js';
import { runGit } from '../detect/exec.js';
import { runCommand, type Runner } from '../trust/exec.js';
import { parseGithubRepo } from '../validate/github.js';
import { doctor, type DoctorOptions } from './index.js';
import { FLEET_CONCURRENCY, fleetRow, mapLimit, unreadableRow, type FleetRow } from './fleet.js';

const WORKFLOW_NAME = /^[A-Za-z0-9_.-]+\.ya?ml$/;

type Got = { kind: 'ok'; body: unknown } | { kind: 'absent' } | { kind: 'failed'; reason: string };

/** The first line gh printed on stderr, e.g. `HTTP 403: API rate limit exceeded`. */
function firstLine(text: string): string {
  return text.split('\n').map((l) => l.trim()).find(Boolean) ?? 'gh failed';
}

async function api(gh: Runner, path: string): Promise<Got> {
  const r = await gh('gh', ['api', path]);
  if (r.missing) return { kind: 'failed', reason: 'gh is not installed' };
  if (r.code !== 0) return /HTTP 404/.test(r.stderr) ? { kind: 'absent' } : { kind: 'failed', reason: firstLine(r.stderr) };
  try {
    return { kind: 'ok', body: JSON.parse(r.stdout) };
  } catch {
    return { kind: 'failed', reason: `gh api ${path} did not answer JSON` };
  }
}

function fileText(body: unknown): string | undefined {
  const b = body as { type?: string; encoding?: string; content?: string };
  if (b?.type !== 'file' || b.encoding !== 'base64' || typeof b.content !== 'string') return undefined;
  return Buffer.from(b.content, 'base64').toString('utf8');
}

/** `gh repo list ORG`: the organisation's repositories that are not archived. */
export async function listRepositories(org: string, gh: Runner = runCommand): Promise<string[]> {
  const r = await gh('gh', ['repo', 'list', org, '--no-archived', '--limit', '1000', '--json', 'nameWithOwner']);
  if (r.missing) throw new FailedError('doctor --org reads the organisation through the GitHub CLI, which is not installed: https://cli.github.com');
  if (r.code !== 0) throw new FailedError(`gh repo list ${org} failed: ${firstLine(r.stderr)}\nIs gh logged in (gh auth status) with access to ${org}?`);
  let list: unknown;
  try {
    list = JSON.parse(r.stdout);
  } catch {
    throw new FailedError(`gh repo list ${org} did not answer JSON.`);
  }
  if (!Array.isArray(list)) throw new FailedError(`gh repo list ${org} did not answer a list.`);
  return list.map((x) => (x as { nameWithOwner?: unknown }).nameWithOwner).filter((n): n is string => typeof n === 'string' && parseGithubRepo(n).ok).sort();
}

type Files = Record<string, string>;

/**
 * An .npmrc with every literal credential replaced by a stand-in before it touches the disk:
 * doctor needs to know that a line holds a literal token (or an env reference), never its value.
 */
export function redactNpmrc(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const trimmed = line.trim();
      const eq = line.indexOf('=');
      if (eq === -1 || trimmed.startsWith('#') || trimmed.startsWith(';')) return line;
      const key = line.slice(0, eq).trim();
      const value = line.slice(eq + 1).trim().replace(/^(['"])(.*)\1$/, '$2');
      const secret = ['_authToken', '_auth', '_password'].some((name) => key === name || key.endsWith(`:${name}`));
      return secret && value !== '' && !/^\$\{[^}]+\}$/.test(value) ? `${line.slice(0, eq + 1)}REDACTED` : line;
    })
    .join('\n');
}

/** The files doctor reads, through the API. undefined: no package.json (not a package). */
async function readRepository(repo: string, gh: Runner): Promise<{ files: Files } | { failed: string } | undefined> {
  const pkg = await api(gh, `repos/${repo}/contents/package.json`);
  if (pkg.kind === 'absent') return undefined;
  if (pkg.kind === 'failed') return { failed: pkg.reason };
  const text = fileText(pkg.body);
  if (text === undefined) return undefined;
  const files: Files = { 'package.json': text };
  const npmrc = await api(gh, `repos/${repo}/contents/.npmrc`);
  if (npmrc.kind === 'failed') return { failed: npmrc.reason };
  const npmrcText = npmrc.kind === 'ok' ? fileText(npmrc.body) : undefined;
  if (npmrcText !== undefined) files['.npmrc'] = redactNpmrc(npmrcText);
  const dir = await api(gh, `repos/${repo}/contents/.github/workflows`);
  if (dir.kind === 'failed') return { failed: dir.reason };
  const entries = dir.kind === 'ok' && Array.isArray(dir.body) ? (dir.body as Array<{ name?: string; type?: string }>) : [];
  for (const entry of entries) {
    if (entry.type !== 'file' || typeof entry.name !== 'string' || !WORKFLOW_NAME.test(entry.name)) continue;
    const got = await api(gh, `repos/${repo}/contents/.github/workflows/${entry.name}`);
    if (got.kind === 'failed') return { failed: got.reason };
    const content = got.kind === 'ok' ? fileText(got.body) : undefined;
    if (content !== undefined) files[`.github/workflows/${entry.name}`] = content;
  }
  return { files };
}

/** doctor on the files of `repo`, in a scratch git repository whose origin names it. */
async function checkFiles(repo: string, files: Files, options: DoctorOptions): Promise<FleetRow> {
  const dir = mkdtempSync(join(tmpdir(), 'ctp-org-'));
  try {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    await runGit(dir, ['init', '-q']);
    await runGit(dir, ['remote', 'add', 'origin', `https://github.com/${repo}.git`]);
    return fleetRow(await doctor(dir, options), repo, null);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface OrgResult {
  rows: FleetRow[];
  /** Repositories without a package.json at their root (GitHub answers 404 the same when it cannot be read), left out of the table. */
  skipped: string[];
}

export async function orgDoctor(org: string, options: DoctorOptions = {}, gh: Runner = runCommand): Promise<OrgResult> {
  const repos = await listRepositories(org, gh);
  const skipped: string[] = [];
  const rows = await mapLimit(repos, Math.min(4, FLEET_CONCURRENCY), async (repo) => {
    const read = await readRepository(repo, gh);
    if (read === undefined) {
      skipped.push(repo);
      return undefined;
    }
    if ('failed' in read) return unreadableRow(repo, null, read.failed);
    return checkFiles(repo, read.files, options);
  });
  return { rows: rows.filter((r): r is FleetRow => r !== undefined), skipped: skipped.sort() };
}
