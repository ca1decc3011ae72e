// `doctor`: read-only. Everything that would make the next trusted publish fail, or leaves
// a token behind, with file:line and the fix. Offline unless registryCheck is asked for.
import type { Detected, Finding, PackageInfo } from '../core/model.js';
import { detect } from '../detect/index.js';
import { checkPackage, registryFindings } from '../registry/check.js';
import { DEFAULT_REGISTRY, normaliseRegistry, type FetchLike } from '../registry/fetch.js';
import { installTokenFindings, npmrcFindings, packageJsonFindings, publishesThroughYarn } from './packages.js';
import { workflowDoctor } from './workflows.js';
import { napiPlatformPackages } from '../detect/package-set.js';
import { builtPackageFinding, ciBuiltPackages, topPackageError } from '../detect/built-package.js';
import { publishFolderPackages, versionlessUnpublished } from '../detect/publish-folders.js';
import { repositoryPackages } from '../detect/named-packages.js';
import { aliasPackages } from '../detect/alias-packages.js';

export { workflowDoctor, type WorkflowSource } from './workflows.js';

export interface DoctorOptions {
  registryCheck?: boolean;
  registry?: string;
  timeoutMs?: number;
  fetch?: FetchLike;
}

export interface DoctorReport {
  root: string;
  findings: Finding[];
  /** Workflows that were checked (the ones that publish, and their callers). */
  workflows: string[];
  /** CI files that publish to npmjs.com: workflows with a publishing job or calling one, `.gitlab-ci.yml` and `.circleci/config.yml` when they publish. */
  publishing: string[];
  /** Package names that would be published. */
  packages: string[];
  /** The registry that was asked, when the registry check ran. */
  registry?: string;
}

const LEVEL_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** By file (findings without a file last), then line, then level. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      (a.file === undefined ? 1 : 0) - (b.file === undefined ? 1 : 0) ||
      (a.file ?? '').localeCompare(b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level],
  );
}

/** True when something must be fixed: any error or warning. */
export function mustFix(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.level === 'error' || f.level === 'warning');
}

export function publishedPackages(d: Detected): PackageInfo[] {
  const packages = repositoryPackages(d);
  // napi-rs: every platform package is published too, and needs its own trusted publisher; so does an alias a release program publishes.
  return [...packages, ...packages.flatMap((p) => napiPlatformPackages(p).map((name) => ({ ...p, name }))), ...aliasPackages(d, packages)];
}

/** The package.json "repository" findings of detect. */
const REPOSITORY_IDS = new Set(['repository-mismatch', 'repository-case', 'repository-directory']);

/** Everything doctor reports offline, from what detect found. */
export function offlineFindings(d: Detected): { findings: Finding[]; workflows: string[]; publishing: string[] } {
  const report = workflowDoctor(d.workflows, d.git.github, d.publishContext);
  // No package.json here, but a publishing workflow builds the package in CI: a note, not an error.
  const built = ciBuiltPackages(d);
  const folders = publishFolderPackages(d);
  // "repository" matters only for a package the repository publishes (its workflows may name which).
  const published = new Set(publishedPackages(d).map((p) => (p.dir ? `${p.dir}/package.json` : 'package.json')));
  const unpublished = (f: Finding) => REPOSITORY_IDS.has(f.id) && f.file !== undefined && f.file !== null && !published.has(f.file);
  // A versionless package.json here that no publish reads needs no version.
  const needsNoVersion = (f: Finding) => f.id === 'no-version' && d.pkg !== undefined && f.file === (d.pkg.dir ? `${d.pkg.dir}/package.json` : 'package.json') && versionlessUnpublished(d);
  const findings = [
    // detect's token-env is replaced by the audit's precise rule and by install-token.
    // A private top package.json is not what a workflow publishing from folders (or a CI build's folders) publishes.
    ...d.findings.filter((f) => f.id !== 'token-env' && !((built.length > 0 || folders.length > 0) && topPackageError(f)) && !unpublished(f) && !needsNoVersion(f)),
    ...(built.length > 0 ? [builtPackageFinding(built)] : []),
    ...report.findings,
    ...installTokenFindings(d, report.findings, report.inTokenStep, report.inAdminStep),
    ...npmrcFindings(d),
    ...[d.pkg, ...d.workspacePackages, ...folders].filter((p): p is PackageInfo => p !== undefined).flatMap((p) => packageJsonFindings(p, publishesThroughYarn(d))),
  ];
  for (const p of publishedPackages(d).filter((p) => d.pkg === p || d.workspacePackages.includes(p))) {
    const platforms = napiPlatformPackages(p);
    if (platforms.length === 0) continue;
    findings.push({ id: 'napi-platform-packages', level: 'info', message: `${p.name} also publishes ${platforms.join(', ')}.`, file: p.dir ? `${p.dir}/package.json` : 'package.json', fix: 'Add the trusted publisher to each of them too.' });
  }
  if (report.checked.length === 0) {
    findings.push({ id: 'no-publish-workflow', level: 'info', message: 'No workflow in .github/workflows publishes to npm.', fix: 'Run create-trusted-publish to write one.' });
  }
  return { findings, workflows: report.checked, publishing: [...report.publishing, ...d.ciFiles.filter((f) => f.publishes).map((f) => f.path)] };
}

export async function doctor(root: string, options: DoctorOptions = {}): Promise<DoctorReport> {
  const d = await detect(root);
  const { findings, workflows, publishing } = offlineFindings(d);
  const packages = publishedPackages(d);
  const report: DoctorReport = { root: d.root, findings, workflows, publishing, packages: packages.map((p) => p.name!) };
  if (options.registryCheck) {
    const registry = normaliseRegistry(options.registry ?? DEFAULT_REGISTRY);
    const get = { ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}), ...(options.fetch ? { fetch: options.fetch } : {}) };
    const states = await Promise.all(
      packages.map(async (p) => ({ ...(await checkPackage(p.name!, registry, get)), file: p.dir ? `${p.dir}/package.json` : 'package.json' })),
    );
    findings.push(...registryFindings(states, registry));
    report.registry = registry;
  }
  report.findings = sortFindings(findings);
  return report;
}
