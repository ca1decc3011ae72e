// release-please reads two files at the repository root. Without them the action has
// nothing to release, so a first run would do nothing: the plan writes them when both are
// missing (one alone is the user's own setup, and is left as it is).
import type { Detected, FileChange, PackageInfo } from '../core/model.js';

export const CONFIG_FILE = 'release-please-config.json';
export const MANIFEST_FILE = '.release-please-manifest.json';

const SCHEMA = 'https://raw.githubusercontent.com/googleapis/release-please/main/schemas/config.json';

/** The path release-please knows a package by: its folder, or "." for the root. */
const pathOf = (pkg: PackageInfo) => pkg.dir || '.';

export function releasePleaseConfig(targets: readonly PackageInfo[]): string {
  const packages: Record<string, Record<string, unknown>> = {};
  for (const pkg of targets) packages[pathOf(pkg)] = { 'release-type': 'node' };
  const single = targets.length === 1;
  // One package: plain v1.2.3 tags, as `npm version` writes them. Several: <component>-v1.2.3.
  const config = single ? { $schema: SCHEMA, 'include-component-in-tag': false, packages } : { $schema: SCHEMA, packages };
  return JSON.stringify(config, null, 2) + '\n';
}

/** The versions now in package.json, which release-please takes as the last released ones. */
export function releasePleaseManifest(targets: readonly PackageInfo[]): string {
  const versions: Record<string, string> = {};
  for (const pkg of targets) versions[pathOf(pkg)] = pkg.version ?? '0.0.0';
  return JSON.stringify(versions, null, 2) + '\n';
}

export interface ReleasePleaseFiles {
  changes: FileChange[];
  notes: string[];
}

export function releasePleaseFiles(d: Detected, targets: readonly PackageInfo[]): ReleasePleaseFiles {
  const present = d.release?.releasePleaseFiles ?? [];
  if (present.length === 2) return { changes: [], notes: [] };
  if (present.length === 1) {
    const missing = present.includes(CONFIG_FILE) ? MANIFEST_FILE : CONFIG_FILE;
    return { changes: [], notes: [`release-please needs ${CONFIG_FILE} and ${MANIFEST_FILE}; ${missing} is missing, so the action will fail until you add it.`] };
  }
  const create = (path: string, after: string, reason: string): FileChange => ({ path, kind: 'create', after, reason, needsConsent: false });
  return {
    changes: [
      create(CONFIG_FILE, releasePleaseConfig(targets), 'tells release-please which packages to release (release-type node)'),
      create(MANIFEST_FILE, releasePleaseManifest(targets), 'the current versions, which release-please counts from'),
    ],
    notes: [],
  };
}
