// retire's two outputs: the summary table for people, and a stable JSON document for
// scripts. The JSON shape is versioned: change `schema` when a field changes meaning.
import { paint } from '../core/style.js';
import { failed, type Leftover, type RetireItem, type RetireReport } from './index.js';

export const RETIRE_SCHEMA = 'create-trusted-publish/retire@1';

const MARK = { done: '✔', unverified: '?', failed: '✖', skipped: '–' } as const;
const COLOR = { done: 'green', unverified: 'yellow', failed: 'red', skipped: 'dim' } as const;
const STEP = { 'disallow-tokens': 'disallow tokens', 'delete-secret': 'delete secret', 'revoke-token': 'revoke token' } as const;

export function leftoverLine(l: Leftover): string {
  const where = `${l.file}:${l.line}  ${l.what}${l.secret ? ` (secrets.${l.secret})` : ''}`;
  switch (l.kind) {
    case 'publish':
      return `${where} hands a token to the publish: remove it (create-trusted-publish --migrate does).`;
    case 'install':
      return `${where} on a step that does not publish: keep it only if it is a read-only token.`;
    default:
      return `${where}: remove it, unless it is for installing private packages with a read-only token.`;
  }
}

/** Step 2d: nothing here is changed by retire. */
export function formatLeftovers(leftovers: readonly Leftover[]): string {
  if (leftovers.length === 0) return '\nNo token env in the workflows and no _authToken in .npmrc.';
  return [`\n${paint('bold', 'Left for you to remove by hand')}`, ...leftovers.map((l) => `  ${leftoverLine(l)}`)].join('\n');
}

function itemLine(item: RetireItem, width: number): string {
  const subject = item.id.slice(item.id.indexOf(':') + 1);
  // "Unverified" needs the place to check; a failure needs the place to do it by hand.
  const where = item.url && (item.status === 'unverified' || item.status === 'failed') ? ` Check: ${item.url}` : '';
  return `  ${paint(COLOR[item.status], MARK[item.status])} ${STEP[item.step].padEnd(16)} ${subject.padEnd(width)}  ${item.detail}${where}`;
}

export function formatSummary(report: RetireReport): string {
  if (report.items.length === 0) return '';
  const width = Math.max(...report.items.map((i) => i.id.length - i.id.indexOf(':') - 1));
  const failures = report.items.filter((i) => i.status === 'failed').length;
  return [
    `\n\n${paint('bold', 'Summary')}  ${paint('dim', '✔ done (verified)  ? unverified  ✖ failed  – skipped')}`,
    ...report.items.map((i) => itemLine(i, width)),
    report.dryRun ? '\nDry run: nothing was changed.' : failures === 0 ? '\nNothing failed.' : `\n${failures} failed: see above, or do ${failures === 1 ? 'it' : 'them'} on the page shown.`,
  ].join('\n');
}

export function retireJson(report: RetireReport, root: string) {
  return {
    schema: RETIRE_SCHEMA,
    root,
    ok: !failed(report),
    dryRun: report.dryRun,
    registry: report.registry,
    stopped: report.stopped ?? null,
    forced: report.forced,
    proof: report.proof.map((p) => ({ name: p.name, latest: p.latest ?? null, status: p.status, reason: p.reason ?? null })),
    items: report.items.map((i) => ({ id: i.id, step: i.step, status: i.status, command: i.command ?? null, detail: i.detail, url: i.url ?? null })),
    tokens: (report.tokens ?? []).map((t) => ({ id: t.id, name: t.name ?? null, created: t.created ?? null, readonly: t.readonly ?? null })),
    leftovers: report.leftovers.map((l) => ({ file: l.file, line: l.line, what: l.what, secret: l.secret ?? null, kind: l.kind })),
  };
}
