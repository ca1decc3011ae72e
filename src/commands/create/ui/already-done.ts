// What the checklist can tick by itself on a re-run. Offline, always: the workflow is
// committed and pushed when nothing was written now, git has no change to its files, and
// HEAD is on a remote branch. Online, only with --registry-check: the trusted publisher
// when `npm trust list` shows it (it needs an npm login: without one npm fails and nothing
// is ticked), and the environment when `gh api` shows it protected (gh installed and signed
// in; else nothing is ticked).
import type { Plan } from '../../../core/model.js';
import { runGit } from '../../../detect/exec.js';
import { matches, readTrustList } from '../../../trust/npm-trust.js';
import { trustCommands } from '../../../trust/commands.js';
import { runCommand, type Runner } from '../../../trust/exec.js';
import { BRANCH_FLOWS } from '../../../core/model.js';

export interface OnlineChecks {
  run?: Runner;
  env?: NodeJS.ProcessEnv;
}

export async function alreadyDone(plan: Plan, cwd: string, online?: OnlineChecks): Promise<string[]> {
  const offline = await committed(plan, cwd);
  if (!online || plan.answers.provider !== 'github') return offline;
  const [publishers, environment] = await Promise.all([publishersListed(plan, online), environmentProtected(plan, online)]);
  return [...offline, ...publishers, ...environment];
}

async function committed(plan: Plan, cwd: string): Promise<string[]> {
  const paths = plan.changes.map((c) => c.path);
  if (paths.length === 0 || plan.changes.some((c) => c.kind !== 'unchanged')) return [];
  const tracked = await runGit(cwd, ['ls-files', '--error-unmatch', '--', ...paths]);
  if (!tracked.ok) return [];
  const status = await runGit(cwd, ['status', '--porcelain', '--', ...paths]);
  if (!status.ok || status.stdout !== '') return [];
  const pushed = await runGit(cwd, ['branch', '-r', '--contains', 'HEAD']);
  return pushed.ok && pushed.stdout !== '' ? ['commit'] : [];
}

/** `publisher:<name>` for each package whose trusted publishers include the one the plan names. */
async function publishersListed(plan: Plan, online: OnlineChecks): Promise<string[]> {
  const done: string[] = [];
  // One package at a time: npm's docs ask for a pause between trust calls, and reads are few.
  for (const command of trustCommands(plan)) {
    const listed = await readTrustList(command.packageName, online);
    if (listed?.some((config) => matches(config, command.expect))) done.push(`publisher:${command.packageName}`);
  }
  return done;
}

interface Environment {
  name?: string;
  protection_rules?: { type?: string }[];
  deployment_branch_policy?: unknown;
}

/**
 * `environment` when GitHub lists it protected as the checklist asks: required reviewers for
 * a release or tag, a deployment branch policy for a flow that publishes from a branch.
 */
async function environmentProtected(plan: Plan, online: OnlineChecks): Promise<string[]> {
  const name = plan.answers.environment;
  if (!name) return [];
  const result = await (online.run ?? runCommand)('gh', ['api', `repos/${plan.repo.owner}/${plan.repo.name}/environments`], {
    ...(online.env ? { env: online.env } : {}),
  });
  if (result.code !== 0) return [];
  let environments: Environment[];
  try {
    environments = (JSON.parse(result.stdout) as { environments?: Environment[] }).environments ?? [];
  } catch {
    return [];
  }
  const found = environments.find((e) => e.name === name);
  if (!found) return [];
  const branchFlow = BRANCH_FLOWS.includes(plan.answers.release);
  const protectedAsAsked = branchFlow
    ? found.deployment_branch_policy !== null && found.deployment_branch_policy !== undefined
    : (found.protection_rules ?? []).some((rule) => rule.type === 'required_reviewers');
  return protectedAsAsked ? ['environment'] : [];
}
