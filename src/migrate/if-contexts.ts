// A file whose job or step `if:` reads the secrets context is rejected by GitHub and never ran.
// What the condition was meant to test cannot be known here, and the file would still be
// rejected after a migration, so it is refused with the line to fix.
import type { YAMLMap } from 'yaml';
import { secretsInIf } from '../audit/if-contexts.js';
import { MigrateError } from './errors.js';

export function refuseSecretsInIf(jobs: readonly { id: string; node: YAMLMap; steps: readonly YAMLMap[] }[], content: string, path: string): void {
  const [first] = secretsInIf(jobs);
  if (!first) return;
  const line = content.slice(0, first.offset).split('\n').length;
  throw new MigrateError(
    `${path} is not migrated: the if: of ${first.step ? 'a step of ' : ''}job "${first.job}" (line ${line}) reads secrets, which GitHub does not allow in a condition, so it rejects this file and it never ran. Test an env value set from the secret instead (or drop the condition), then migrate again.`,
  );
}
