// GitHub does not offer the `secrets` context to an `if:` (a job's or a step's): a file whose
// condition reads one (`if: secrets.NPM_TOKEN != ''`) is rejected as a whole and never runs.
// What the condition was meant to test cannot be known here, and the file would still be
// rejected after a migration, so it is refused with the line to fix.
import { isScalar, type YAMLMap } from 'yaml';
import { MigrateError } from './errors.js';

/** `secrets.X` or `secrets['X']` outside the quoted strings of an expression. */
const READS_SECRETS = /\bsecrets\s*(?:\.|\[)/;

const readsSecrets = (condition: unknown) => typeof condition === 'string' && READS_SECRETS.test(condition.replace(/'(?:[^']|'')*'/g, "''"));

export function refuseSecretsInIf(jobs: readonly { id: string; node: YAMLMap; steps: readonly YAMLMap[] }[], content: string, path: string): void {
  for (const job of jobs) {
    for (const map of [job.node, ...job.steps]) {
      const node = map.get('if', true);
      if (!isScalar(node) || !readsSecrets(node.value)) continue;
      const line = content.slice(0, node.range?.[0] ?? 0).split('\n').length;
      throw new MigrateError(
        `${path} is not migrated: the if: of ${map === job.node ? '' : 'a step of '}job "${job.id}" (line ${line}) reads secrets, which GitHub does not allow in a condition, so it rejects this file and it never ran. Test an env value set from the secret instead (or drop the condition), then migrate again.`,
      );
    }
  }
}
