// `retire`: "do the checklist for me", in the order that cannot lock the user out.
// Proof first (the latest versions carry provenance), then disallow tokens, delete the CI
// secret, revoke the tokens the user picks, and list what is left to remove by hand.
// A pure core: prompts, the CLIs and output come in through `deps`.
import type { TokenSummary } from '../trust/index.js';
import type { GetOptions } from '../registry/fetch.js';
import { checkProof, forcedMessage, proofLine, stopMessage, type Proof } from './proof.js';
import { disallowStep, secretStep, type RetireDeps, type RetireItem } from './steps.js';
import { tokenStep } from './tokens.js';
import type { Leftover, RetireTargets } from './targets.js';

export { retireTargets, type RetireTargets, type Leftover } from './targets.js';
export type { RetireDeps, RetireItem, Actions } from './steps.js';

export interface RetireOptions {
  registry: string;
  /** Go on without the proof (said loudly). */
  force: boolean;
  /** Token ids from --revoke. */
  revoke: string[];
  get?: GetOptions;
}

export interface RetireReport {
  registry: string;
  dryRun: boolean;
  /** Packages --force let through without proof. */
  forced: string[];
  proof: Proof[];
  /** Set when retire stopped before changing anything. */
  stopped?: 'no-proof' | 'no-packages';
  items: RetireItem[];
  tokens?: TokenSummary[];
  leftovers: Leftover[];
}

export function failed(report: RetireReport): boolean {
  return report.stopped !== undefined || report.items.some((i) => i.status === 'failed');
}

export async function retire(targets: RetireTargets, options: RetireOptions, deps: RetireDeps & { warn(text: string): void }): Promise<RetireReport> {
  const report: RetireReport = { registry: options.registry, dryRun: deps.mode === 'dry-run', forced: [], proof: [], items: [], leftovers: targets.leftovers };
  if (targets.packages.length === 0) {
    deps.warn('No package to publish here (package.json has no name, or is private, and no workspace package has one): nothing to retire.');
    return { ...report, stopped: 'no-packages' };
  }
  deps.out(`Proof: asking ${options.registry} whether the latest versions have provenance.`);
  report.proof = await checkProof(targets.packages, options.registry, options.get);
  for (const p of report.proof) deps.out(`  ${proofLine(p, options.registry)}`);
  const unproven = report.proof.filter((p) => p.status !== 'proven');
  if (unproven.length > 0 && !options.force) {
    deps.warn(`\n${stopMessage(unproven)}`);
    return { ...report, stopped: 'no-proof' };
  }
  if (unproven.length > 0) {
    deps.warn(`\n${forcedMessage(unproven)}`);
    report.forced = unproven.map((p) => p.name);
  }
  report.items.push(...(await disallowStep(targets.packages, deps)));
  report.items.push(...(await secretStep(targets.secrets, targets.repo, deps)));
  const tokens = await tokenStep(options.revoke, deps);
  report.items.push(...tokens.items);
  if (tokens.tokens) report.tokens = tokens.tokens;
  return report;
}
