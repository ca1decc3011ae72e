// Step 2c: the user's npm tokens, shown by id prefix, name, date and scope (never a value),
// and revoked only when chosen explicitly: a checkbox with nothing ticked on a terminal,
// `--revoke <id>` otherwise. Which token CI used is not knowable from here.
import type { TokenSummary } from '../trust/index.js';
import { command, consent, fromAction, type RetireDeps, type RetireItem } from './steps.js';

const TOKENS_PAGE = 'https://www.npmjs.com/settings/~/tokens';

/** One token as a line; `nameWidth` lines the columns up in a list. */
export function tokenLabel(t: TokenSummary, nameWidth = 0): string {
  const scope = t.readonly === undefined ? '' : t.readonly ? 'read-only' : 'can publish';
  return [t.id, (t.name ?? '(no name)').padEnd(nameWidth), t.created ? `created ${t.created.slice(0, 10)}` : '', scope, t.cidr ? `CIDR ${t.cidr.join(',')}` : '']
    .filter(Boolean)
    .join('  ');
}

const item = (id: string, status: RetireItem['status'], detail: string, cmd?: string): RetireItem => ({
  id: `revoke-token:${id}`,
  step: 'revoke-token',
  status,
  ...(cmd ? { command: cmd } : {}),
  detail,
  url: TOKENS_PAGE,
});

/** The ids to revoke: --revoke ones (checked against the list), else the terminal's pick. */
async function chosen(tokens: readonly TokenSummary[], revoke: readonly string[], deps: RetireDeps): Promise<{ ids: string[]; unknown: RetireItem[]; picked: boolean }> {
  if (revoke.length > 0) {
    const known = new Set(tokens.map((t) => t.id));
    return {
      ids: revoke.filter((id) => known.has(id)),
      unknown: revoke.filter((id) => !known.has(id)).map((id) => item(id, 'failed', `No token with id ${id} in npm token list: nothing was revoked for it.`)),
      picked: false,
    };
  }
  if (deps.mode === 'ask' && tokens.length > 0) return { ids: await deps.pick(tokens), unknown: [], picked: true };
  if (tokens.length > 0) deps.out('  Nothing is revoked without an explicit choice: pass --revoke <id> (repeatable).');
  return { ids: [], unknown: [], picked: false };
}

export async function tokenStep(revoke: readonly string[], deps: RetireDeps): Promise<{ items: RetireItem[]; tokens?: TokenSummary[] }> {
  deps.out('\nRevoke the old publish token (only the ones you choose).');
  deps.out(`  $ ${command('npm', 'token', 'list')}`);
  if (deps.mode === 'dry-run') {
    const items = revoke.map((id) => item(id, 'skipped', 'dry run: not run', command('npm', 'token', 'revoke', id)));
    for (const i of items) deps.out(`  $ ${i.command}`);
    return { items: items.length > 0 ? items : [item('none', 'skipped', 'dry run: npm token list was not run.')] };
  }
  const tokens = await deps.actions.listTokens();
  if (!tokens) {
    const detail = `npm token list failed (is npm logged in?): revoke the token on ${TOKENS_PAGE}.`;
    deps.out(`  ✖ ${detail}`);
    return { items: revoke.length > 0 ? revoke.map((id) => item(id, 'failed', detail)) : [item('none', 'skipped', detail)] };
  }
  const width = Math.max(0, ...tokens.map((t) => (t.name ?? '(no name)').length));
  deps.out(tokens.length === 0 ? '  (no tokens)' : tokens.map((t) => `  ${tokenLabel(t, width)}`).join('\n'));
  const { ids, unknown, picked } = await chosen(tokens, revoke, deps);
  if (ids.length === 0) {
    const none = tokens.length === 0 ? 'npm token list shows no tokens.' : `None chosen: revoke the one CI used on ${TOKENS_PAGE} when you are ready.`;
    return { items: unknown.length > 0 ? unknown : [item('none', 'skipped', none)], tokens };
  }
  const commands = ids.map((id) => command('npm', 'token', 'revoke', id));
  // The checkbox was the explicit answer; --revoke on a terminal is still asked.
  let why: string | undefined;
  if (picked) for (const c of commands) deps.out(`  $ ${c}`);
  else why = await consent(commands, deps);
  const items = [...unknown];
  for (const [i, id] of ids.entries()) items.push(why ? item(id, 'skipped', why, commands[i]) : fromAction('revoke-token', await deps.actions.revokeToken(id)));
  return { items, tokens };
}
