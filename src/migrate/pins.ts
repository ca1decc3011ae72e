// Which pin a `uses:` may move to. Release actions stay in their major (changesets/action v2
// renamed inputs; release-please-action v4 moved them to a config file); no action is ever
// moved to an older release than its reference implies. Pins come from templates/actions.json.
import { readTemplate } from '../render/templates.js';
import type { ActionPin } from '../render/pins.js';

export interface MigrationPin extends ActionPin {
  /** The floating major tag (`v1`) pointed at this commit when it was checked. */
  latestOfMajor?: boolean;
  /** The first release of this major that publishes with OIDC once the token is gone. */
  oidcSince?: string;
}

/** Actions that must not change major: their inputs or configuration changed between majors. */
const SAME_MAJOR = new Set(['changesets/action', 'release-please-action']);

/** Same action, whatever the owner it was moved from (google-github-actions -> googleapis). */
const actionName = (uses: string) => {
  const [owner, repo] = uses.toLowerCase().split('/');
  return repo === 'release-please-action' ? repo : `${owner}/${repo}`;
};

let cached: MigrationPin[] | undefined;

/** Every entry of templates/actions.json (the template pins and the migration-only ones). */
export function migrationPins(): MigrationPin[] {
  if (cached) return cached;
  const data = JSON.parse(readTemplate('actions.json')) as Record<string, MigrationPin>;
  return (cached = Object.values(data).filter((pin) => /^[0-9a-f]{40}$/.test(pin.sha) && /^v?\d+\.\d+\.\d+$/.test(pin.version)));
}

const parts = (version: string) => version.replace(/^v/, '').split('.').map(Number);
function compare(a: string, b: string): number {
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export type PinChoice = { pin: MigrationPin } | { keep: string } | undefined;

/**
 * The pin for `owner/repo@ref`, or why the reference is kept (undefined: no pin data for it).
 * `@v4` implies the newest v4.x: only a pin known to be that is taken. `@v4.2.0` is never
 * pinned to v4.1.0. A major change only for actions whose inputs did not change, and only up.
 */
export function choosePin(uses: string, pins: readonly MigrationPin[] = migrationPins(), options: { sameMajor?: boolean } = {}): PinChoice {
  const at = uses.indexOf('@');
  if (at < 0) return undefined;
  const name = actionName(uses.slice(0, at));
  const ref = uses.slice(at + 1);
  const candidates = pins.filter((pin) => actionName(pin.uses) === name).sort((a, b) => compare(b.version, a.version));
  if (candidates.length === 0) return undefined;
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(ref);
  if (!match) return { keep: `${uses} names a branch or an unknown tag: pin it yourself to the commit you trust` };
  const major = Number(match[1]);
  const floating = match[3] === undefined;
  const acceptable = (pin: MigrationPin) => {
    const pinMajor = parts(pin.version)[0]!;
    if (pinMajor < major) return false;
    if (pinMajor > major) return !SAME_MAJOR.has(name) && !options.sameMajor;
    return floating ? Boolean(pin.latestOfMajor) : compare(pin.version, ref) >= 0;
  };
  const sameMajor = candidates.find((pin) => parts(pin.version)[0] === major && acceptable(pin));
  const chosen = sameMajor ?? candidates.find(acceptable);
  if (chosen) return { pin: chosen };
  const known = candidates.map((pin) => pin.version).join(', ');
  if ((SAME_MAJOR.has(name) || options.sameMajor) && !candidates.some((pin) => parts(pin.version)[0] === major)) {
    return { keep: `${uses} kept: no verified v${major} pin (known: ${known}), and moving ${name} to another major changes its inputs` };
  }
  return { keep: `${uses} kept: ${floating ? `@${ref} means the newest v${major} release, and no pinned commit is known to be it (pin data: ${known}), so a pin could be older` : `the pinned releases (${known}) are older than ${ref}`}` };
}

/**
 * For a reference already pinned to a commit (`@<sha> # v1.4.10`): a newer pin of the same major
 * when the commented release predates the action's trusted-publishing support.
 */
export function repinForOidc(uses: string, comment: string | undefined, pins: readonly MigrationPin[] = migrationPins()): MigrationPin | undefined {
  const version = /^\s*(v?\d+\.\d+\.\d+)\b/.exec(comment ?? '')?.[1];
  if (!version) return undefined;
  const name = actionName(uses.slice(0, uses.indexOf('@')));
  const major = parts(version)[0];
  return pins.find((pin) => actionName(pin.uses) === name && parts(pin.version)[0] === major && pin.oidcSince !== undefined && compare(version, pin.oidcSince) < 0);
}
