// The edges of `retire` that touch the terminal: Inquirer prompts (loaded only when asking),
// and, under --json, a runner that keeps npm's own output off stdout so stdout holds only
// the JSON document while npm can still ask for 2FA on the terminal.
import { spawn } from 'node:child_process';
import { runCommand, type Runner } from '../trust/exec.js';
import type { TokenSummary } from '../trust/index.js';
import { tokenLabel } from './tokens.js';
import { safeOutput } from '../text/output.js';

// Inquirer writes to the terminal itself: what it shows (commands, token names from the
// registry) goes through the output filter first.
export async function confirmPrompt(message: string): Promise<boolean> {
  const { default: confirm } = await import('@inquirer/confirm');
  return confirm({ message: safeOutput(message), default: false });
}

export async function pickPrompt(tokens: readonly TokenSummary[]): Promise<string[]> {
  const { default: checkbox } = await import('@inquirer/checkbox');
  const width = Math.max(0, ...tokens.map((t) => (t.name ?? '(no name)').length));
  return checkbox({
    message: 'Revoke which tokens? (tick only the ones to revoke)',
    // Nothing pre-selected: which token CI used is the user's call, never a guess.
    choices: tokens.map((t) => ({ name: safeOutput(tokenLabel(t, width)), value: t.id, checked: false })),
    pageSize: 12,
  });
}

/** Like runCommand, but an inheriting child writes its stdout to our stderr. */
export const stdoutToStderr: Runner = (cmd, args, options = {}) => {
  if (options.stdio !== 'inherit') return runCommand(cmd, args, options);
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(cmd, [...args], { stdio: ['inherit', process.stderr, 'inherit'], env: options.env ?? process.env, shell: process.platform === 'win32', windowsHide: true });
    } catch {
      resolve({ code: 127, stdout: '', stderr: '', missing: true });
      return;
    }
    child.on('error', (error: NodeJS.ErrnoException) => resolve({ code: 127, stdout: '', stderr: error.message, missing: error.code === 'ENOENT' }));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout: '', stderr: '', missing: false }));
  });
};
