// Steps 2a and 2b: each shows its exact commands, then runs them only after a yes (a
// terminal's y/N, or --yes); --dry-run stops at the commands. Results come from the
// actions' read-backs in src/trust/checklist-actions.ts.
import type { ActionResult, TokenSummary } from '../trust/index.js';
import { shellCommand } from '../text/shell.js';
import { accessUrl } from '../npm/publisher.js';
import type { SecretTarget } from './targets.js';

export type ItemStatus = 'done' | 'unverified' | 'failed' | 'skipped';

export interface RetireItem {
  id: string;
  step: 'disallow-tokens' | 'delete-secret' | 'revoke-token';
  status: ItemStatus;
  /** The command as shown to the user (absent when nothing could be run). */
  command?: string;
  detail: string;
  url?: string;
}

/** The real CLIs, with their read-backs; swapped in tests of the core. */
export interface Actions {
  disallowTokens(packageName: string): Promise<ActionResult>;
  deleteSecret(target: { repo: string; name: string }): Promise<ActionResult>;
  listTokens(): Promise<TokenSummary[] | undefined>;
  revokeToken(id: string): Promise<ActionResult>;
}

export interface RetireDeps {
  /** `ask`: y/N on a terminal; `yes`: --yes; `dry-run`: print the commands only. */
  mode: 'ask' | 'yes' | 'dry-run';
  confirm(question: string): Promise<boolean>;
  /** The tokens to revoke, chosen explicitly (nothing pre-selected). */
  pick(tokens: readonly TokenSummary[]): Promise<string[]>;
  actions: Actions;
  out(text: string): void;
}

export const command = (...words: string[]) => shellCommand(...words);

/** An action's result as a summary item: a tool that is not installed did not do the step. */
export function fromAction(step: RetireItem['step'], r: ActionResult): RetireItem {
  return { id: r.id, step, status: r.status === 'unavailable' ? 'failed' : r.status, command: r.command, detail: r.detail, ...(r.url ? { url: r.url } : {}) };
}

/**
 * Shows the commands, then asks (or not, by mode). Returns undefined when they may run,
 * else why not, for the items' detail.
 */
export async function consent(commands: readonly string[], deps: RetireDeps, question = 'Run it?'): Promise<string | undefined> {
  for (const c of commands) deps.out(`  $ ${c}`);
  if (deps.mode === 'dry-run') return 'dry run: not run';
  if (deps.mode === 'yes') return undefined;
  return (await deps.confirm(question)) ? undefined : 'you said no';
}

/** 2a: `npm access set mfa=publish <pkg>` per package (npm gets the terminal for 2FA). */
export async function disallowStep(packages: readonly string[], deps: RetireDeps): Promise<RetireItem[]> {
  deps.out('\nDisallow tokens for publishing: only 2FA and trusted publishing may publish.');
  const commands = packages.map((p) => command('npm', 'access', 'set', 'mfa=publish', p));
  const why = await consent(commands, deps, packages.length === 1 ? 'Run it?' : `Run these ${packages.length}?`);
  if (why) return packages.map((p, i) => ({ id: `disallow-tokens:${p}`, step: 'disallow-tokens', status: 'skipped', command: commands[i]!, detail: why, url: accessUrl(p) }));
  const items: RetireItem[] = [];
  for (const p of packages) items.push(fromAction('disallow-tokens', await deps.actions.disallowTokens(p)));
  return items;
}

function secretSkip(secret: SecretTarget, repo: string | undefined): string | undefined {
  const first = secret.otherUses[0];
  if (first) {
    const where = secret.otherUses.map((u) => `${u.file}:${u.line}`).join(', ');
    // npm dist-tag, deprecate and the like need a token that can write: trusted publishing covers publish only.
    if (secret.otherUses.every((u) => u.administers)) return `still used by a step that runs npm dist-tag, deprecate or the like (${where}), which trusted publishing does not cover: it needs a token that can write, so ${secret.name} stays.`;
    return `still used by a step that does not publish (${where}): swap in a read-only token there first (a new secret), then delete ${secret.name}.`;
  }
  if (!repo) return 'no GitHub repository found: pass --repo owner/name, or delete it in your CI settings.';
  return undefined;
}

/** 2b: `gh secret delete NAME --repo o/r`, verified with `gh secret list`. */
export async function secretStep(secrets: readonly SecretTarget[], repo: string | undefined, deps: RetireDeps): Promise<RetireItem[]> {
  deps.out('\nDelete the CI secret that fed the npm token.');
  const url = repo ? `https://github.com/${repo}/settings/secrets/actions` : undefined;
  const base = (name: string) => ({ id: `secret:${name}`, step: 'delete-secret' as const, ...(url ? { url } : {}) });
  const items: RetireItem[] = [];
  const eligible: SecretTarget[] = [];
  for (const secret of secrets) {
    const skip = secretSkip(secret, repo);
    if (skip) {
      deps.out(`  – ${secret.name}: ${skip}`);
      items.push({ ...base(secret.name), status: 'skipped', detail: skip });
    } else eligible.push(secret);
  }
  if (eligible.length === 0 || !repo) return items;
  const commands = eligible.map((s) => command('gh', 'secret', 'delete', s.name, '--repo', repo));
  const why = await consent(commands, deps);
  for (const [i, secret] of eligible.entries()) {
    items.push(why ? { ...base(secret.name), status: 'skipped', command: commands[i]!, detail: why } : fromAction('delete-secret', await deps.actions.deleteSecret({ repo, name: secret.name })));
  }
  return items;
}
