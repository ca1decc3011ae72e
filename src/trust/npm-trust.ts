// Configuring trusted publishers with the user's own npm CLI (`npm trust`, npm >= 11.15:
// the --allow-* permission flags). npm talks to the registry and asks for 2FA itself; this
// module only runs it, pauses between packages, and reads the result back.
// Endpoints npm uses (npm 11.19 lib/trust-cmd.js, lib/commands/trust/{github,list}.js):
// POST and GET /-/package/<escaped name>/trust.
import { safeOutput } from '../text/output.js';
import { bootstrapFix } from '../registry/check.js';
import { runCommand, type RunOptions, type Runner } from './exec.js';
import type { TrustCommand } from './commands.js';
import { NPM_TRUST_MIN, versionAtLeast } from '../npm/versions.js';

export interface NpmOptions {
  run?: Runner;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export type Readiness = { ok: true; npmVersion: string; user: string } | { ok: false; reason: string; npmVersion?: string };

function opts(o: NpmOptions, stdio: RunOptions['stdio'] = 'pipe'): RunOptions {
  return { stdio, ...(o.env ? { env: o.env } : {}), ...(o.cwd ? { cwd: o.cwd } : {}) };
}

/** npm new enough for `npm trust ... --allow-publish`, and a logged-in user (`npm whoami`). */
export async function canUseNpmTrust(o: NpmOptions = {}): Promise<Readiness> {
  const run = o.run ?? runCommand;
  const version = await run('npm', ['--version'], opts(o));
  if (version.missing || version.code !== 0) return { ok: false, reason: 'npm was not found on PATH.' };
  const npmVersion = version.stdout.trim();
  if (!versionAtLeast(npmVersion, NPM_TRUST_MIN)) {
    return { ok: false, npmVersion, reason: `npm ${npmVersion} cannot set trusted-publisher permissions: npm trust needs ${NPM_TRUST_MIN} or newer (npm install -g npm@^${NPM_TRUST_MIN}).` };
  }
  const whoami = await run('npm', ['whoami'], opts(o));
  const user = whoami.stdout.trim();
  if (whoami.code !== 0 || !user) return { ok: false, npmVersion, reason: 'Not logged in to npm (npm whoami failed): run `npm login` with 2FA first. Tokens that bypass 2FA are refused by npm trust.' };
  return { ok: true, npmVersion, user };
}

export interface TrustConfig {
  id?: string;
  type?: string;
  file?: string;
  repository?: string;
  environment?: string;
  permissions?: string[];
}

/** Every top-level JSON value in `text` (npm prints one JSON document per configuration). */
export function parseJsonValues(text: string): unknown[] {
  const values: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (depth++ === 0) start = i;
    } else if ((c === '}' || c === ']') && depth > 0 && --depth === 0) {
      try {
        values.push(JSON.parse(text.slice(start, i + 1)));
      } catch {
        // not JSON after all: skip it
      }
    }
  }
  return values;
}

/** `npm trust list <pkg> --json`, parsed; undefined when npm failed. */
export async function readTrustList(packageName: string, o: NpmOptions = {}): Promise<TrustConfig[] | undefined> {
  const result = await (o.run ?? runCommand)('npm', ['trust', 'list', packageName, '--json'], opts(o));
  if (result.code !== 0) return undefined;
  return parseJsonValues(result.stdout).flatMap((v) => (Array.isArray(v) ? v : [v])) as TrustConfig[];
}

export function matches(config: TrustConfig, expect: TrustCommand['expect']): boolean {
  return (
    config.repository === expect.repository &&
    config.file === expect.file &&
    (config.environment ?? null) === expect.environment &&
    (config.permissions === undefined || config.permissions.includes(expect.permission))
  );
}

export interface TrustResult {
  packageName: string;
  status: 'configured' | 'failed' | 'missing' | 'printed';
  /** What `npm trust list` shows afterwards. */
  listed?: TrustConfig[];
  message: string;
  url: string;
}

export interface RunTrustOptions extends NpmOptions {
  dryRun?: boolean;
  out?: (text: string) => void;
  /** Between packages, as npm's docs advise to avoid rate limiting (default two seconds). */
  pauseMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** `inherit` (default) gives npm the terminal for its confirmation and 2FA prompts. */
  stdio?: RunOptions['stdio'];
}

async function exists(packageName: string, o: NpmOptions): Promise<boolean> {
  const view = await (o.run ?? runCommand)('npm', ['view', packageName, 'name', '--json'], opts(o));
  return !(view.code !== 0 && /\bE404\b/.test(view.stderr + view.stdout));
}

export async function runNpmTrust(commands: readonly TrustCommand[], o: RunTrustOptions = {}): Promise<TrustResult[]> {
  const out = o.out ?? ((text: string) => process.stdout.write(`${safeOutput(text)}\n`));
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const results: TrustResult[] = [];
  for (const [index, command] of commands.entries()) {
    const base = { packageName: command.packageName, url: command.url };
    if (o.dryRun) {
      out(`$ ${command.display}`);
      results.push({ ...base, status: 'printed', message: 'dry run: not run' });
      continue;
    }
    if (index > 0) await sleep(o.pauseMs ?? 2000);
    if (!(await exists(command.packageName, o))) {
      results.push({ ...base, status: 'missing', message: `${command.packageName} is not on the registry yet, so no trusted publisher can be added. ${bootstrapFix(command.packageName)}` });
      continue;
    }
    out(`$ ${command.display}`);
    const run = await (o.run ?? runCommand)('npm', command.args, opts(o, o.stdio ?? 'inherit'));
    const listed = await readTrustList(command.packageName, o);
    const ok = listed?.some((config) => matches(config, command.expect)) ?? false;
    results.push({
      ...base,
      status: ok ? 'configured' : 'failed',
      ...(listed ? { listed } : {}),
      message: ok
        ? `configured: ${command.expect.repository} ${command.expect.file}${command.expect.environment ? ` (environment ${command.expect.environment})` : ''}`
        : `npm trust ${run.code === 0 ? 'ran, but npm trust list does not show the publisher' : `failed (exit ${run.code})`}: add it on ${command.url}`,
    });
  }
  return results;
}
