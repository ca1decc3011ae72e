// Lockfiles for the fixtures, written by the real package managers (from .ci/tools/) the way a
// maintainer would commit them: `pnpm install --lockfile-only`, `yarn install`, `bun install`,
// all offline (the fixtures have no dependencies outside their workspaces).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { execOk } from './machine.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { corepackEnv, corepackHome, packageBin, BUN_VERSION, COREPACK_VERSION, PNPM_VERSION, type Tool } from './tools.js';

export type LockTool = 'pnpm' | 'yarn' | 'bun';

/**
 * PATH and env for running `tool` in `dir`, or why it cannot run. pnpm is the version the
 * project's "packageManager" names. `registry`: the fake registry, for fixtures with a registry dependency.
 */
export function toolEnv(tool: LockTool, dir: string, registry = 'http://127.0.0.1:9/'): Tool<Record<string, string>> {
  const bin = mkdtempSync(join(tmpdir(), 'ctp-tool-bin-'));
  symlinkSync(process.execPath, join(bin, 'node'));
  // Not CI: in CI, pnpm and Yarn refuse to write a lockfile, which is what this is for.
  const base = { HOME: bin, PATH: `${bin}:/usr/bin:/bin`, npm_config_registry: registry, pnpm_config_registry: registry };
  if (tool === 'pnpm') {
    const field = String((JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { packageManager?: string }).packageManager ?? '');
    const pnpm = packageBin('pnpm', /^pnpm@(\d[^+]*)/.exec(field)?.[1] ?? PNPM_VERSION);
    return pnpm.ok ? { ok: true, value: { ...base, PATH: `${pnpm.value}:${base.PATH}` } } : pnpm;
  }
  if (tool === 'bun') {
    const bun = packageBin('bun', BUN_VERSION);
    return bun.ok ? { ok: true, value: { ...base, PATH: `${bun.value}:${base.PATH}` } } : bun;
  }
  const home = corepackHome();
  const corepack = packageBin('corepack', COREPACK_VERSION);
  if (!home.ok) return home;
  if (!corepack.ok) return corepack;
  mkdirSync(join(bin, 'shims'));
  execFileSync(process.execPath, [join(corepack.value, 'corepack'), 'enable', '--install-directory', join(bin, 'shims')], { env: { ...base, COREPACK_HOME: home.value } });
  return { ok: true, value: { ...base, PATH: `${join(bin, 'shims')}:${base.PATH}`, ...corepackEnv(home.value) } };
}

/** Writes the lockfile of `tool` in `dir`; undefined when written, else why not. */
export async function writeLockfile(tool: LockTool, dir: string, registry?: string): Promise<string | undefined> {
  const env = toolEnv(tool, dir, registry);
  if (!env.ok) return env.reason;
  const [cmd, args] = tool === 'pnpm' ? ['pnpm', ['install', '--lockfile-only', ...(registry ? [] : ['--offline'])]] : tool === 'yarn' ? ['yarn', ['install']] : ['bun', ['install']];
  // Found on the tool's PATH, not this process's.
  const bin = env.value.PATH!.split(':').find((d) => existsSync(join(d, cmd)))!;
  await execOk(join(bin, cmd), args, dir, env.value);
  // Only the lockfile is committed; what the install left beside it is not.
  for (const leftover of ['node_modules', '.pnp.cjs', '.pnp.loader.mjs', '.yarn']) rmSync(join(dir, leftover), { recursive: true, force: true });
  return undefined;
}
