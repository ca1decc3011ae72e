// Runs the built binary the way a user does: a real process, real files, no TTY.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(ROOT, 'bin', 'create-trusted-publish.js');

/** Builds dist/ when it is missing: the tests that start the binary in a terminal need it. */
export function ensureBuilt(): void {
  if (!existsSync(join(ROOT, 'dist/cli.js'))) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

type CliOptions = { cwd?: string; env?: NodeJS.ProcessEnv; node?: string };
const cliEnv = (options: CliOptions): NodeJS.ProcessEnv => ({ ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, BROWSER: 'none', ...options.env });

export function runCli(args: string[], options: CliOptions = {}): RunResult {
  const r = spawnSync(options.node ?? process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    env: cliEnv(options),
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 30_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** runCli without blocking this process: for tests that serve requests (a registry) while the binary runs. */
export function runCliAsync(args: string[], options: CliOptions = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(options.node ?? process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env: cliEnv(options), stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
    let [stdout, stderr] = ['', ''];
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A BROWSER script that appends every URL it is given to a file. */
export function recordingBrowser(): { env: { BROWSER: string }; urls: () => string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'ctp-browser-'));
  const log = join(dir, 'urls.txt');
  const script = join(dir, 'browser.sh');
  writeFileSync(script, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${log}'\n`);
  chmodSync(script, 0o755);
  return {
    env: { BROWSER: script },
    urls: () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []),
  };
}
