// Which Node.js and npm versions can publish with trusted publishing (OIDC): the one place
// these floors are written.

/** The oldest npm that exchanges the CI's OIDC token for a publish token. */
export const NPM_OIDC_MIN = '11.5.1';

/** The first npm with `npm stage publish`. */
export const NPM_STAGE_MIN = '11.15.0';

/** The first npm whose `npm trust` takes the --allow-publish / --allow-stage-publish flags. */
export const NPM_TRUST_MIN = '11.15.0';

/** The oldest Node.js that can publish with trusted publishing (npm needs it). */
export const MIN_CI_NODE = { major: 22, minor: 14 } as const;

/** True for a Node.js `major` (and `minor`, when known) at or above MIN_CI_NODE. */
export function nodeNewEnough(major: number, minor?: number): boolean {
  return major > MIN_CI_NODE.major || (major === MIN_CI_NODE.major && (minor === undefined || minor >= MIN_CI_NODE.minor));
}

/**
 * True when the npm bundled with this Node.js is new enough on its own: Node 24 ships npm 11.5.1
 * from 24.5.0 on. A `minor` left out means the newest release of that line, as setup-node resolves it.
 */
export const bundlesOidcNpm = (major: number, minor = Infinity): boolean => major > 24 || (major === 24 && minor >= 5);

/** `a.b.c` >= `x.y.z` for plain release versions (prerelease tags are ignored). */
export function versionAtLeast(version: string, minimum: string): boolean {
  const parse = (v: string) => v.trim().replace(/^v/, '').split(/[.+-]/).slice(0, 3).map((n) => Number.parseInt(n, 10) || 0);
  const [a, b] = [parse(version), parse(minimum)];
  for (let i = 0; i < 3; i++) if (a[i]! !== b[i]!) return a[i]! > b[i]!;
  return true;
}
