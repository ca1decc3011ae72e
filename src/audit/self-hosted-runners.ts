// Runners GitHub reports as self-hosted (the OIDC token's runner_environment): npm accepts trusted
// publishing only from cloud-hosted runners, and refuses the provenance it adds for a public
// repository from these with E422 "Unsupported GitHub Actions runner environment: self-hosted".
// The `self-hosted` label, the labels of Blacksmith, whose machines register with GitHub as
// self-hosted runners (`blacksmith-4vcpu-ubuntu-2404`), and the labels the repository's actionlint
// configuration lists as its self-hosted runners (`self-hosted-runner: labels:` in
// .github/actionlint.yaml or .yml; actionlint takes glob patterns there). Any other custom label
// may be a GitHub-hosted larger runner (reported as github-hosted) or a self-hosted one: unknown.
import { parse } from 'yaml';

export type SelfHosted = 'self-hosted' | 'Blacksmith' | 'listed';

/** Where actionlint reads its configuration. */
export const ACTIONLINT_CONFIGS = ['.github/actionlint.yaml', '.github/actionlint.yml'];

/** The self-hosted runner labels (or glob patterns) the repository's actionlint configuration lists. */
export function listedSelfHosted(readFile: ((path: string) => string | undefined) | undefined): string[] {
  for (const path of ACTIONLINT_CONFIGS) {
    const text = readFile?.(path);
    if (text === undefined) continue;
    try {
      const labels = (parse(text) as { 'self-hosted-runner'?: { labels?: unknown } } | null)?.['self-hosted-runner']?.labels;
      return Array.isArray(labels) ? labels.filter((l): l is string => typeof l === 'string') : [];
    } catch {
      return [];
    }
  }
  return [];
}

/** A label against an actionlint pattern (`*` and `?` globs), case-insensitively as GitHub matches labels. */
const matches = (label: string, pattern: string): boolean =>
  new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i').test(label);

/** Who runs a job on `label`, when GitHub reports that runner as self-hosted; `listed`: the labels of listedSelfHosted. */
export function selfHostedRunner(label: string, listed: readonly string[] = []): SelfHosted | undefined {
  const name = label.trim().toLowerCase();
  if (name === 'self-hosted') return 'self-hosted';
  if (name.startsWith('blacksmith-')) return 'Blacksmith';
  if (listed.some((pattern) => matches(name, pattern.trim()))) return 'listed';
  return undefined;
}
