// "What I found": one compact block shown before anything is asked or written.
import type { Detected } from '../core/model.js';
import { paint } from '../core/style.js';
import { formatFindings } from './text.js';
import { wrapOnTerminal } from '../text/wrap.js';

export function summaryRows(d: Detected): [string, string][] {
  const pkg = d.pkg;
  const rows: [string, string][] = [];
  rows.push(['Package', pkg?.name ? `${pkg.name}${pkg.version ? `@${pkg.version}` : ''}` : '(none found)']);
  if (d.workspacePackages.length > 0) {
    rows.push(['Workspaces', d.workspacePackages.map((p) => p.name ?? p.dir).join(', ')]);
  }
  const gh = d.git.github;
  const elsewhere = d.git.host && d.git.slug ? `${d.git.host}/${d.git.slug}` : d.git.host;
  rows.push(['Repository', gh ? `${gh.owner}/${gh.name}` : (elsewhere ?? (d.git.isRepo ? '(no remote "origin")' : '(not a git repository)'))]);
  if (d.git.defaultBranch) rows.push(['Default branch', d.git.defaultBranch]);
  const pm = d.packageManager;
  rows.push(['Package manager', `${pm.name}${pm.lockfile ? ` (${pm.lockfile})` : pm.source === 'packageManager' ? ' (packageManager field)' : ' (no lockfile found)'}`]);
  const publishing = d.workflows.filter((w) => w.publishes);
  rows.push(['Publish workflows', publishing.length > 0 ? publishing.map((w) => w.path).join(', ') : 'none']);
  if (d.ciFiles.length > 0) rows.push(['Other CI', d.ciFiles.map((f) => `${f.path}${f.publishes ? ' (publishes)' : ''}`).join(', ')]);
  const tokens = [...d.workflows.flatMap((w) => w.tokenUses), ...d.ciFiles.flatMap((f) => f.tokenUses), ...d.npmrcTokens];
  rows.push(['Tokens found', tokens.length > 0 ? tokens.map((t) => `${t.file}:${t.line} ${t.what}`).join(', ') : 'none']);
  return rows;
}

export function formatSummary(d: Detected): string {
  const rows = summaryRows(d);
  const width = Math.max(...rows.map(([k]) => k.length));
  // A long value (every token found) wraps under itself on a terminal, between words.
  const hang = ' '.repeat(width + 4);
  const lines = [paint('bold', 'What I found'), ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${wrapOnTerminal(v, hang).slice(hang.length)}`)];
  const findings = d.findings.filter((f) => f.level !== 'info');
  if (findings.length > 0) lines.push('', formatFindings(findings));
  return lines.join('\n');
}
