// What front-ends call to configure trusted publishers from the terminal and to carry out
// the checklist. Nothing here runs until a front-end asks for it.
import type { Io } from '../core/io.js';
import { paint } from '../core/style.js';
import { trustCommandsFor, type TrustTarget } from './commands.js';
import { canUseNpmTrust, runNpmTrust, type NpmOptions, type TrustResult } from './npm-trust.js';

export { trustCommands, trustCommandsFor, trustTarget, type TrustCommand, type TrustTarget } from './commands.js';
export { canUseNpmTrust, runNpmTrust, type Readiness, type TrustResult, type TrustConfig } from './npm-trust.js';
export { deleteSecret, disallowTokens, listTokens, revokeToken, type ActionResult, type TokenSummary } from './checklist-actions.js';

const MARK: Record<TrustResult['status'], string> = { configured: '✔', failed: '✖', missing: '✖', printed: '·' };

/**
 * The `--trust` step: show the exact commands, check npm and the login, run them one by one
 * with the terminal handed to npm, then show what `npm trust list` reports. Returns true
 * when every package ended up configured (or, with dryRun, when the commands were printed).
 */
export async function trustStep(target: TrustTarget, options: NpmOptions & { dryRun: boolean; io: Io; pauseMs?: number }): Promise<boolean> {
  const { io } = options;
  const commands = trustCommandsFor(target);
  io.out(paint('bold', `\nnpm trust: ${commands.length === 1 ? 'one command' : `${commands.length} commands`}, one per package`));
  if (options.dryRun) {
    await runNpmTrust(commands, { ...options, dryRun: true, out: io.out });
    io.out(paint('dim', 'Dry run: npm trust was not run. It needs npm 11.15 or newer and `npm login` with 2FA.'));
    return true;
  }
  const ready = await canUseNpmTrust(options);
  if (!ready.ok) {
    io.err(`Cannot run npm trust: ${ready.reason}`);
    for (const c of commands) io.out(`  $ ${c.display}\n    or by hand: ${c.url}`);
    return false;
  }
  io.out(paint('dim', `npm ${ready.npmVersion}, logged in as ${ready.user}. npm asks for 2FA itself.`));
  const results = await runNpmTrust(commands, { ...options, out: io.out });
  for (const r of results) {
    io.out(`${MARK[r.status]} ${r.packageName}: ${r.message}`);
    for (const c of r.listed ?? []) {
      io.out(paint('dim', `    ${c.type ?? 'publisher'} ${c.repository ?? ''} ${c.file ?? ''}${c.environment ? ` env ${c.environment}` : ''}${c.permissions ? ` [${c.permissions.join(', ')}]` : ''}${c.id ? ` (id ${c.id})` : ''}`));
    }
  }
  return results.every((r) => r.status === 'configured');
}
