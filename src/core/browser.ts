// Opening the npmjs.com page. The URL is always printed by the caller; opening is a
// convenience that must never fail the run.

export type OpenResult = 'opened' | 'no-browser' | 'failed';

/** Why no browser can be opened here, or undefined when one may be. */
export function noBrowserReason(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.BROWSER === 'none') return 'BROWSER=none';
  // CI comes before $BROWSER: nobody is there to look at a page a CI job opens.
  if (env.CI) return 'running in CI';
  if (env.BROWSER) return undefined;
  if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return 'no display';
  return undefined;
}

/** Runs $BROWSER with the URL (the convention most CLIs follow), waiting briefly for it. */
async function runBrowserCommand(command: string, url: string): Promise<OpenResult> {
  const { spawn } = await import('node:child_process');
  return new Promise((resolve) => {
    const args = command.includes('%s') ? [] : [url];
    const cmd = command.replace('%s', url);
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true, shell: false });
    const timer = setTimeout(() => {
      // A browser that keeps running is fine: leave it be.
      child.unref();
      resolve('opened');
    }, 2000);
    child.on('error', () => {
      clearTimeout(timer);
      resolve('failed');
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0 ? 'opened' : 'failed');
    });
  });
}

export async function openUrl(url: string, env: NodeJS.ProcessEnv = process.env): Promise<OpenResult> {
  if (noBrowserReason(env)) return 'no-browser';
  if (env.BROWSER) return runBrowserCommand(env.BROWSER, url);
  try {
    const { default: open } = await import('open');
    const child = await open(url, { wait: false });
    child.unref();
    return 'opened';
  } catch {
    return 'failed';
  }
}
