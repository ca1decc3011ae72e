// The fleet view: doctor over many repositories, one row each. The checks are doctor's own
// (a row is a summary of a DoctorReport); this file only decides the status and next step,
// and runs the repositories a few at a time so 200 of them neither queue on one core nor
// open every file at once.
import { basename } from 'node:path';
import type { Finding } from '../core/model.js';
import { parseRemote } from '../detect/remote.js';
import { readGitFiles } from '../detect/git-files.js';
import { doctor, mustFix, type DoctorOptions, type DoctorReport } from './index.js';
import { counts, doctorJson, type DoctorJson } from './format.js';

export type FleetStatus = 'token' | 'migrated' | 'trusted' | 'no-workflow' | 'no-package' | 'unreadable';

export interface FleetRow {
  /** `owner/name` from the remote (or the API), else the directory's name. */
  repository: string;
  /** The directory checked; null for a repository read through the GitHub API. */
  path: string | null;
  packages: string[];
  /** The publishing workflows (and their callers) that were checked. */
  workflows: string[];
  status: FleetStatus;
  nextStep: string;
  counts: DoctorJson['counts'];
  findings: DoctorJson['findings'];
  /** Why the repository could not be checked (status `unreadable`). */
  reason?: string;
}

export const STATUS_LABEL: Record<FleetStatus, string> = {
  token: 'token',
  migrated: 'migrated, not yet released',
  trusted: 'trusted, with provenance',
  'no-workflow': 'no publish workflow',
  'no-package': 'no package',
  unreadable: 'not checked',
};

const has = (findings: readonly Finding[], id: string) => findings.some((f) => f.id === id);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The row's status, from doctor's findings alone. "trusted" needs the registry check's proof. */
export function fleetStatus(report: Pick<DoctorReport, 'findings' | 'workflows' | 'packages' | 'registry'>): FleetStatus {
  const { findings } = report;
  if (has(findings, 'no-package-json') || report.packages.length === 0) return 'no-package';
  if (findings.some((f) => f.id === 'use-trusted-publishing' && f.level === 'error')) return 'token';
  if (report.workflows.length === 0) return 'no-workflow';
  const proven = report.registry !== undefined && report.packages.length > 0 && findings.filter((f) => f.id === 'provenance-ok').length >= report.packages.length;
  return proven ? 'trusted' : 'migrated';
}

export function nextStep(status: FleetStatus, report: Pick<DoctorReport, 'findings' | 'registry'>): string {
  const c = counts(report.findings);
  const fixes = `fix ${plural(c.error, 'error')}, ${plural(c.warning, 'warning')} (doctor shows them)`;
  switch (status) {
    case 'no-package':
      return 'nothing to publish (no public package.json)';
    case 'token':
      return 'create-trusted-publish --migrate';
    case 'no-workflow':
      return 'create-trusted-publish --yes';
    case 'trusted':
      return mustFix(report.findings) ? fixes : 'create-trusted-publish retire';
    case 'migrated':
      if (has(report.findings, 'package-not-found')) return 'publish a first version by hand, then add the trusted publisher';
      if (mustFix(report.findings.filter((f) => f.id !== 'no-provenance'))) return fixes;
      return report.registry ? 'publish a release from the new workflow' : 'publish a release, then doctor --registry-check';
    default:
      return '';
  }
}

/** `owner/name` of the remote origin, read from .git without starting git. */
function repositoryName(dir: string): string {
  const remote = readGitFiles(dir)?.remoteUrl;
  const ref = remote ? parseRemote(remote) : undefined;
  return ref ? `${ref.owner}/${ref.name}` : basename(dir);
}

export function fleetRow(report: DoctorReport, repository: string, path: string | null): FleetRow {
  const status = fleetStatus(report);
  const json = doctorJson(report);
  return { repository, path, packages: report.packages, workflows: report.workflows, status, nextStep: nextStep(status, report), counts: json.counts, findings: json.findings };
}

export function unreadableRow(repository: string, path: string | null, reason: string): FleetRow {
  const nextStep = path === null ? 'check access, then run again' : 'check the path, then run again';
  return { repository, path, packages: [], workflows: [], status: 'unreadable', nextStep, counts: { error: 0, warning: 0, info: 0 }, findings: [], reason };
}

/** doctor in one directory as a row; a directory that cannot be read is a row too, never a throw. */
export async function checkDirectory(dir: string, options: DoctorOptions = {}): Promise<FleetRow> {
  try {
    return fleetRow(await doctor(dir, options), repositoryName(dir), dir);
  } catch (error) {
    return unreadableRow(basename(dir), dir, error instanceof Error ? error.message : String(error));
  }
}

/** `work` over `items`, at most `limit` at a time, results in the items' order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export const FLEET_CONCURRENCY = 8;

export function fleetDoctor(dirs: readonly string[], options: DoctorOptions = {}): Promise<FleetRow[]> {
  return mapLimit(dirs, FLEET_CONCURRENCY, (dir) => checkDirectory(dir, options));
}
