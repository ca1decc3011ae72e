// The npm workspaces of the repository's top package.json with their scripts, for the publish
// rule: `npm run publish:next --workspace=<pkg>` runs the script of that workspace's package.json.
import { join } from 'node:path';
import type { WorkspaceScripts } from '../audit/npm-workspace-scripts.js';
import { normaliseWorkspaces } from './package-json.js';
import { readText } from './read.js';
import { expandGlobs } from './workspaces.js';

/** A package.json's fields as JSON, or undefined when missing or not an object. */
function manifest(path: string): Record<string, unknown> | undefined {
  const raw = readText(path);
  if (raw === undefined) return undefined;
  try {
    const data: unknown = JSON.parse(raw);
    return data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Each folder the top package.json's `workspaces` globs match, with its package name and string scripts. */
export function readWorkspaceScripts(top: string): WorkspaceScripts[] {
  const globs = normaliseWorkspaces(manifest(join(top, 'package.json'))?.workspaces);
  if (!globs || globs.length === 0) return [];
  // A pattern that climbs out of the repository or starts at the file-system root is not followed.
  const inside = globs.filter((g) => !/^!?\//.test(g.trim()) && !g.split(/[\\/]/).includes('..'));
  return expandGlobs(top, inside).flatMap((dir) => {
    const data = manifest(join(top, dir, 'package.json'));
    if (!data) return [];
    const raw = data.scripts !== null && typeof data.scripts === 'object' ? (data.scripts as Record<string, unknown>) : {};
    const scripts = Object.fromEntries(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === 'string'));
    return [{ ...(typeof data.name === 'string' ? { name: data.name } : {}), dir, scripts }];
  });
}
