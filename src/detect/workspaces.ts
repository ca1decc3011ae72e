// Expand npm/yarn `workspaces` and pnpm-workspace.yaml globs into publishable packages.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readText, unreadableReason } from './read.js';
import type { Finding, PackageInfo } from '../core/model.js';
import { nameFindings, publishableName, showName } from './package-json.js';
import { readPackage } from './package-json.js';
import { isExcludedDir, isPublishable, lernaGlobs, rushProjectFolders } from './package-set.js';

const MAX_GLOBSTAR_DEPTH = 4;
const SKIP_DIRS = new Set(['node_modules']);
/** Build output and caches an Nx project search does not enter. */
const NX_SKIP = /(?:^|\/)(?:dist|tmp|coverage|out-tsc)(?:\/|$)/;

export interface WorkspaceDetection {
  /** True when the target declares workspaces (package.json or pnpm-workspace.yaml). */
  isMonorepo: boolean;
  globs: string[];
  packages: PackageInfo[];
  findings: Finding[];
}

/** A glob (`*`, `?`, `**`) as a regular expression over a `/`-separated relative path. */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      const atStart = i === 0 || glob[i - 1] === '/';
      if (glob[i + 2] === '/' && atStart) { out += '(?:.*/)?'; i += 2; continue; }
      if (i + 2 === glob.length && out.endsWith('/')) { out = out.slice(0, -1) + '(?:/.*)?'; i += 1; continue; }
      out += '.*'; i += 1; continue;
    }
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

function subdirs(abs: string): string[] {
  try {
    const entries = readdirSync(abs, { withFileTypes: true });
    return entries
      .filter((e) => e.isDirectory() && !e.name.startsWith('.') && !SKIP_DIRS.has(e.name))
      .map((e) => e.name);
  } catch {
    return [];
  }
}

/** `rel` and the folders below it, `MAX_GLOBSTAR_DEPTH` levels deep (no hidden folders, no node_modules). */
export function descendants(base: string, rel: string, depth: number): string[] {
  const out = [rel];
  if (depth >= MAX_GLOBSTAR_DEPTH) return out;
  const nested = subdirs(join(base, rel)).map((n) => descendants(base, rel ? `${rel}/${n}` : n, depth + 1));
  return out.concat(...nested);
}

