// Read-only detection: everything the wizard needs to know about the target directory.
import { join, resolve } from 'node:path';
import type { Detected, Finding, GitInfo, PackageInfo, RepoRef, RepositoryMismatch } from '../core/model.js';
import { detectGit } from './git.js';
import { detectPackageManager } from './lockfile.js';
import { lockfileAtWorkspaceRoot } from './lockfile-reach.js';
import { readNpmrcs } from './npmrc.js';
import { packageFindings, readPackage } from './package-json.js';
import { detectRelease } from './release.js';
import { forkFinding, forkRemote, repositoryFinding, repositoryMismatch } from './repository.js';
import { detectWorkspaces } from './workspaces.js';
import { readPublishContext, readWorkflows, readWorkflowTexts, workflowFindings } from './workflows.js';
import { readDependabot } from './dependabot.js';
import { ciFileFindings, readCiFiles } from './ci-files.js';
import { unsupportedCiFindings } from './unsupported-ci.js';
import { registryTargetFindings } from './registry-target.js';
import { isPublishable } from './package-set.js';

export { parseRemote, redactUrl, type RemoteRef } from './remote.js';
export { repositoryMatches, expectedRepository, parseRepositoryUrl } from './repository.js';
export { scanWorkflow, runsPublish } from './workflow-scan.js';
export { scanNpmrc } from './npmrc.js';
export { parsePackageManagerField } from './lockfile.js';

/** The repository npm compares package.json "repository" with: on GitHub, or on GitLab.com (provenance). */
function repositoryOnHost(git: GitInfo): { repo: RepoRef; host: string } | undefined {
  if (git.github) return { repo: git.github, host: 'github.com' };
  const slash = git.slug?.lastIndexOf('/') ?? -1;
  if (git.host !== 'gitlab.com' || !git.slug || slash < 0) return undefined;
  return { repo: { owner: git.slug.slice(0, slash), name: git.slug.slice(slash + 1) }, host: 'gitlab.com' };
}

/** Inspect `root` (and its git repository) without changing anything. Never throws for missing things. */
export async function detect(root: string): Promise<Detected> {
  const absRoot = resolve(root);
  const gitResult = await detectGit(absRoot);
  const pkgResult = readPackage(absRoot, '');
  const { git, top } = gitResult;
  const prefix = git.prefix;
  const pkg = pkgResult.status === 'ok' ? { ...pkgResult.pkg, dir: prefix } : undefined;
  const topPkg = prefix ? readPackage(top, '') : undefined;
  const topPkgField = topPkg?.status === 'ok' ? topPkg.pkg.packageManagerField : undefined;

  const workspaces = await detectWorkspaces(absRoot, prefix, pkg?.workspaces);
  const pm = detectPackageManager(absRoot, top, prefix, [pkg?.packageManagerField, topPkgField]);
  // Each workflow is read once: the publish context (local actions they use) and the scan share the texts.
  const workflowTexts = readWorkflowTexts(top);
  const publishContext = { ...readPublishContext(top, absRoot, workflowTexts), ...(git.github ? { self: `${git.github.owner}/${git.github.name}` } : {}) };
  const workflows = readWorkflows(top, publishContext, workflowTexts);
  const npmrc = readNpmrcs(absRoot, top, prefix);
  const ciFiles = readCiFiles(top, publishContext);
  const dependabot = readDependabot(top);
  // No package.json at the top of the repository, and no workspaces: the one folder its publishing
  // workflows publish from is the package, as if the user had pointed there.
  if (pkgResult.status === 'missing' && !prefix && workspaces.packages.length === 0) {
    // Loaded here only: it parses the workflows (the YAML parser stays out of start-up).
    const { workflowPublishFolders } = await import('./publish-folders.js');
    const folders = workflowPublishFolders(workflows, publishContext);
    const only = folders.length === 1 ? readPackage(join(absRoot, folders[0]!), folders[0]!) : undefined;
    if (only?.status === 'ok' && isPublishable(only.pkg)) {
      const there = await detect(join(absRoot, folders[0]!));
      const note: Finding = {
        id: 'package-in-folder',
        level: 'info',
        message: `No package.json at the top of the repository: its publishing workflow publishes from ${folders[0]}, so the package there is the one checked.`,
        file: `${folders[0]}/package.json`,
        fix: 'Nothing to change.',
      };
      return { ...there, findings: [note, ...there.findings] };
    }
  }
  const release = detectRelease(absRoot, top, pkg, workflows);

  const manifestFile = prefix ? `${prefix}/package.json` : 'package.json';
  const findings: Finding[] = [
    ...packageFindings(pkgResult, manifestFile, workspaces.isMonorepo),
    ...gitResult.findings,
  ];
  const fork = forkRemote(pkg, git);
  if (fork && pkg) findings.push(forkFinding(pkg, git, fork));
  const hosted = repositoryOnHost(git);
  const repositoryMismatches: RepositoryMismatch[] = [];
  if (hosted && pkg && !fork) {
    const toCheck: PackageInfo[] = [];
    if (!pkg.private) toCheck.push(pkg);
    toCheck.push(...workspaces.packages);
    for (const p of toCheck) {
      const mismatch = repositoryMismatch(p, hosted.repo, p.dir, hosted.host);
      if (mismatch) repositoryMismatches.push(mismatch);
      const finding = repositoryFinding(p, hosted.repo, p.dir, hosted.host);
      if (finding) findings.push(finding);
    }
  }
  findings.push(...workspaces.findings, ...pm.findings, ...workflowFindings(workflows), ...ciFileFindings(ciFiles), ...unsupportedCiFindings(top), ...npmrc.findings, ...release.findings);
  findings.push(...registryTargetFindings([...(pkg ? [pkg] : []), ...workspaces.packages], npmrc.registries, pkg));

  return {
    root: absRoot,
    ...(pkg ? { pkg } : {}),
    workspacePackages: workspaces.packages,
    packageManager: lockfileAtWorkspaceRoot(top, pm.packageManager.lockfile) ? { ...pm.packageManager, atWorkspaceRoot: true } : pm.packageManager,
    git,
    workflows,
    ciFiles,
    ...(dependabot ? { dependabot } : {}),
    npmrcTokens: npmrc.tokens,
    publishContext,
    repositoryMismatches,
    isMonorepo: workspaces.isMonorepo,
    ...(fork ? { fork } : {}),
    findings,
    release: release.release,
  };
}

