// Ship.js (`shipjs trigger`) publishes with `npm publish`, but first runs
// `npm config set "//registry.npmjs.org/:_authToken" "${NPM_AUTH_TOKEN}"`, which leaves that
// placeholder in ~/.npmrc once the secret is gone. The npm CLI (11.5.1+) exchanges the OIDC token
// before it publishes and sets the exchanged one in its place, so the publish goes through; a
// failed exchange, though, is then reported as a bad token. Ship.js 0.28.0 added
// `useOidcTokenProvider: true` (ship.config.js), which skips that line
// (algolia/shipjs: packages/shipjs/src/step/release/runPublish.js).
import { declaredRange, readManifest } from '../npm/manifest.js';
import { lowestVersion, versionAtLeast } from '../npm/versions.js';

export const SHIPJS_TRIGGER = /\bshipjs\s+trigger\b/;

const CONFIG_FILES = ['ship.config.js', 'ship.config.cjs', 'ship.config.mjs'];

/** True when the lowest release the range allows is 0.28.0 or newer. */
function fromOidcRelease(range: string): boolean {
  const low = lowestVersion(range);
  return low !== undefined && versionAtLeast(low, '0.28.0');
}

/**
 * What a job that runs `shipjs trigger` leaves for the user: nothing when package.json asks for
 * Ship.js 0.28 or newer and ship.config sets `useOidcTokenProvider: true`; otherwise the step to take.
 */
export function shipjsLeft(jobId: string, readFile: ((path: string) => string | undefined) | undefined): string | undefined {
  const read = readFile ?? (() => undefined);
  const range = declaredRange(readManifest(read), 'shipjs');
  const configured = CONFIG_FILES.some((file) => /\buseOidcTokenProvider\s*:\s*true\b/.test(read(file) ?? ''));
  if (range !== undefined && fromOidcRelease(range) && configured) return undefined;
  const which = range === undefined ? 'package.json names no shipjs version' : fromOidcRelease(range) ? `ship.config.js does not set useOidcTokenProvider: true` : `package.json asks for shipjs ${range}`;
  return (
    `job "${jobId}": shipjs trigger writes the placeholder "//registry.npmjs.org/:_authToken=\${NPM_AUTH_TOKEN}" to ~/.npmrc before it publishes (${which}). ` +
    'npm 11.5.1+ exchanges the OIDC token first and publishes with it, but a failed exchange is then reported as a bad token. ' +
    'Upgrade shipjs to 0.28.0 or newer and set useOidcTokenProvider: true in ship.config.js.'
  );
}