const clean = (glob: string) => glob.trim().replace(/^\.\//, '').replace(/\/+$/, '').replace(/\/package\.json$/, '');

/** Directories (relative to `base`, `/`-separated) matched by the globs; `!` globs exclude. */
export function expandGlobs(base: string, globs: string[]): string[] {
  const include = globs.filter((g) => !g.startsWith('!')).map(clean).filter((g) => g && g !== '.');
  const exclude = globs.filter((g) => g.startsWith('!')).map((g) => globToRegExp(clean(g.slice(1))));
  const found = new Set<string>();
  for (const glob of include) {
    let current = [''];
    for (const segment of glob.split('/')) {
      if (segment === '**') {
        current = current.flatMap((rel) => descendants(base, rel, 0));
      } else if (/[*?]/.test(segment)) {
        const re = globToRegExp(segment);
        current = current.flatMap((rel) => subdirs(join(base, rel)).filter((n) => re.test(n)).map((n) => (rel ? `${rel}/${n}` : n)));
      } else {
        current = current.map((rel) => (rel ? `${rel}/${segment}` : segment));
      }
    }
    for (const rel of current) if (rel) found.add(rel);
  }
  return [...found].filter((rel) => !exclude.some((re) => re.test(rel))).sort();
}

/** The `packages:` list of pnpm-workspace.yaml, or undefined when the file does not exist. */
async function readPnpmWorkspace(root: string): Promise<{ globs?: string[]; error?: string } | undefined> {
  const text = readText(join(root, 'pnpm-workspace.yaml'));
  if (text === undefined) {
    const problem = unreadableReason(join(root, 'pnpm-workspace.yaml'));
    return problem ? { error: `it ${problem}` } : undefined;
  }
  try {
    const yaml = await import('yaml'); // lazy: only when the file exists
    // In the bundle, yaml's CommonJS build comes back with its exports on `default` only.
    const parse = yaml.parse ?? (yaml as unknown as { default: typeof yaml }).default.parse;
    // logLevel 'error': a warning (an unknown tag such as !!js/function) is not printed with a stack.
    const data: unknown = parse(text, { logLevel: 'error' });
    const list = typeof data === 'object' && data !== null ? (data as { packages?: unknown }).packages : undefined;
    return { globs: Array.isArray(list) ? list.filter((g): g is string => typeof g === 'string') : [] };
  } catch (error) {
    return { error: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  }
}

/**
 * Nx projects declared by a project.json (nx.json at the root), as folders; Nx finds them at
 * any depth. Undefined when the folder is no Nx workspace.
 */
function nxProjectDirs(root: string): string[] | undefined {
  if (!existsSync(join(root, 'nx.json'))) return undefined;
  return descendants(root, '', 0).filter((rel) => rel && !NX_SKIP.test(rel) && existsSync(join(root, rel, 'project.json')));
}

const joinDir = (prefix: string, rel: string) => (prefix ? `${prefix}/${rel}` : rel);

/** A pattern that climbs out of the folder (`../*`) or starts at the file-system root. */
const leavesRoot = (glob: string) => /^!?\//.test(glob.trim()) || glob.split(/[\\/]/).includes('..');

/** Folder names that no workflow value may hold: a GitHub expression, quotes, control characters. */
const UNSAFE_DIR = /\$\{\{|["'`\\]|[\x00-\x1f\x7f]/;

/**
 * Workspaces declared by the package in `root` (`prefix` is its path relative to the
 * repository root). Only publishable packages (a name and a version, not private) are returned;
 * lerna.json `packages`, the published projects of rush.json and Nx's project.json folders
 * count as workspaces too.
 */
export async function detectWorkspaces(root: string, prefix: string, fieldGlobs: string[] | undefined): Promise<WorkspaceDetection> {
  const findings: Finding[] = [];
  const pnpm = await readPnpmWorkspace(root);
  if (pnpm?.error) {
    findings.push({
      id: 'invalid-pnpm-workspace',
      level: 'warning',
      message: `pnpm-workspace.yaml could not be read: ${pnpm.error}`,
      file: joinDir(prefix, 'pnpm-workspace.yaml'),
    });
  }
  const lerna = lernaGlobs(root);
  // A Rush project folder is a plain path: as a glob it matches that folder only; so is an Nx project's.
  const tools = [...(rushProjectFolders(root) ?? []), ...(nxProjectDirs(root) ?? [])];
  const globs = [...new Set([...(fieldGlobs ?? []), ...(pnpm?.globs ?? []), ...(lerna ?? []), ...tools])];
  const isMonorepo = fieldGlobs !== undefined || (pnpm?.globs?.length ?? 0) > 0 || (lerna?.length ?? 0) > 0 || tools.length > 0;
  if (!isMonorepo) return { isMonorepo, globs, packages: [], findings };

  const outside = globs.filter(leavesRoot);
  for (const glob of outside) {
    findings.push({
      id: 'workspace-outside',
      level: 'warning',
      message: `The workspace pattern "${showName(glob)}" points outside this folder: ignored.`,
      file: joinDir(prefix, 'package.json'),
      fix: 'Remove it, or run the tool at the root that holds those packages.',
    });
  }
  // Test fixtures, examples, playgrounds and docs sites matched by a broad glob are not published;
  // a folder listed by its exact path is a workspace whatever its name.
  const listed = new Set([...(fieldGlobs ?? []), ...(pnpm?.globs ?? []), ...(lerna ?? [])].filter((g) => !/[*?[\]{}!]/.test(g)).map((g) => g.replace(/^\.\/|\/+$/g, '')));
  const dirs = expandGlobs(root, globs.filter((g) => !leavesRoot(g))).filter((rel) => !isExcludedDir(rel) || listed.has(rel));
  const unsafe = dirs.filter((rel) => UNSAFE_DIR.test(rel));
  for (const rel of unsafe) {
    findings.push({
      id: 'workspace-folder-name',
      level: 'warning',
      message: `The workspace folder "${showName(joinDir(prefix, rel))}" has "\${{", a quote or a control character in its name: skipped.`,
      file: joinDir(prefix, rel),
      fix: 'Rename the folder.',
    });
  }
  const safeDirs = dirs.filter((rel) => !UNSAFE_DIR.test(rel));
  const results = safeDirs.map((rel) => readPackage(join(root, rel), joinDir(prefix, rel)));
  const packages: PackageInfo[] = [];
  results.forEach((result, i) => {
    if (result.status === 'ok' && result.pkg.name && isPublishable(result.pkg)) {
      const file = joinDir(prefix, `${safeDirs[i]}/package.json`);
      findings.push(...nameFindings(result.pkg, file, 'warning'));
      if (publishableName(result.pkg.name)) packages.push(result.pkg);
    }
    if (result.status === 'invalid' || result.status === 'unreadable') {
      findings.push({
        id: 'invalid-workspace-package-json',
        level: 'warning',
        message:
          result.status === 'invalid'
            ? `A workspace package.json is not valid JSON, so that package is skipped: ${result.error}`
            : `A workspace package.json ${result.error}, so that package is skipped.`,
        file: joinDir(prefix, `${safeDirs[i]}/package.json`),
      });
    }
  });
  const list = packages.map((p) => `${p.name} (${p.dir})`).join(', ');
  findings.push({
    id: 'monorepo',
    level: 'info',
    message: packages.length
      ? `This is a monorepo with ${packages.length} publishable package${packages.length === 1 ? '' : 's'}: ${list}.`
      : 'This is a monorepo root, but no publishable workspace package was found.',
  });
  return { isMonorepo, globs, packages, findings };
}
