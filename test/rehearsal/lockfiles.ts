// Lockfiles for the fixtures, written by the real package managers (from .ci/tools/) the way a
// maintainer would commit them: `pnpm install --lockfile-only`, `yarn install`, `bun install`,
// offline (the fixtures have no dependencies outside their workspaces, but for one mirrored by the
// fake registry), once per fixture: later runs reuse what the tool wrote.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execOk } from './machine.js';
import { corepackEnv, corepackHome, once, packageBin, BUN_VERSION, COREPACK_VERSION, PNPM_VERSION, TOOLS, type Tool } from './tools.js';

export type LockTool = 'pnpm' | 'yarn' | 'bun';

/**
 * PATH and env for running `tool` in `dir`, or why it cannot run. pnpm is the version the
 * project's "packageManager" names. `registry`: the fake registry, for fixtures with a registry dependency.
 */
export function toolEnv(tool: LockTool, dir: string, registry = 'http://127.0.0.1:9/'): Tool<Record<string, string>> {
  const bin = mkdtempSync(join(tmpdir(), 'ctp-tool-bin-'));
  const env = toolEnvIn(bin, tool, dir, registry);
  if (!env.ok) rmSync(bin, { recursive: true, force: true });
  return env;
}

function toolEnvIn(bin: string, tool: LockTool, dir: string, registry: string): Tool<Record<string, string>> {
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

const LEFTOVERS = ['node_modules', '.pnp.cjs', '.pnp.loader.mjs', '.yarn'];

/** Paths of the files under `dir` (relative, sorted), .git and install leftovers aside. */
function filesIn(dir: string, rel = ''): string[] {
  return readdirSync(join(dir, rel), { withFileTypes: true })
    .filter((e) => e.name !== '.git' && !LEFTOVERS.includes(e.name))
    .flatMap((e) => (e.isDirectory() ? filesIn(dir, join(rel, e.name)) : [join(rel, e.name)]))
    .sort();
}

/**
 * Writes the lockfile of `tool` in `dir`; undefined when written, else why not. What the tool
 * writes for a given fixture is kept in .ci/tools/lockfiles/, keyed by the tool and every file of
 * the fixture, so a later run copies the same lockfile instead of running the tool again.
 */
export async function writeLockfile(tool: LockTool, dir: string, registry?: string): Promise<string | undefined> {
  const before = filesIn(dir);
  const hash = createHash('sha256').update(`${tool} ${BUN_VERSION} ${Boolean(registry)}\n`);
  for (const f of before) hash.update(`${f}\n${readFileSync(join(dir, f), 'utf8')}\n`);
  const cached = join(TOOLS, 'lockfiles', hash.digest('hex').slice(0, 32));
  if (existsSync(cached)) {
    cpSync(cached, dir, { recursive: true });
    return undefined;
  }
  const env = toolEnv(tool, dir, registry);
  if (!env.ok) return env.reason;
  const [cmd, args] = tool === 'pnpm' ? ['pnpm', ['install', '--lockfile-only', ...(registry ? [] : ['--offline'])]] : tool === 'yarn' ? ['yarn', ['install']] : ['bun', ['install']];
  // Found on the tool's PATH, not this process's.
  const bin = env.value.PATH!.split(':').find((d) => existsSync(join(d, cmd)))!;
  try {
    await execOk(join(bin, cmd), args, dir, env.value);
  } finally {
    // The tool's HOME and shims: a temp folder of their own.
    rmSync(env.value.HOME!, { recursive: true, force: true });
  }
  // Only the lockfile is committed; what the install left beside it is not.
  for (const leftover of LEFTOVERS) rmSync(join(dir, leftover), { recursive: true, force: true });
  const written = filesIn(dir).filter((f) => !before.includes(f));
  once(cached, (tmp) => {
    for (const f of written) cpSync(join(dir, f), join(tmp, f), { recursive: true });
  });
  return undefined;
}
