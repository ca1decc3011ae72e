// Run git without a shell. Never throws: failures come back as `ok: false`.
import { execFile } from 'node:child_process';

export interface GitResult {
  ok: boolean;
  stdout: string;
  /** True when the git executable itself could not be started. */
  missing: boolean;
}

const GIT_ENV = {
  GIT_TERMINAL_PROMPT: '0',
  GIT_OPTIONAL_LOCKS: '0',
  LC_ALL: 'C',
};

export function runGit(cwd: string, args: string[]): Promise<GitResult> {
  return new Promise((resolve) => {
    try {
      execFile(
        'git',
        args,
        { cwd, encoding: 'utf8', timeout: 10_000, windowsHide: true, env: { ...process.env, ...GIT_ENV } },
        (error, stdout) => {
          if (error) {
            const code = (error as NodeJS.ErrnoException).code;
            resolve({ ok: false, stdout: '', missing: code === 'ENOENT' });
          } else {
            resolve({ ok: true, stdout: String(stdout).trim(), missing: false });
          }
        },
      );
    } catch {
      resolve({ ok: false, stdout: '', missing: true });
    }
  });
}
