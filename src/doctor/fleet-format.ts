// The fleet view's three outputs: an aligned table for the terminal, a Markdown table to
// paste into an issue, and one JSON document with a row per repository.
import { paint } from '../core/style.js';
import { table } from '../report/markdown.js';
import { STATUS_LABEL, type FleetRow, type FleetStatus } from './fleet.js';

export const FLEET_SCHEMA = 'create-trusted-publish/doctor-fleet@1';

export interface FleetJson {
  schema: typeof FLEET_SCHEMA;
  ok: boolean;
  /** How many repositories are in each status. */
  summary: Record<FleetStatus, number> & { repositories: number };
  registry: string | null;
  rows: FleetRow[];
}

const ORDER: FleetStatus[] = ['token', 'migrated', 'trusted', 'no-workflow', 'no-package', 'unreadable'];

export function summary(rows: readonly FleetRow[]): FleetJson['summary'] {
  const s = { repositories: rows.length } as FleetJson['summary'];
  for (const status of ORDER) s[status] = rows.filter((r) => r.status === status).length;
  return s;
}

/** Fleet is fine when no repository still publishes with a token or has errors or warnings to fix. */
export function fleetOk(rows: readonly FleetRow[]): boolean {
  return rows.every((r) => r.status !== 'token' && r.status !== 'unreadable' && r.counts.error + r.counts.warning === 0);
}

export function fleetJson(rows: FleetRow[], registry: string | undefined): FleetJson {
  return { schema: FLEET_SCHEMA, ok: fleetOk(rows), summary: summary(rows), registry: registry ?? null, rows };
}

const HEADERS = ['Repository', 'Packages', 'Publishing workflow', 'Status', 'Next step'];

function cells(r: FleetRow): string[] {
  const workflows = r.workflows.map((w) => w.replace(/^\.github\/workflows\//, '')).join(', ');
  const next = r.status === 'unreadable' && r.reason ? `${r.nextStep}: ${r.reason}` : r.nextStep;
  return [r.repository, r.packages.join(', ') || '–', workflows || '–', STATUS_LABEL[r.status], next];
}

const COLOR: Record<FleetStatus, 'red' | 'yellow' | 'green' | 'dim'> = { token: 'red', migrated: 'yellow', trusted: 'green', 'no-workflow': 'yellow', 'no-package': 'dim', unreadable: 'red' };

export function summaryLine(rows: readonly FleetRow[]): string {
  const s = summary(rows);
  const parts = ORDER.filter((status) => s[status] > 0).map((status) => `${s[status]} ${STATUS_LABEL[status]}`);
  return `${rows.length} ${rows.length === 1 ? 'repository' : 'repositories'}: ${parts.join(', ') || 'none'}.`;
}

export function formatFleet(rows: readonly FleetRow[]): string {
  const all = [HEADERS, ...rows.map(cells)];
  const widths = HEADERS.map((_, i) => Math.max(...all.map((row) => row[i]!.length)));
  const line = (row: string[], status?: FleetStatus) =>
    row
      .map((cell, i) => {
        const padded = i === row.length - 1 ? cell : cell.padEnd(widths[i]!);
        return i === 3 && status ? paint(COLOR[status], padded) : padded;
      })
      .join('  ');
  return [paint('bold', line(HEADERS)), ...rows.map((r) => line(cells(r), r.status)), '', summaryLine(rows)].join('\n');
}

export function markdownFleet(rows: readonly FleetRow[]): string {
  return [table(HEADERS, rows.map(cells)), '', summaryLine(rows)].join('\n');
}
