// The action pins: read from templates/actions.json, the only place a commit SHA lives.
import { readTemplate } from './templates.js';

export interface ActionPin {
  /** `owner/repo`. */
  uses: string;
  /** Full 40-hex commit. */
  sha: string;
  /** The tag the commit carries, `vX.Y.Z`. */
  version: string;
  /** Where the pin comes from, when it could not be checked against the upstream repository. */
  note?: string;
}

/** Keys of templates/actions.json. */
export const PINNED_ACTIONS = ['checkout', 'setup-node', 'pnpm-setup', 'setup-bun', 'changesets', 'release-please'] as const;
export type PinnedAction = (typeof PINNED_ACTIONS)[number];
export type ActionPins = Record<PinnedAction, ActionPin>;

const USES = /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/;
const SHA = /^[0-9a-f]{40}$/;
const VERSION = /^v\d+\.\d+\.\d+$/;

/** Checks the shape of the pins file; throws with the offending key. */
export function parsePins(json: string): ActionPins {
  const data = JSON.parse(json) as Record<string, Partial<ActionPin> | undefined>;
  const pins = {} as ActionPins;
  for (const key of PINNED_ACTIONS) {
    const pin = data[key];
    if (!pin || !USES.test(pin.uses ?? '') || !SHA.test(pin.sha ?? '') || !VERSION.test(pin.version ?? '')) {
      throw new Error(`templates/actions.json: "${key}" needs { uses: "owner/repo", sha: <40 hex>, version: "vX.Y.Z" }`);
    }
    pins[key] = { uses: pin.uses!, sha: pin.sha!, version: pin.version! };
  }
  return pins;
}

let cached: ActionPins | undefined;

export function loadPins(): ActionPins {
  return (cached ??= parsePins(readTemplate('actions.json')));
}

/** The value of a `uses:` line: `owner/repo@<sha> # vX.Y.Z`. */
export function pinnedUses(pin: ActionPin): string {
  return `${pin.uses}@${pin.sha} # ${pin.version}`;
}
