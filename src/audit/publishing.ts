// Which steps publish to npm: the line between general rules and publish-specific ones.
// The rule itself lives in publish-rule.ts (shared with the line scanner of detect); this file
// reads a parsed step's facts for it.
import { isMap, isScalar, type YAMLMap } from 'yaml';
import { stepFactsPublish, type PublishContext } from './publish-rule.js';
import { isTokenEnv, isTokenInput } from './token-forms.js';

/** The `key: value` pairs of a map whose values are scalars, as text. */
export function scalarPairs(map: YAMLMap | undefined): Array<[string, string]> {
  return (map?.items ?? []).flatMap((item) =>
    isScalar(item.key) && isScalar(item.value) && item.value.value !== null ? [[String(item.key.value), String(item.value.value)] as [string, string]] : [],
  );
}

/** True when an `env:` map hands npm a token (any of the names and secrets the rule knows). */
export const envHasToken = (env: YAMLMap | undefined): boolean => scalarPairs(env).some(([k, v]) => isTokenEnv(k, v));

/** True when the job's or the workflow's `env:` hands npm a token (the `jobToken` of stepPublishes). */
export const jobHasToken = (root: YAMLMap | undefined, jobNode: YAMLMap | undefined): boolean =>
  [root, jobNode].some((map) => {
    const env = map?.get('env');
    return envHasToken(isMap(env) ? env : undefined);
  });

/**
 * Does a step publish? `env` and `jobToken` (the job's or workflow's env holds a token) let the
 * rule see token-only publishes; `context` adds package.json scripts, local actions and the
 * repository's shell scripts (run from `workingDirectory`).
 */
export function stepPublishes(
  uses: string | undefined,
  run: string | undefined,
  withMap: YAMLMap | undefined,
  env?: YAMLMap,
  context: PublishContext = {},
  jobToken = false,
  workingDirectory?: string,
  handed?: Readonly<Record<string, string>>,
): boolean {
  const withPairs = scalarPairs(withMap);
  return stepFactsPublish(
    {
      ...(uses !== undefined ? { uses } : {}),
      ...(run !== undefined ? { run } : {}),
      ...(workingDirectory !== undefined ? { workingDirectory } : {}),
      withKeys: (withMap?.items ?? []).flatMap((item) => (isScalar(item.key) ? [String(item.key.value)] : [])),
      ...(withPairs.length > 0 ? { withValues: Object.fromEntries(withPairs) } : {}),
      ...(handed ? { handed } : {}),
      tokenInput: withPairs.some(([k, v]) => isTokenInput(k, v)),
      stepToken: envHasToken(env),
      jobToken,
    },
    context,
  );
}

export function jobPublishes(steps: { publishes: boolean }[]): boolean {
  return steps.some((step) => step.publishes);
}
