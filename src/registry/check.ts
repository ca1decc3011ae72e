// Does each package exist, and does its latest version carry provenance attestations (the
// proof that trusted publishing worked, after which the old token can go)?
import type { Finding } from '../core/model.js';
import { escapeName, getJson, type GetOptions } from './fetch.js';

export interface PackageState {
  name: string;
  status: 'published' | 'missing' | 'unreachable' | 'error';
  latest?: string;
  /** True when the latest version's `dist.attestations` is present. */
  provenance?: boolean;
  /** Why the check could not finish. */
  reason?: string;
  /** The package.json it came from, relative to the repository root. */
  file?: string;
}

type Doc = { 'dist-tags'?: Record<string, string>; versions?: Record<string, VersionDoc> };
type VersionDoc = { dist?: { attestations?: unknown } };

/**
 * GET the package document (abbreviated form, which carries `dist` per version), then the
 * version document when the version is not in it.
 */
export async function checkPackage(name: string, registry: string, options: GetOptions = {}): Promise<PackageState> {
  const base = `${registry}/${escapeName(name)}`;
  const doc = await getJson(base, { ...options, accept: 'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8' });
  if (doc.kind === 'not-found') return { name, status: 'missing' };
  if (doc.kind === 'unreachable') return { name, status: 'unreachable', reason: doc.reason };
  if (doc.kind === 'http-error') return { name, status: 'error', reason: `HTTP ${doc.status}` };
  const body = doc.body as Doc;
  const latest = body['dist-tags']?.latest;
  if (!latest) return { name, status: 'published' };
  let version = body.versions?.[latest];
  if (!version?.dist) {
    const got = await getJson(`${base}/${encodeURIComponent(latest)}`, options);
    if (got.kind !== 'ok') return { name, status: 'published', latest, reason: got.kind === 'unreachable' ? got.reason : `HTTP ${got.status}` };
    version = got.body as VersionDoc;
  }
  return { name, status: 'published', latest, provenance: Boolean(version?.dist?.attestations) };
}

export function bootstrapFix(name: string): string {
  const access = name.startsWith('@') ? ' --access public' : '';
  return (
    `Either publish the first version by hand from your machine, logged in with 2FA (\`npm publish${access}\`), ` +
    'or publish a clearly labelled placeholder version (e.g. 0.0.0-placeholder whose README says so). ' +
    'Then add the trusted publisher and let CI publish the real release.'
  );
}

export function registryFindings(states: readonly PackageState[], registry: string): Finding[] {
  const unreachable = states.filter((s) => s.status === 'unreachable');
  const findings: Finding[] = unreachable.length === 0 ? [] : [{
    id: 'registry-unreachable',
    level: 'warning',
    message: `${registry} could not be reached (${unreachable[0]!.reason}): the registry check of ${unreachable.map((s) => s.name).join(', ')} did not run.`,
    fix: 'Check the network or --registry, then run doctor --registry-check again. Everything else was checked offline.',
  }];
  return findings.concat(states.filter((s) => s.status !== 'unreachable').map((state): Finding => {
    const file = state.file ?? 'package.json';
    switch (state.status) {
      case 'error':
        return { id: 'registry-error', level: 'warning', message: `${registry} answered ${state.reason} for ${state.name}: the registry check did not finish.`, fix: 'Run doctor --registry-check again later.' };
      case 'missing':
        return { id: 'package-not-found', level: 'error', message: `${state.name} does not exist on ${registry} yet. A trusted publisher can only be added to an existing package: both npm trust and the first OIDC publish fail with E404.`, file, fix: bootstrapFix(state.name) };
      default:
        if (state.latest === undefined) {
          return { id: 'no-provenance', level: 'warning', message: `${state.name} has no "latest" version to check.`, file, fix: 'Publish a release from CI with trusted publishing.' };
        }
        if (state.provenance === undefined) {
          return { id: 'registry-error', level: 'warning', message: `The version document of ${state.name}@${state.latest} could not be read (${state.reason}).`, fix: 'Run doctor --registry-check again later.' };
        }
        return state.provenance
          ? { id: 'provenance-ok', level: 'info', message: `${state.name}@${state.latest} has provenance attestations: trusted publishing works. The old token can go now.`, file, fix: `Disallow tokens (npm access set mfa=publish ${state.name}), delete the CI secret and revoke the token.` }
          : { id: 'no-provenance', level: 'warning', message: `${state.name}@${state.latest} has no provenance attestations: it was not published with trusted publishing (or the repository is private).`, file, fix: 'Publish the next release from the migrated workflow, then run this check again before removing the token.' };
    }
  }));
}
