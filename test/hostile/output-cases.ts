// Shared pieces of the output cases (points 5-7, 12-18, 20, 21 of the hostile-input issue):
// secret markers of every shape the filter must hide, and the checks on printed text.
import assert from 'node:assert/strict';
import { SECRET, type Run } from './harness.js';

/** One marker per token shape; none may ever reach the terminal or a written file. */
export const MARKERS = {
  npm: SECRET,
  ghp: 'ghp_HostileGhp0123456789abcdefABCDEF012345',
  gho: 'gho_HostileGho0123456789abcdefABCDEF012345',
  pat: 'github_pat_11HOSTILE0123456789_abcdefABCDEFghijkl',
  glpat: 'glpat-HostileGitlab0123456789',
  password: 'hunter2HostilePassword',
} as const;

/** The ESC and the other raw control characters a hostile value could smuggle in. */
export const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

/** No marker, no raw control character, in stdout or stderr. */
export function assertSafeOutput(r: Run): void {
  const output = `${r.stdout}\n${r.stderr}`;
  for (const [kind, marker] of Object.entries(MARKERS)) assert.ok(!output.includes(marker), `${kind} marker printed:\n${output}`);
  const raw = RAW_CONTROL.exec(output);
  assert.equal(raw, null, `raw control character ${JSON.stringify(raw?.[0])} printed:\n${JSON.stringify(output)}`);
}

/** stdout is exactly one JSON document; returns it. */
export function oneJson(r: Run): Record<string, unknown> {
  let doc: unknown;
  assert.doesNotThrow(() => (doc = JSON.parse(r.stdout)), `stdout is not one JSON document:\n${r.stdout}\n--- stderr\n${r.stderr}`);
  assert.equal(typeof doc, 'object');
  return doc as Record<string, unknown>;
}

/** A workflow that publishes with a literal token (the shape of a real leak). */
export function leakyWorkflow(token: string): string {
  return `name: publish
on:
  release:
    types: [published]
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          registry-url: https://registry.npmjs.org
      - run: npm ci
      - run: npm publish
        env:
          NODE_AUTH_TOKEN: ${token}
`;
}
