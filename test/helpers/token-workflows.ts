// Token-publishing workflows that several tests start from (written for these tests).

/** A tag push that publishes with NODE_AUTH_TOKEN from secrets.NPM_TOKEN, on Node 24. */
export const TAG_TOKEN_PUBLISH = `name: Publish
on:
  push:
    tags: ['v*']
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
      - run: npm ci
      - run: npm publish
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;
