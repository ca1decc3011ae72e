// What every rehearsed job runs on: a fresh home, a temp dir, the fake issuer and registry, a
// "tool cache" folder that setup steps put on PATH (Node, npm, bun), a global npm prefix for
// `npm install -g`, and bash to run the job's shell. No token anywhere: HOME has no .npmrc,
// and npm's only configuration from outside is the registry URL (npmjs.com's, on a real runner).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli.js';
import { startIssuer, type Issuer } from './oidc-issuer.js';
import { startRegistry, type Registry } from './registry.js';
import { corepackEnv, corepackHome, npmBin, packageBin, tarball, COREPACK_VERSION, NPM_VERSION, PNPM_VERSIONS, REGISTRY_DEPENDENCY, type Tool } from './tools.js';

export interface Machine {
  issuer: Issuer;
  registry: Registry;
  npm: Tool<string>;
  close(): Promise<void>;
}

/** One issuer and one registry per test file, with the tool tarballs the registry serves. */
export async function startMachine(): Promise<Machine> {
  const issuer = await startIssuer();
  const registry = await startRegistry(issuer);
  // What workflows install with `npm install -g`: pnpm, and npm itself (the staged flow's upgrade);
  // and the one registry dependency fixtures may have.
  for (const [name, version] of [...PNPM_VERSIONS.map((v) => ['pnpm', v] as const), ['npm', NPM_VERSION] as const, [REGISTRY_DEPENDENCY.name, REGISTRY_DEPENDENCY.version] as const]) {
    const tool = tarball(name, version);
    if (tool.ok) registry.mirror(tool.value.manifest, tool.value.file);
  }
  return { issuer, registry, npm: npmBin(), close: async () => (await registry.close(), await issuer.close()) };
}

let oldNodeMajor: string | undefined;
/** The major of the machine's older Node (CTP_OLD_NODE, which .ci/run exports), read once. */
function oldNode(): { path: string; major: string } | undefined {
  const path = process.env.CTP_OLD_NODE;
  if (!path || !existsSync(path)) return undefined;
  oldNodeMajor ??= /^v(\d+)/.exec(execFileSync(path, ['--version'], { encoding: 'utf8' }))?.[1] ?? '';
  return { path, major: oldNodeMajor };
}

/**
 * The Node binary for `node-version: <major>` (also `v20.11.1`, `^20.18.0`, `~22`: a range within
 * one major): this process's, the one .ci/run installs, or the machine's older one (CTP_OLD_NODE).
 */
export function nodeFor(version: string): string | undefined {
  const major = /^[v^~]?(\d+)/.exec(version.trim())?.[1];
  if (!major) return undefined;
  if (major === process.versions.node.split('.')[0]) return process.execPath;
  const ci = join(ROOT, '.ci', 'node', major, 'node_modules', '.bin', 'node');
  if (existsSync(ci)) return ci;
  const old = oldNode();
  return old?.major === major ? old.path : undefined;
}

export interface Box {
  dir: string;
  home: string;
  temp: string;
  /** Where setup steps link tools; first on PATH. */
  toolcache: string;
  /** `npm install -g` goes here; its bin is on PATH too. */
  prefix: string;
  /** The image's own global tools (a runner's /usr/local/bin): on PATH after the tool cache. */
  image: string;
  path(): string;
  /**
   * Links Node and npm (setup-node, or a node:24 image), and corepack, which Node 24 ships (the
   * `node` package on npm does not), with its filled cache: returns the env corepack needs.
   */
  setupNode(node: string, npmBinDir: string): Record<string, string>;
  cleanup(): void;
}

export function makeBox(): Box {
  const dir = mkdtempSync(join(tmpdir(), 'ctp-rehearsal-'));
  const [home, temp, toolcache, prefix, image] = ['home', 'temp', 'toolcache', 'prefix', 'image'].map((d) => join(dir, d)) as [string, string, string, string, string];
  for (const d of [home, temp, toolcache, join(prefix, 'bin'), image]) mkdirSync(d, { recursive: true });
  return {
    dir,
    home,
    temp,
    toolcache,
    prefix,
    image,
    path: () => [join(prefix, 'bin'), toolcache, image, '/usr/local/bin', '/usr/bin', '/bin'].join(':'),
    setupNode(node, npmBinDir) {
      symlinkSync(node, join(toolcache, 'node'));
      for (const tool of ['npm', 'npx']) symlinkSync(join(npmBinDir, tool), join(toolcache, tool));
      const corepack = packageBin('corepack', COREPACK_VERSION);
      const home = corepackHome();
      if (!corepack.ok || !home.ok) return {};
      symlinkSync(join(corepack.value, 'corepack'), join(toolcache, 'corepack'));
      return corepackEnv(home.value);
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The environment a job starts from, before the provider's own variables. */
export function baseEnv(box: Box, registry: Registry): Record<string, string> {
  return {
    HOME: box.home,
    PATH: box.path(),
    LANG: 'C.UTF-8',
    CI: 'true',
    // A real runner's npm talks to registry.npmjs.org; here, to the fake one.
    npm_config_registry: registry.url,
    // pnpm 11 reads its own prefix for most settings, the registry included.
    pnpm_config_registry: registry.url,
    npm_config_prefix: box.prefix,
    npm_config_cache: join(box.dir, 'npm-cache'),
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
}

export interface Ran { code: number; output: string }

/**
 * Runs a command without blocking the issuer and registry in this process (a synchronous child
 * would stall every other case's requests while it runs).
 */
export function exec(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.on('error', (e) => (output += String(e)));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Like exec, and throws with the output when the command fails. */
export async function execOk(cmd: string, args: string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<string> {
  const r = await exec(cmd, args, cwd, env);
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.code}):\n${r.output}`);
  return r.output;
}

/** Clones `source` into `workspace` at `ref` (actions/checkout, GitLab's and CircleCI's checkout). */
export async function checkout(source: string, workspace: string, ref: string): Promise<void> {
  await execOk('git', ['clone', '--quiet', source, workspace], source);
  await execOk('git', ['checkout', '--quiet', ref], workspace);
}

/** Runs a script with bash as the provider does (`bash -e <file>`). */
export function bash(box: Box, script: string, cwd: string, env: Record<string, string>, flags = ['-e']): Promise<Ran> {
  const file = join(box.temp, `step-${Math.random().toString(36).slice(2)}.sh`);
  writeFileSync(file, script);
  return exec('/bin/bash', ['--noprofile', '--norc', ...flags, file], cwd, env);
}
