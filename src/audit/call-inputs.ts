// A job that calls a reusable workflow passes its inputs under `with:`, where GitHub allows the
// github, inputs, matrix, needs, strategy and vars contexts, not `secrets`: a `${{ secrets.X }}`
// there makes GitHub reject the whole workflow file (actionlint reports it too). Secrets go under
// the call's `secrets:`.
import { isMap, isScalar, type YAMLMap } from 'yaml';

export interface SecretInput {
  /** The input's name under `with:`. */
  input: string;
  /** The secret it names (`NPM_TOKEN`). */
  secret: string;
  /** Offset of the input's key in the text. */
  offset: number;
}

/** The `with:` inputs of a reusable workflow call (`job`) that read the secrets context. */
export function secretsInCallInputs(job: YAMLMap): SecretInput[] {
  if (!isScalar(job.get('uses', true))) return [];
  const inputs = job.get('with', true);
  if (!isMap(inputs)) return [];
  const out: SecretInput[] = [];
  for (const item of inputs.items) {
    if (!isScalar(item.key) || !isScalar(item.value) || typeof item.value.value !== 'string') continue;
    const secret = /\$\{\{[^}]*?\bsecrets\.([\w-]+)/.exec(item.value.value)?.[1];
    if (secret) out.push({ input: String(item.key.value), secret, offset: item.key.range?.[0] ?? 0 });
  }
  return out;
}
