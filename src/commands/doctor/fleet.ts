// The fleet view on the command line: the rows for the directories given (or the
// organisation read through gh), printed as a table, Markdown or one JSON document.
import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { EXIT } from '../../core/errors.js';
import type { Io } from '../../core/io.js';
import { paint } from '../../core/style.js';
import { normaliseRegistry } from '../../registry/fetch.js';
import type { DoctorOptions } from '../../doctor/index.js';
import { fleetDirs, type DoctorCliOptions } from './index.js';
import { fleetDoctor, unreadableRow, type FleetRow } from '../../doctor/fleet.js';
import { fleetJson, fleetOk, formatFleet, markdownFleet } from '../../doctor/fleet-format.js';
import { orgDoctor } from '../../doctor/org.js';

/** A listed path that is not a directory is a row saying so: one bad line does not stop the others. */
async function directoryRows(dirs: readonly string[], options: DoctorOptions): Promise<FleetRow[]> {
  const isDir = (d: string) => existsSync(d) && statSync(d).isDirectory();
  const rows = await fleetDoctor(dirs.filter(isDir), options);
  const byDir = new Map(rows.map((r) => [r.path, r]));
  return dirs.map((d) => byDir.get(d) ?? unreadableRow(basename(d), d, existsSync(d) ? 'not a directory' : 'no such directory'));
}

export async function runFleetCli(options: DoctorCliOptions, doctorOptions: DoctorOptions, io: Io): Promise<number> {
  let rows: FleetRow[];
  let skipped: string[] = [];
  if (options.org !== undefined) {
    ({ rows, skipped } = await orgDoctor(options.org, doctorOptions));
  } else {
    const dirs = fleetDirs(options);
    rows = await directoryRows(dirs.length > 0 ? dirs : fleetDirs({ dirs: ['.'] }), doctorOptions);
  }
  const registry = options.registryCheck ? normaliseRegistry(options.registry) : undefined;
  if (options.format === 'json') io.out(JSON.stringify({ ...fleetJson(rows, registry), ...(options.org !== undefined ? { org: options.org, skipped } : {}) }, null, 2));
  else if (options.markdown) io.out(markdownFleet(rows));
  else {
    io.out(formatFleet(rows));
    if (skipped.length > 0) io.out(paint('dim', `Left out (no package.json at the root, or no access to read it): ${skipped.join(', ')}.`));
    if (!options.registryCheck) io.out(paint('dim', 'Offline: "trusted, with provenance" needs --registry-check.'));
  }
  return fleetOk(rows) ? EXIT.ok : EXIT.failed;
}
