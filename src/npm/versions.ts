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

/**
 * The lowest version a semver range allows, as `a.b.c`: `^4.9.0` -> 4.9.0, `7` -> 7.0.0, `4.x` ->
 * 4.0.0, `>=8 <10 || 6.x` -> 6.0.0, `npm:semantic-release@^23.0.0` -> 23.0.0; a part with only an
 * upper bound (`<5`) allows 0.0.0. Undefined for tags, URLs and `workspace:` ranges.
 */
export function lowestVersion(range: string | undefined): string | undefined {
  const lows = (range ?? '')
    .split('||')
    .map((part) => /^\s*([\^~]|[<>]=?|=)?\s*v?(\d+)(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?![\w])/.exec(part.replace(/^\s*npm:[^@]+@/, '')))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => (m[1]?.startsWith('<') ? '0.0.0' : [m[2], m[3], m[4]].map((n) => (n !== undefined && /^\d+$/.test(n) ? n : '0')).join('.')));
  return lows.reduce<string | undefined>((low, v) => (low === undefined || versionAtLeast(low, v) ? v : low), undefined);
}

/** The major of lowestVersion: `^24.1.0` -> 24, `>=22 <26 || 21.x` -> 21. */
export function lowestMajor(range: string | undefined): number | undefined {
  const low = lowestVersion(range);
  return low === undefined ? undefined : Number(low.split('.')[0]);
}
