// The exact `npm trust github` command lines for a plan: shown first, then run (or printed
// only, with --dry-run). One call per package: npm trust is unaware of workspaces.
import type { Plan, RepoRef } from '../core/model.js';
import { shellCommand } from '../text/shell.js';
import { accessUrl } from '../npm/publisher.js';
import { githubTrustArgs } from '../npm/trust-command.js';

export interface TrustTarget {
  packages: string[];
  repo: RepoRef;
  /** Bare workflow file name npm matches (the caller's, for a reusable workflow). */
  workflow: string;
  environment: string | null;
  /** `publish` (default) or `stage` (npm stage publish only). */
  allow?: 'publish' | 'stage';
}

export interface TrustCommand {
  packageName: string;
  /** Arguments after `npm`. */
  args: string[];
  /** The command line as shown to the user. */
  display: string;
  /** The npmjs.com page to do the same by hand. */
  url: string;
  expect: { repository: string; file: string; environment: string | null; permission: 'createPackage' | 'createStagedPackage' };
}

export function trustTarget(plan: Plan): TrustTarget {
  return {
    packages: plan.publishers.map((p) => p.packageName),
    repo: plan.repo,
    workflow: plan.answers.workflow,
    environment: plan.answers.environment,
  };
}

export function trustCommandsFor(target: TrustTarget): TrustCommand[] {
  const repository = `${target.repo.owner}/${target.repo.name}`;
  const stage = target.allow === 'stage';
  return target.packages.map((packageName) => {
    // --yes: the user confirmed the list already; npm still asks for 2FA on the terminal.
    const args = [...githubTrustArgs(packageName, { repo: target.repo, workflow: target.workflow, environment: target.environment, stage }), '--yes'];
    return {
      packageName,
      args,
      display: shellCommand('npm', ...args),
      url: accessUrl(packageName),
      expect: { repository, file: target.workflow, environment: target.environment, permission: stage ? 'createStagedPackage' : 'createPackage' },
    };
  });
}

/** The `npm trust github` commands for everything a plan publishes. */
export function trustCommands(plan: Plan): TrustCommand[] {
  return trustCommandsFor(trustTarget(plan));
}
