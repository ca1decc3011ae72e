// Step 1, the gate: every package's latest version must carry provenance attestations
// (published by trusted publishing) before tokens are disallowed. Without that proof,
// "disallow tokens" could leave a package no way to be published at all.
import { checkPackage, type PackageState } from '../registry/check.js';
import type { GetOptions } from '../registry/fetch.js';

export interface Proof {
  name: string;
  status: 'proven' | 'no-provenance' | 'missing' | 'unknown';
  latest?: string;
  /** Why the registry could not answer (status unknown). */
  reason?: string;
}

function toProof(state: PackageState): Proof {
  const latest = state.latest ? { latest: state.latest } : {};
  if (state.status === 'missing') return { name: state.name, status: 'missing' };
  if (state.status !== 'published') return { name: state.name, status: 'unknown', reason: state.reason ?? state.status };
  if (state.latest === undefined) return { name: state.name, status: 'no-provenance', reason: 'no "latest" version' };
  if (state.provenance === undefined) return { name: state.name, status: 'unknown', ...latest, reason: state.reason ?? 'version document unreadable' };
  return { name: state.name, status: state.provenance ? 'proven' : 'no-provenance', ...latest };
}

/** GETs each package document (anonymously, read-only). */
export async function checkProof(packages: readonly string[], registry: string, get: GetOptions = {}): Promise<Proof[]> {
  return Promise.all(packages.map(async (name) => toProof(await checkPackage(name, registry, get))));
}

export function proofLine(p: Proof, registry: string): string {
  const at = p.latest ? `${p.name}@${p.latest}` : p.name;
  switch (p.status) {
    case 'proven':
      return `✔ ${at} has provenance attestations: it was published by trusted publishing.`;
    case 'no-provenance':
      return `✖ ${at} has no provenance attestations${p.reason ? ` (${p.reason})` : ''}: nothing shows it was published by trusted publishing.`;
    case 'missing':
      return `✖ ${p.name} does not exist on ${registry}.`;
    default:
      return `✖ ${at}: ${registry} could not be asked (${p.reason}), so nothing proves trusted publishing works.`;
  }
}

/** Why retire stopped, and what to do next. */
export function stopMessage(unproven: readonly Proof[]): string {
  const names = unproven.map((p) => p.name).join(', ');
  return [
    `Stopped before changing anything: ${names} ${unproven.length === 1 ? 'lacks' : 'lack'} the proof that trusted publishing works.`,
    'Disallowing tokens now could leave no way to publish.',
    'Publish a release with the new workflow (from CI, with trusted publishing), check it with',
    `  ${unproven.map((p) => `npm view ${p.name} dist.attestations`).join('\n  ')}`,
    'then run `create-trusted-publish retire` again.',
    'A private repository gets no provenance: if CI already publishes there without a token, --force skips this check.',
  ].join('\n');
}

export function forcedMessage(unproven: readonly Proof[]): string {
  return [
    `WARNING: --force skipped the provenance check for ${unproven.map((p) => p.name).join(', ')}.`,
    'Nothing shows that trusted publishing works for it. If it does not, disallowing tokens leaves',
    'no way to publish until you choose a token-friendly setting again on the package\'s access page.',
  ].join('\n');
}
