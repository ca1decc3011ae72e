// Which steps publish to npm: the line between general rules and publish-specific ones.
import type { YAMLMap } from 'yaml';

/**
 * A command that publishes: `npm publish`, `npm stage publish`, `pnpm -r publish`,
 * `yarn npm publish`, `bun publish`, `changeset publish`, `lerna publish`, semantic-release.
 * `--dry-run` publishes nothing.
 */
const PUBLISH_COMMAND =
  /\b(?:(?:npm|pnpm|bun|yarn)\b[^\n;&|#]*?\s(?:stage\s+|npm\s+)?publish|changeset\s+publish|lerna\s+publish|semantic-release)(?![\w-])/;

/** Actions that publish to npm when they run. */
const PUBLISH_ACTIONS = /^(?:changesets\/action|js-devtools\/npm-publish|cycjimmy\/semantic-release-action)@/i;

/** True when a `run:` script contains a publish command (on a line that is not a dry run). */
export function runPublishes(run: string): boolean {
  return run.split('\n').some((line) => PUBLISH_COMMAND.test(line.replace(/#.*$/, '')) && !/--dry-run\b/.test(line));
}

export function stepPublishes(uses: string | undefined, run: string | undefined, withMap: YAMLMap | undefined): boolean {
  if (run !== undefined && runPublishes(run)) return true;
  if (uses === undefined || !PUBLISH_ACTIONS.test(uses)) return false;
  // changesets/action only publishes when given a publish command: `publish` up to v1,
  // `publish-script` from v2 on.
  if (/^changesets\/action@/i.test(uses)) return Boolean(withMap?.has('publish') || withMap?.has('publish-script'));
  return true;
}

export function jobPublishes(steps: { publishes: boolean }[]): boolean {
  return steps.some((step) => step.publishes);
}
