// Which lerna `lerna publish` runs, and whether it can publish with trusted publishing. `lerna
// publish` uploads with libnpmpublish and does its own OIDC exchange (a copy of the npm CLI's), so
// the npm CLI's version does not matter to it, but lerna's own does: the exchange is in lerna
// 9.0.0 and newer for GitHub Actions and GitLab, and 10.0.0 and newer for CircleCI (lerna/lerna:
// libs/core/src/lib/oidc.ts, called from npm-publish.ts before each upload). lerna-lite, a fork
// whose `lerna` command comes from @lerna-lite/cli with `lerna publish` in @lerna-lite/publish
// (released in lockstep), has its own copy: from 4.9.0 for GitHub Actions and GitLab, 5.2.1 for
// CircleCI (lerna-lite/lerna-lite: packages/publish/src/lib/oidc.ts and its CHANGELOG).
import { declaredRange, readManifest } from '../npm/manifest.js';
import { lowestVersion, versionAtLeast } from '../npm/versions.js';

export interface LernaVersion {
  /** How messages name the tool: lerna or lerna-lite. */
  label: 'lerna' | 'lerna-lite';
  /** The package.json entry the range was read from. */
  entry: string;
  /** The first release that exchanges the OIDC token itself, and that release on CircleCI. */
  floor: string;
  circleci: string;
  /** The range package.json asks for; undefined when it names none. */
  range?: string;
}

const LERNA = { label: 'lerna', floor: '9.0.0', circleci: '10.0.0' } as const;
const LERNA_LITE = { label: 'lerna-lite', floor: '4.9.0', circleci: '5.2.1' } as const;

/** The lerna a package.json's dependencies ask for: lerna itself first, then lerna-lite's publish or cli package. */
export function lernaVersion(manifest: unknown): LernaVersion {
  for (const [entry, tool] of [['lerna', LERNA], ['@lerna-lite/publish', LERNA_LITE], ['@lerna-lite/cli', LERNA_LITE]] as const) {
    const range = declaredRange(manifest, entry);
    if (range !== undefined) return { ...tool, entry, range };
  }
  return { ...LERNA, entry: 'lerna' };
}

/** True when the range package.json asks for allows a release below the tool's OIDC floor. */
export const belowOidcFloor = (tool: LernaVersion): boolean => {
  const low = lowestVersion(tool.range);
  return low !== undefined && !versionAtLeast(low, tool.floor);
};

/** A line that runs `lerna publish`. */
export const LERNA_PUBLISH = /\blerna\s+publish\b/;

/** The lerna the top package.json asks for (lerna's own floor and no range when it cannot be read). */
export function lernaOf(readFile: ((path: string) => string | undefined) | undefined): LernaVersion {
  return lernaVersion(readManifest(readFile));
}

/** What to do about a lerna below its floor. */
export const lernaUpgrade = (tool: LernaVersion): string =>
  tool.label === 'lerna' ? 'Upgrade lerna to 9 or newer' : `Upgrade @lerna-lite/cli and @lerna-lite/publish to ^${tool.floor} or newer`;
