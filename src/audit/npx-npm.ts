// A newer npm fetched for one command (`npx --yes npm@^11.5.1 publish`, `pnpm dlx npm@11 publish`):
// the publish rule reads it as an npm publish, and that npm, when its range is 11.5.1 or newer,
// is the npm that publishes, whatever Node the job sets up.
import { NPM_OIDC_MIN, versionAtLeast } from '../npm/versions.js';

/** `npx [-y|--yes] npm@<spec>`, `pnpm dlx npm@<spec>`, `yarn dlx`, `bunx`: group 1 is the spec. */
const NPX_NPM = /\b(?:npx|bunx|(?:pnpm|yarn)\s+dlx)\s+(?:(?:-y|--yes|-q|--quiet)\s+)*["']?npm@["']?([^\s"']+)/;

/** The publish through such an npm: `npx --yes npm@^11.5.1 publish --tag next`. */
export const NPX_NPM_PUBLISH = new RegExp(`${NPX_NPM.source}["']?\\s+(?:--?[\\w-]+(?:=\\S+)?\\s+)*(?:stage\\s+)?publish\\b`);

/** The newest patch of a minor line, for "at least" against NPM_OIDC_MIN. */
const NEWEST_PATCH = Number.MAX_SAFE_INTEGER;

/**
 * Does the npm spec install 11.5.1 or newer? A major (`11`, `^11.0.0`, `11.x`) takes its newest
 * release; `~11.5.0` its newest patch; `>=11.5.1` and an exact `11.6.0` say so. Tags (`latest`)
 * and anything else: no.
 */
export function npmSpecNewEnough(spec: string): boolean {
  const m = /^(\^|~|>=)?v?(\d+)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?$/.exec(spec.trim());
  if (!m) return false;
  const [, op, major, minor, patch] = m;
  const num = (part: string | undefined) => (part === undefined || part === 'x' || part === '*' ? undefined : Number(part));
  const [maj, min, pat] = [Number(major), num(minor), num(patch)];
  // The newest release of the major (caret, or a bare or wildcard major): 11 has had 11.5.1 since 2025.
  if (op === '^' || min === undefined) return maj >= 11;
  return versionAtLeast(`${maj}.${min}.${op === '~' || pat === undefined ? NEWEST_PATCH : pat}`, NPM_OIDC_MIN);
}

/** A line that publishes through an npm fetched by npx (or dlx) whose spec is 11.5.1 or newer. */
export function npxNewNpmPublish(line: string): boolean {
  const m = NPX_NPM_PUBLISH.exec(line);
  return m !== null && npmSpecNewEnough(m[1]!);
}
