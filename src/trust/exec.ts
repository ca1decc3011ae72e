// Running npm and gh without a shell. `inherit` hands the terminal to the child (npm asks
// for 2FA itself); `pipe` captures output for read-backs. Never throws.
import { spawn } from 'node:child_process';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  /** The executable was not found. */
  missing: boolean;
}

export interface RunOptions {
  stdio?: 'pipe' | 'inherit';
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  timeoutMs?: number;
}

export type Runner = (command: string, args: readonly string[], options?: RunOptions) => Promise<RunResult>;

export const runCommand: Runner = (command, args, options = {}) =>
  new Promise((resolve) => {
    const stdio = options.stdio ?? 'pipe';
    let child;
    try {
      // npm and gh are .cmd shims on Windows, which Node only starts through a shell.
      child = spawn(command, [...args], {
        stdio: stdio === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe'],
        env: options.env ?? process.env,
        cwd: options.cwd,
        shell: process.platform === 'win32',
        windowsHide: true,
        ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
      });
    } catch {
      resolve({ code: 127, stdout: '', stderr: '', missing: true });
      return;
    }
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', (error: NodeJS.ErrnoException) => resolve({ code: 127, stdout, stderr: stderr || error.message, missing: error.code === 'ENOENT' }));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr, missing: false }));
  });
