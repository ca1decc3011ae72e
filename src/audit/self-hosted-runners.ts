// Runners GitHub reports as self-hosted (the OIDC token's runner_environment): npm accepts trusted
// publishing only from cloud-hosted runners, and refuses the provenance it adds for a public
// repository from these with E422 "Unsupported GitHub Actions runner environment: self-hosted".
// The `self-hosted` label, and the labels of Blacksmith, whose machines register with GitHub as
// self-hosted runners (`blacksmith-4vcpu-ubuntu-2404`).

/** Who runs a job on `label`, when GitHub reports that runner as self-hosted. */
export function selfHostedRunner(label: string): 'self-hosted' | 'Blacksmith' | undefined {
  const name = label.trim().toLowerCase();
  if (name === 'self-hosted') return 'self-hosted';
  if (name.startsWith('blacksmith-')) return 'Blacksmith';
  return undefined;
}
