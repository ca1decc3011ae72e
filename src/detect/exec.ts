// Run git without a shell. Never throws: failures come back as `ok: false`.

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

export async function runGit(cwd: string, args: string[]): Promise<GitResult> {
  // Loaded on first use: most runs read .git directly and never start git (git-files.ts).
  const { execFile } = await import('node:child_process');
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
