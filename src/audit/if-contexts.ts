// GitHub does not offer the `secrets` context to an `if:`: a job's `if:` may read github, inputs,
// vars and needs, a step's also strategy, matrix, steps, job, runner and env. A file whose
// condition reads a secret (`if: secrets.NPM_TOKEN != ''`) is rejected as a whole and never runs.
// actionlint reports it too. The usual fix is to test an env value set from the secret.
import { isScalar, type YAMLMap } from 'yaml';

/** `secrets.X` or `secrets['X']` outside the quoted strings of an expression. */
const READS_SECRETS = /\bsecrets\s*(?:\.|\[)/;

const readsSecrets = (condition: unknown) => typeof condition === 'string' && READS_SECRETS.test(condition.replace(/'(?:[^']|'')*'/g, "''"));

export interface SecretsInIf {
  /** The job whose `if:` (or whose step's `if:`) reads secrets. */
  job: string;
  /** True when the condition is a step's, false when it is the job's own. */
  step: boolean;
  /** Offset of the `if:` value in the text. */
  offset: number;
}

/** Every job and step `if:` of `jobs` (job node and its step nodes) that reads the secrets context, in file order. */
export function secretsInIf(jobs: readonly { id: string; node: YAMLMap; steps: readonly YAMLMap[] }[]): SecretsInIf[] {
  const out: SecretsInIf[] = [];
  for (const job of jobs) {
    for (const map of [job.node, ...job.steps]) {
      const node = map.get('if', true);
      if (!isScalar(node) || !readsSecrets(node.value)) continue;
      out.push({ job: job.id, step: map !== job.node, offset: node.range?.[0] ?? 0 });
    }
  }
  return out;
}
