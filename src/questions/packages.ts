// Which packages the workflow publishes: the package here, or some of a monorepo's.
import type { Detected, PackageInfo } from '../core/model.js';
import { fail, ok, type MultiSelectQuestion, type Parsed } from './types.js';
import { printable } from '../text/clip.js';
import { parsePackageName } from '../validate/package-name.js';
import { shown } from '../text/output.js';

/** True when the run is at a workspace root that lists publishable packages. */
export function isMonorepoRoot(d: Detected): boolean {
  return d.workspacePackages.length > 0;
}

/**
 * Every package this run can publish, in a stable order: the package here when it is
 * publishable (a name, not private), then the workspace packages (sorted by directory).
 */
export function publishableCandidates(d: Detected): PackageInfo[] {
  const out: PackageInfo[] = [];
  const seen = new Set<string>();
  for (const p of [d.pkg, ...d.workspacePackages]) {
    if (!p?.name || p.private || seen.has(p.name)) continue;
    seen.add(p.name);
    out.push(p);
  }
  return out;
}

/** Names from `a,b` / `a b` / `a, b`, each a valid npm package name, without repeats. */
export function parsePackageList(input: string): Parsed<string[]> {
  const names = [...new Set(input.split(/[\s,]+/).filter(Boolean))];
  if (names.length === 0) return fail('Name at least one package, e.g. @acme/core,@acme/cli.');
  for (const name of names) {
    const parsed = parsePackageName(name);
    if (!parsed.ok) return fail(`"${printable(name)}": ${parsed.reason}`);
  }
  return ok(names);
}

/** An error naming the valid packages when some names are not publishable here. */
export function checkPackageNames(names: readonly string[], d: Detected): string | undefined {
  const valid = publishableCandidates(d).map((p) => p.name as string);
  const unknown = names.filter((n) => !valid.includes(n));
  if (unknown.length === 0) return undefined;
  const list = valid.length > 0 ? valid.join(', ') : '(none found)';
  return `${unknown.join(', ')} ${unknown.length === 1 ? 'is not a package' : 'are not packages'} this repository can publish. Choose from: ${list}.`;
}

export const packages: MultiSelectQuestion<'packages'> = {
  id: 'packages',
  kind: 'multiselect',
  flag: 'packages',
  label: 'Packages to publish',
  help: 'One workflow publishes each of them from its own folder; each gets its own trusted publisher on npmjs.com.',
  choices: (d) =>
    publishableCandidates(d).map((p) => ({
      value: p.name as string,
      label: p.name as string,
      // The version is the repository's text, shown by both front-ends: control characters visible.
      hint: shown([p.dir || '.', p.version].filter(Boolean).join(' · ')),
    })),
  defaultValue: (d) => {
    const names = publishableCandidates(d).map((p) => p.name as string);
    return names.length > 0 ? names : undefined;
  },
  certain: (d) => publishableCandidates(d).length <= 1,
  parse: parsePackageList,
  format: (v) => v.join(', '),
  check: checkPackageNames,
};
