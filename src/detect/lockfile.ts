// Which package manager the project uses: `packageManager` field, else lockfile, else npm.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readHead } from './read.js';
import { PACKAGE_MANAGERS, type Detected, type Finding, type PackageManager } from '../core/model.js';

const LOCKFILES: ReadonlyArray<readonly [string, PackageManager]> = [
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun'],
];

/** `pnpm@9.1.0+sha512.abc` -> `pnpm`; undefined for unknown managers. */
export function parsePackageManagerField(field: string | undefined): PackageManager | undefined {
  const name = field?.trim().split('@')[0]?.toLowerCase();
  return (PACKAGE_MANAGERS as readonly string[]).includes(name ?? '') ? (name as PackageManager) : undefined;
}

function lockfilesIn(dir: string): Array<readonly [string, PackageManager]> {
  try {
    const names = new Set(readdirSync(dir));
    return LOCKFILES.filter(([file]) => names.has(file));
  } catch {
    return [];
  }
}

/** Yarn 1 writes `# yarn lockfile v1` near the top of yarn.lock; Berry writes `__metadata:`. */
function isClassicLockfile(path: string): boolean {
  const head = readHead(path, 512);
  return head !== undefined && /^# yarn lockfile v1\b/m.test(head);
}

/** True for `yarn@1.x` in a packageManager field. */
export function isClassicField(field: string | undefined): boolean {
  return /^\s*yarn@1\./.test(field ?? '');
}

/** Adds `yarnClassic` to a yarn detection, from the packageManager field or the lockfile header. */
function withYarnVariant(result: PackageManagerDetection, field: string | undefined, lockfileDir: string): PackageManagerDetection {
  const pm = result.packageManager;
  if (pm.name !== 'yarn') return result;
  const classic =
    parsePackageManagerField(field) === 'yarn'
      ? isClassicField(field)
      : pm.lockfile !== undefined && isClassicLockfile(join(lockfileDir, 'yarn.lock'));
  return classic ? { ...result, packageManager: { ...pm, yarnClassic: true } } : result;
}

export interface PackageManagerDetection {
  packageManager: Detected['packageManager'];
  findings: Finding[];
}

const joinDir = (prefix: string, rel: string) => (prefix ? `${prefix}/${rel}` : rel);

/**
 * `root`: target dir; `top`: git top level (same as root outside git); `prefix`: root relative
 * to top. `fields`: `packageManager` of the target's package.json, then of the top level's.
 * The lockfile is reported relative to the repository root.
 */
export function detectPackageManager(
  root: string,
  top: string,
  prefix: string,
  fields: Array<string | undefined>,
): PackageManagerDetection {
  const [here, atTop] = [lockfilesIn(root), prefix ? lockfilesIn(top) : []];
  const [found, foundPrefix, foundDir] = here.length ? [here, prefix, root] : [atTop, '', top];
  const field = fields.find((f) => parsePackageManagerField(f));
  return withYarnVariant(choosePackageManager(found, foundPrefix, field), field, foundDir);
}

function choosePackageManager(
  found: Array<readonly [string, PackageManager]>,
  foundPrefix: string,
  fieldValue: string | undefined,
): PackageManagerDetection {
  const findings: Finding[] = [];
  const managers = [...new Set(found.map(([, pm]) => pm))];
  if (managers.length > 1) {
    findings.push({
      id: 'multiple-lockfiles',
      level: 'warning',
      message: `Lockfiles of more than one package manager were found: ${found.map(([f]) => f).join(', ')}.`,
      fix: 'Delete the lockfiles of the package managers you do not use.',
    });
  }

  const fromField = parsePackageManagerField(fieldValue);
  if (fromField) {
    const match = found.find(([, pm]) => pm === fromField);
    if (found.length && !match) {
      findings.push({
        id: 'package-manager-mismatch',
        level: 'warning',
        message: `package.json "packageManager" says ${fieldValue}, but the lockfile is ${found[0]![0]}.`,
      });
    }
    return {
      packageManager: { name: fromField, source: 'packageManager', ...(match ? { lockfile: joinDir(foundPrefix, match[0]) } : {}) },
      findings,
    };
  }
  const first = found[0];
  if (first) {
    return { packageManager: { name: first[1], source: 'lockfile', lockfile: joinDir(foundPrefix, first[0]) }, findings };
  }
  return { packageManager: { name: 'npm', source: 'default' }, findings };
}
