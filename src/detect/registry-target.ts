// Where `npm publish` would send each package. Trusted publishing, and every value this tool
// prints for npmjs.com, is for registry.npmjs.org only: a package that publishes to GitHub
// Packages, Verdaccio or another registry is said so, plainly.
import type { Finding, PackageInfo } from '../core/model.js';
import type { RegistryLine } from './npmrc.js';
import { shown } from '../text/output.js';
import { registryKind } from '../audit/publish-rule.js';

const isNpmjs = (url: string) => registryKind(url) === 'npmjs';

function lineOf(raw: string, needle: string): number | undefined {
  const index = raw.split('\n').findIndex((line) => line.includes(needle));
  return index === -1 ? undefined : index + 1;
}

const manifest = (pkg: PackageInfo) => (pkg.dir ? `${pkg.dir}/package.json` : 'package.json');
const scopeOf = (name: string | undefined) => (name?.startsWith('@') ? name.slice(0, name.indexOf('/')) : undefined);

/**
 * publishConfig.registry off npmjs is an error for the package here (npm publishes there, whatever
 * CI says) and a warning for a workspace package (the others can still move); an .npmrc
 * registry, or scope registry for the package's scope, off npmjs is a warning (CI may set its own).
 */
export function registryTargetFindings(packages: readonly PackageInfo[], npmrc: readonly RegistryLine[], target?: PackageInfo): Finding[] {
  const findings: Finding[] = [];
  for (const pkg of packages) {
    if (pkg.private || !pkg.name) continue;
    const configured = pkg.publishConfig?.registry;
    if (typeof configured === 'string' && registryKind(configured) === 'proxy') {
      findings.push({
        id: 'registry-proxy',
        level: 'error',
        message: `publishConfig.registry ${shown(configured)} is a proxy: trusted publishing exists only on registry.npmjs.org.`,
        file: manifest(pkg),
        line: lineOf(pkg.raw, '"registry"'),
        fix: 'Remove publishConfig.registry.',
      });
      continue;
    }
    if (typeof configured === 'string' && !isNpmjs(configured)) {
      findings.push({
        id: 'registry-not-npmjs',
        level: pkg === target ? 'error' : 'warning',
        message: `${shown(pkg.name)} publishes to ${shown(configured)} (publishConfig.registry): trusted publishing is for registry.npmjs.org only.`,
        file: manifest(pkg),
        line: lineOf(pkg.raw, '"registry"'),
        fix: 'To publish to npmjs, remove publishConfig.registry.',
      });
      continue;
    }
    if (typeof configured === 'string') continue;
    // Scopes are compared without case: .npmrc files in the wild write `@SomeOrg:registry=`.
    const scope = scopeOf(pkg.name)?.toLowerCase();
    const line = npmrc.find((r) => r.scope !== undefined && r.scope.toLowerCase() === scope) ?? npmrc.find((r) => r.scope === undefined);
    // A default registry that is a proxy is scanNpmrc's registry-proxy error; the scope's is here.
    if (line && line.scope !== undefined && registryKind(line.url) === 'proxy') {
      findings.push({
        id: 'registry-proxy',
        level: 'error',
        message: `${shown(line.url)} (${line.scope}:registry) is a proxy: ${shown(pkg.name)} would publish there, and trusted publishing exists only on registry.npmjs.org.`,
        file: line.file,
        line: line.line,
        fix: 'Remove that line (or run --migrate --switch-registry).',
      });
      continue;
    }
    if (line && !isNpmjs(line.url) && !(line.scope === undefined && registryKind(line.url) === 'proxy')) {
      findings.push({
        id: 'registry-not-npmjs',
        level: 'warning',
        message: `${shown(pkg.name)} would publish to ${shown(line.url)}: trusted publishing is for registry.npmjs.org only.`,
        file: line.file,
        line: line.line,
        fix: 'To publish to npmjs, remove that line.',
      });
    }
  }
  return findings;
}
