// Hand-written workflows for the audit rules. Pins come from templates/actions.json so that
// no SHA is written anywhere else in the project.
import { loadPins, pinnedUses } from '../../src/render/pins.js';

const pins = loadPins();
export const CHECKOUT = pinnedUses(pins.checkout);
export const SETUP_NODE = pinnedUses(pins['setup-node']);
export const SETUP_BUN = pinnedUses(pins['setup-bun']);
export const CHANGESETS = pinnedUses(pins.changesets);

/** A publishing workflow that meets every rule: the audit reports nothing at all. */
export const GOOD = `name: Publish
on:
  release:
    types: [published]
permissions: {}
jobs:
  publish:
    if: github.repository == 'acme/widget'
    runs-on: ubuntu-latest
    environment: npm
    permissions:
      contents: read
      id-token: write
    steps:
      - uses: ${CHECKOUT}
        with:
          persist-credentials: false
      - uses: ${SETUP_NODE}
        with:
          node-version: 24
          package-manager-cache: false
      - run: npm ci
      - run: npm publish
`;

/** `GOOD` with one exact substring replaced; throws if the substring is not there exactly once. */
export function edit(source: string, from: string, to: string): string {
  const parts = source.split(from);
  if (parts.length !== 2) throw new Error(`fixture: ${JSON.stringify(from)} occurs ${parts.length - 1} times`);
  return parts.join(to);
}

/** The 1-based line of the only line containing `needle`. */
export function lineWith(source: string, needle: string): number {
  const lines = source.split('\n').map((text, index) => ({ text, line: index + 1 })).filter(({ text }) => text.includes(needle));
  if (lines.length !== 1) throw new Error(`fixture: ${JSON.stringify(needle)} is on ${lines.length} lines`);
  return lines[0]!.line;
}

/** A typical token-based publish workflow, as found in many repositories before the move. */
export const TOKEN_WORKFLOW = `name: Release
on:
  release:
    types: [created]
jobs:
  publish-npm:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          registry-url: https://registry.npmjs.org/
      - run: npm ci
      - run: npm test
      - run: npm publish --provenance --access public
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;
