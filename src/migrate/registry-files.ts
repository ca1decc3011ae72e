// A proxy in front of npmjs.com named outside the workflow: an `.npmrc` `registry=` line (or the
// `@scope:registry=` line of a published package's scope) and package.json publishConfig.registry.
// npm publishes there whatever the workflow says, so with --switch-registry they move to
// registry.npmjs.org in the same write set as the workflow; without it the migration stops first.
import type { Detected, FileChange, PackageInfo } from '../core/model.js';
import { registryKind } from '../audit/publish-rule.js';
import { asPackageJson } from '../plan/repository-fix.js';
import { MigrateError } from './errors.js';

const NPMJS = 'https://registry.npmjs.org/';
const REGISTRY_LINE = /^(\s*(@[^:\s=]+:)?registry\s*=\s*)(['"]?)([^'"\s]+)\3(\s*)$/;

interface Found {
  change: FileChange;
  /** `file:line` and URL of each proxy, for the refusal. */
  places: string[];
}

const scopeOf = (name: string | undefined) => (name?.startsWith('@') ? name.slice(0, name.indexOf('/')).toLowerCase() : undefined);

function npmrcEdit(path: string, text: string, scopes: ReadonlySet<string>): Found | undefined {
  const places: string[] = [];
  const lines = text.split('\n').map((raw, index) => {
    const cr = raw.endsWith('\r') ? '\r' : '';
    const line = cr ? raw.slice(0, -1) : raw;
    const m = REGISTRY_LINE.exec(line);
    if (!m || registryKind(m[4]!) !== 'proxy') return raw;
    // A scope line matters only for a published package of that scope.
    if (m[2] !== undefined && !scopes.has(m[2].slice(0, -1).toLowerCase())) return raw;
    places.push(`${path}:${index + 1} (${m[4]})`);
    return `${m[1]}${m[3]}${NPMJS}${m[3]}${m[5]}${cr}`;
  });
  if (places.length === 0) return undefined;
  return { places, change: { path, kind: 'update', before: text, after: lines.join('\n'), reason: 'publishes to registry.npmjs.org instead of the proxy (--switch-registry)', needsConsent: true } };
}

function publishConfigEdit(pkg: PackageInfo): Found | undefined {
  const registry = pkg.publishConfig?.['registry'];
  if (typeof registry !== 'string' || registryKind(registry) !== 'proxy') return undefined;
  const data = JSON.parse(pkg.raw) as Record<string, unknown> & { publishConfig: Record<string, unknown> };
  const { registry: _dropped, ...rest } = data.publishConfig;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (key !== 'publishConfig') out[key] = value;
    else if (Object.keys(rest).length > 0) out[key] = rest;
  }
  const path = pkg.dir ? `${pkg.dir}/package.json` : 'package.json';
  return { places: [`${path} publishConfig.registry (${registry})`], change: { path, kind: 'update', before: pkg.raw, after: asPackageJson(pkg.raw, out), reason: 'publishConfig.registry removed: publishes to registry.npmjs.org instead of the proxy (--switch-registry)', needsConsent: true } };
}

/**
 * The edits that move every publish of this repository off a proxy, or a MigrateError that names
 * each proxy and the flag when the user has not consented to the switch.
 */
export function registryProxyEdits(d: Detected, switchRegistry: boolean): FileChange[] {
  const own = d.pkg && !d.pkg.private && d.pkg.name ? [d.pkg] : [];
  const packages = [...own, ...d.workspacePackages.filter((p) => p.name && !p.private)];
  const scopes = new Set(packages.map((p) => scopeOf(p.name)).filter((s): s is string => s !== undefined));
  const readFile = d.publishContext?.readFile;
  const prefix = d.git.prefix;
  const npmrcs = [...new Set([...(prefix ? [`${prefix}/.npmrc`] : []), '.npmrc'])];
  const found = [
    ...npmrcs.flatMap((path) => {
      const text = readFile?.(path);
      const edit = text === undefined ? undefined : npmrcEdit(path, text, scopes);
      return edit ? [edit] : [];
    }),
    ...packages.flatMap((p) => publishConfigEdit(p) ?? []),
  ];
  if (found.length === 0) return [];
  if (!switchRegistry) {
    throw new MigrateError(
      `npm would publish through a proxy in front of npmjs.com (Wombat Dressing Room or the like) that holds a token of its own: ${found.flatMap((f) => f.places).join(', ')}. Trusted publishing only works against registry.npmjs.org. Re-run with --switch-registry to publish to registry.npmjs.org directly (the proxy's release checks no longer apply).`,
    );
  }
  return found.map((f) => f.change);
}
