// Inputs shared by the render tests: the golden cases and every variant the wizard can produce.
import { PACKAGE_MANAGERS, TRIGGERS } from '../../src/model.js';
import type { WorkflowInput } from '../../src/render/workflow.js';

export const BASE: WorkflowInput = {
  repo: { owner: 'acme', name: 'widget' },
  trigger: 'release',
  environment: 'npm',
  node: '24',
  packageManager: 'npm',
  packageDir: '',
  packageName: 'widget',
  hasBuild: true,
  hasTest: true,
};

/** File name under test/golden/github/ -> input. */
export const GOLDEN: Record<string, WorkflowInput> = {
  ...Object.fromEntries(
    TRIGGERS.flatMap((trigger) => [
      [`publish-${trigger}-env.yml`, { ...BASE, trigger }],
      [`publish-${trigger}-noenv.yml`, { ...BASE, trigger, environment: null }],
    ]),
  ),
  'publish-pnpm.yml': { ...BASE, packageManager: 'pnpm', hasBuild: false },
  'publish-subdir.yml': { ...BASE, trigger: 'tag', packageDir: 'packages/widget', packageName: '@acme/widget' },
  'publish-node22-yarn.yml': { ...BASE, node: '22', packageManager: 'yarn', environment: null },
};

export interface Variant {
  label: string;
  input: WorkflowInput;
}

/** All triggers x environment or none x package managers x Node 22/24 x scripts or none x root/subdirectory. */
export function allVariants(): Variant[] {
  const variants: Variant[] = [];
  for (const trigger of TRIGGERS)
    for (const environment of ['npm', null])
      for (const packageManager of PACKAGE_MANAGERS)
        for (const node of ['22', '24'])
          for (const scripts of [true, false])
            for (const packageDir of ['', 'packages/widget']) {
              const input: WorkflowInput = {
                ...BASE,
                trigger,
                environment,
                packageManager,
                node,
                hasBuild: scripts,
                hasTest: scripts,
                packageDir,
                ...(packageManager === 'pnpm' && packageDir ? { pnpmVersion: '10' } : {}),
              };
              const label = [trigger, environment ?? 'no-env', packageManager, `node${node}`, scripts ? 'scripts' : 'no-scripts', packageDir || 'root'].join(' ');
              variants.push({ label, input });
            }
  return variants;
}
