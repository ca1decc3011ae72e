// GitHub-hosted runner images GitHub has removed: a job that asks for one never starts (GitHub
// fails it at once). Ubuntu only, where the replacement is plain: GitHub's own advice for each
// removal was to move to `ubuntu-latest` (actions/runner-images#6002 for 18.04, #11101 for 20.04).
export const RETIRED_UBUNTU = new Set(['ubuntu-16.04', 'ubuntu-18.04', 'ubuntu-20.04']);

/** The runner label to use instead of `label`, when `label` names a removed Ubuntu image. */
export function retiredRunnerReplacement(label: string): string | undefined {
  return RETIRED_UBUNTU.has(label.trim().toLowerCase()) ? 'ubuntu-latest' : undefined;
}
