// Publish actions read at their source that cannot publish with trusted publishing. For these the
// migration says what blocks the OIDC exchange and what to do instead, rather than that it cannot
// tell.
interface TokenOnlyAction {
  /** owner/name, compared without the ref. */
  action: string;
  /** What blocks the exchange. */
  why: string;
  /** What the user can do. */
  instead: string;
}

const ACTIONS: readonly TokenOnlyAction[] = [
  {
    // A Docker action (its master since 2023): `FROM node:18-slim`, and its script throws when
    // NPM_AUTH_TOKEN is empty before it asks the registry for the latest version.
    action: 'mikeal/merge-release',
    why: 'its Docker image (node:18-slim) runs npm 10, which has no OIDC exchange, and its script stops when NPM_AUTH_TOKEN is unset',
    instead:
      'replace it with steps of your own on Node 24 (npm 11.5.1+): the bump it picks from the commit messages since the published version (major for "BREAKING CHANGE" or "!:", minor for a message starting with "feat", else patch), `npm version <bump> --no-git-tag-version`, `npm publish`, then the tag it pushes',
  },
];

/** The known token-only action `uses` names, if it is one. */
function known(uses: string): TokenOnlyAction | undefined {
  const name = uses.replace(/@.*$/, '').toLowerCase();
  return ACTIONS.find((a) => a.action === name);
}

/**
 * The refusal for a step that publishes with an action this file knows cannot exchange OIDC:
 * `where` names the job. What to do instead goes on a line of its own (a line of a message is clipped).
 */
export function tokenOnlyActionRefusal(where: string, uses: string, handsToken: boolean): string | undefined {
  const action = known(uses);
  if (!action) return undefined;
  return `${where} ${handsToken ? 'hands an npm token to' : 'publishes with'} ${action.action}, which cannot publish with trusted publishing: ${action.why}.\nInstead, ${action.instead}; then migrate again.`;
}
