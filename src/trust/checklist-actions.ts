// "Do the checklist for me": each action runs the real CLI, then reads the state back. An
// item is `done` only when the read-back shows it; otherwise it says what to check where.
import { runCommand, type Runner } from './exec.js';
import { accessUrl } from '../npm/publisher.js';
import { shellCommand } from '../text/shell.js';

export interface ActionResult {
  id: string;
  status: 'done' | 'unverified' | 'failed' | 'unavailable';
  /** The command that was run, as shown to the user. */
  command: string;
  detail: string;
  url?: string;
}

export interface ActionOptions {
  run?: Runner;
  env?: NodeJS.ProcessEnv;
  /** How commands that may prompt for 2FA get the terminal (default inherit). */
  stdio?: 'pipe' | 'inherit';
}

const runOpts = (o: ActionOptions, stdio: 'pipe' | 'inherit' = 'pipe') => ({ stdio, ...(o.env ? { env: o.env } : {}) });

/** Secret names from `gh secret list --json name` (or its tab-separated text form). */
export function secretNames(stdout: string): string[] {
  try {
    return (JSON.parse(stdout) as Array<{ name: string }>).map((s) => s.name);
  } catch {
    return stdout.split('\n').map((line) => line.split('\t')[0]!.trim()).filter(Boolean);
  }
}

/** `gh secret delete NAME --repo o/r [--env E]`, verified with `gh secret list`. */
export async function deleteSecret(target: { repo: string; name: string; env?: string }, o: ActionOptions = {}): Promise<ActionResult> {
  const run = o.run ?? runCommand;
  const scope = ['--repo', target.repo, ...(target.env ? ['--env', target.env] : [])];
  const args = ['secret', 'delete', target.name, ...scope];
  const base = { id: `secret:${target.name}`, command: shellCommand('gh', ...args), url: `https://github.com/${target.repo}/settings/${target.env ? 'environments' : 'secrets/actions'}` };
  const deleted = await run('gh', args, runOpts(o));
  if (deleted.missing) return { ...base, status: 'unavailable', detail: 'gh (the GitHub CLI) is not installed: delete the secret on the settings page.' };
  const list = await run('gh', ['secret', 'list', ...scope, '--json', 'name'], runOpts(o));
  if (list.code !== 0) return { ...base, status: 'unverified', detail: `gh secret list failed, so the deletion could not be checked: ${list.stderr.trim().split('\n')[0] ?? ''}` };
  return secretNames(list.stdout).includes(target.name)
    ? { ...base, status: 'failed', detail: `${target.name} is still listed: ${deleted.stderr.trim().split('\n')[0] || 'gh secret delete failed'}` }
    : { ...base, status: 'done', detail: `${target.name} is gone from ${target.env ? `environment ${target.env}` : target.repo}.` };
}

/**
 * `npm access set mfa=publish <pkg>`: 2FA required, tokens refused. npm has no command that
 * reads this setting back (`npm access get` only knows `status`), so success is npm's word
 * and the access page is where to see it.
 */
export async function disallowTokens(packageName: string, o: ActionOptions = {}): Promise<ActionResult> {
  const args = ['access', 'set', 'mfa=publish', packageName];
  const result = await (o.run ?? runCommand)('npm', args, runOpts(o, o.stdio ?? 'inherit'));
  const base = { id: `disallow-tokens:${packageName}`, command: shellCommand('npm', ...args), url: accessUrl(packageName) };
  if (result.missing) return { ...base, status: 'unavailable', detail: 'npm was not found on PATH.' };
  return result.code === 0
    ? { ...base, status: 'unverified', detail: 'npm accepted it. npm cannot read this setting back: the access page should show "Require two-factor authentication and disallow tokens".' }
    : { ...base, status: 'failed', detail: `npm access failed (exit ${result.code}): choose "Require two-factor authentication and disallow tokens" on the access page.` };
}

/** What is safe to show about a token: never its value or key. */
export interface TokenSummary {
  id: string;
  name?: string;
  created?: string;
  readonly?: boolean;
  cidr?: string[];
}

interface RawToken { id?: string; key?: string; name?: string; created?: string; readonly?: boolean; cidr_whitelist?: string[] | null }

async function rawTokens(o: ActionOptions): Promise<RawToken[] | undefined> {
  const result = await (o.run ?? runCommand)('npm', ['token', 'list', '--json'], runOpts(o));
  if (result.code !== 0) return undefined;
  try {
    return JSON.parse(result.stdout) as RawToken[];
  } catch {
    return undefined;
  }
}

/** `npm token list --json`, reduced to id, name, date, read-only and CIDR. Never revokes anything. */
export async function listTokens(o: ActionOptions = {}): Promise<TokenSummary[] | undefined> {
  return (await rawTokens(o))?.map((t) => ({
    id: t.id ?? '',
    ...(t.name ? { name: t.name } : {}),
    ...(t.created ? { created: t.created } : {}),
    ...(t.readonly !== undefined ? { readonly: t.readonly } : {}),
    ...(t.cidr_whitelist ? { cidr: t.cidr_whitelist } : {}),
  }));
}

/** `npm token revoke <id>` for a token the user chose explicitly; verified with a new list. */
export async function revokeToken(id: string, o: ActionOptions = {}): Promise<ActionResult> {
  const args = ['token', 'revoke', id];
  const base = { id: `revoke-token:${id}`, command: shellCommand('npm', ...args), url: 'https://www.npmjs.com/settings/~/tokens' };
  const result = await (o.run ?? runCommand)('npm', args, runOpts(o, o.stdio ?? 'inherit'));
  if (result.missing) return { ...base, status: 'unavailable', detail: 'npm was not found on PATH.' };
  const after = await rawTokens(o);
  if (!after) return { ...base, status: 'unverified', detail: 'npm token list failed, so the revocation could not be checked.' };
  return after.some((t) => (t.key ?? '').startsWith(id))
    ? { ...base, status: 'failed', detail: `Token ${id} is still listed.` }
    : { ...base, status: 'done', detail: `Token ${id} is revoked (the registry may take up to an hour to refuse it everywhere).` };
}
