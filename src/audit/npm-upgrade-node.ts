// An npm upgrade the job's own Node cannot take: `npm install -g npm@11` checks the new npm's
// engines before it installs it (npm is strict about engines when it updates itself) and stops with
// EBADENGINE, so the job fails before it publishes. npm 11 runs on Node `^20.17.0 || >=22.9.0`;
// npm 12, which `npm@latest` has installed since July 2026, on `^22.22.2 || ^24.15.0 || >=26.0.0`. A global pin below 11.5.1 replaces whatever npm the Node shipped.
import { npmSpecNewEnough } from './npx-npm.js';

/** The npm an upgrade line installs: 11 (`npm@11`, `npm@^11.5.1`), 12 (`npm@12`, `npm@latest`, `npm@next`), or undefined (none, or another). */
export function upgradeTarget(line: string): 11 | 12 | undefined {
  const spec = /\bnpm\s+(?:i|install|add)\s+(?:.*\s)?["']?npm@["']?([^\s"';&|]+)/.exec(line)?.[1];
  if (spec === undefined) return undefined;
  if (/^(?:latest|next)$/.test(spec)) return 12;
  const major = /^[\^~=v]*(\d+)/.exec(spec)?.[1];
  return major === '11' ? 11 : major === '12' ? 12 : undefined;
}

/** A global npm install (`npm install -g npm@10.9.7`): group 1 what comes before the spec, 3 the spec. */
export const OLD_NPM_PIN = /(\bnpm\s+(?:i|install|add)\s+(?:[^\n;&|#]*\s)?(?:-g|--global)\s+(?:[^\n;&|#]*\s)?)npm@(["']?)([\w.^~*-]+)\2(?=[\s;&|]|$)/g;

/** The spec of the last global npm install of the text, when it pins npm below 11.5.1; undefined otherwise. */
export function oldNpmPin(text: string): string | undefined {
  const spec = [...text.matchAll(OLD_NPM_PIN)].at(-1)?.[3];
  return spec !== undefined && /^[\d^~]/.test(spec) && !npmSpecNewEnough(spec) ? spec : undefined;
}

/** The engines of each npm major, as `[major, lowest minor.patch]` lines; a major not listed is not supported. */
const ENGINES: Record<11 | 12, Record<number, [number, number]>> = {
  11: { 20: [17, 0], 22: [9, 0], 23: [0, 0], 24: [0, 0], 25: [0, 0], 26: [0, 0] },
  12: { 22: [22, 2], 24: [15, 0], 26: [0, 0] },
};
/** npm's engines, as written, for a message. */
export const NPM_ENGINES: Record<11 | 12, string> = { 11: '^20.17.0 || >=22.9.0', 12: '^22.22.2 || ^24.15.0 || >=26.0.0' };

/**
 * True when the Node `version` (as setup-node is given it) surely cannot run npm `target`: a major
 * below its range (Node 16, 18 for npm 11; 20, 23, 25 too for npm 12), or an exact version below the
 * floor of its line (`22.12` for npm 12). A bare major (`22`) is the newest of that line: not flagged.
 */
export function nodeRefusesNpm(version: string, target: 11 | 12): boolean {
  const v = /^[\^~]?v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.x)?$/.exec(version.trim());
  if (!v) return false;
  const major = Number(v[1]);
  if (major > 26) return false;
  const floor = ENGINES[target][major];
  if (floor === undefined) return true;
  if (v[2] === undefined || version.trim().startsWith('^')) return false;
  const minor = Number(v[2]);
  const patch = v[3] === undefined ? Infinity : Number(v[3]);
  return minor < floor[0] || (minor === floor[0] && patch < floor[1]);
}
