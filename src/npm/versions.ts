// Which Node.js and npm versions can publish with trusted publishing (OIDC): the one place
// these floors are written.

/** The oldest Node.js that can publish with trusted publishing (npm needs it). */
export const MIN_CI_NODE = { major: 22, minor: 14 } as const;

/** True for a Node.js `major` (and `minor`, when known) at or above MIN_CI_NODE. */
export function nodeNewEnough(major: number, minor?: number): boolean {
  return major > MIN_CI_NODE.major || (major === MIN_CI_NODE.major && (minor === undefined || minor >= MIN_CI_NODE.minor));
}
