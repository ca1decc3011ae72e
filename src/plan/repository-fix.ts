// The package.json "repository" edit: npm compares it with the repository the OIDC token
// names and refuses the publish (E422) when they differ (GitHub, and GitLab with provenance).
import type { PackageInfo, RepoRef } from '../core/model.js';
import { setTopLevel } from './json-splice.js';

export function repositoryValue(repo: RepoRef, directory: string, host = 'github.com'): { type: string; url: string; directory?: string } {
  const value: { type: string; url: string; directory?: string } = {
    type: 'git',
    url: `git+https://${host}/${repo.owner}/${repo.name}.git`,
  };
  if (directory) value.directory = directory;
  return value;
}

/** The indentation package.json uses (npm keeps it on writes, so do we). */
function indentOf(raw: string): string | number {
  const m = /^[{[]\r?\n([ \t]+)\S/.exec(raw);
  return m?.[1] ?? 2;
}

/** `data` written back as package.json text in the style of `raw`: indentation, line endings, final newline, one line. */
export function asPackageJson(raw: string, data: unknown): string {
  const eol = raw.includes('\r\n') ? '\r\n' : '\n';
  // A package.json kept on one line stays on one line.
  const oneLine = !/\n/.test(raw.trimEnd());
  let text = oneLine ? JSON.stringify(data) : JSON.stringify(data, null, indentOf(raw));
  if (eol !== '\n') text = text.replace(/\n/g, eol);
  return /\r?\n$/.test(raw) ? text + eol : text;
}

/**
 * package.json text with "repository" set, every other byte kept (key order, indentation, line
 * endings, the final newline, how arrays are laid out). A missing key goes after "version" (or "name").
 */
export function withRepository(pkg: PackageInfo, repo: RepoRef, host = 'github.com'): string {
  const data = JSON.parse(pkg.raw) as Record<string, unknown>;
  const value = repositoryValue(repo, pkg.dir, host);
  const anchor = 'version' in data ? 'version' : 'name' in data ? 'name' : undefined;
  const spliced = setTopLevel(pkg.raw, 'repository', value, {
    ...(anchor ? { after: anchor } : {}),
    indent: indentOf(pkg.raw),
    oneLine: !/\n/.test(pkg.raw.trimEnd()),
    eol: pkg.raw.includes('\r\n') ? '\r\n' : '\n',
  });
  // What the splice wrote must read back as the intended edit; else the whole file is written anew.
  const intended = withKey(data, value, anchor);
  if (spliced !== undefined && readsAs(spliced, intended)) return spliced;
  return asPackageJson(pkg.raw, intended);
}

function readsAs(text: string, intended: unknown): boolean {
  try {
    return JSON.stringify(JSON.parse(text)) === JSON.stringify(intended);
  } catch {
    return false;
  }
}

function withKey(data: Record<string, unknown>, value: unknown, anchor: string | undefined): Record<string, unknown> {
  if ('repository' in data) return { ...data, repository: value };
  const out: Record<string, unknown> = {};
  if (!anchor) out.repository = value;
  for (const [key, v] of Object.entries(data)) {
    out[key] = v;
    if (key === anchor) out.repository = value;
  }
  return out;
}
