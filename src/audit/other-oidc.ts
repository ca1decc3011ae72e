// Actions that exchange the job's OIDC token for something other than an npm publish: their
// documentation asks for id-token: write on the job that runs them (PyPI trusted publishing,
// build attestations, GitHub Pages deployments). A job running one keeps the scope.
const OTHER_OIDC_ACTION = /^(?:pypa\/gh-action-pypi-publish|actions\/attest(?:-build-provenance)?|actions\/deploy-pages)@/i;

/** True when one of a job's `uses:` values needs the job's OIDC token for its own exchange. */
export const needsIdTokenElsewhere = (uses: ReadonlyArray<string | undefined>): boolean => uses.some((u) => u !== undefined && OTHER_OIDC_ACTION.test(u.trim()));
