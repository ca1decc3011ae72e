// Temp files of the atomic writes. Each is named `.<file>.<pid>.<random>.ctp-tmp` next to
// its target, so a later run can tell a stale one (its process is gone: killed with -9, a
// power cut) from one a concurrent run is still writing, and remove it. SIGINT, SIGTERM and
// SIGHUP during the writes are held until the writes have ended (all or nothing), then the
// process ends by that signal with no temp file left.
import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const SUFFIX = '.ctp-tmp';
const NAME = /\.(\d+)\.[0-9a-z]+\.ctp-tmp$/;
// Written by earlier versions: `.<pid>-<time>-<random>.ctp-tmp`.
const OLD_NAME = /^\.(\d+)-[0-9a-z]+-[0-9a-z]+\.ctp-tmp$/;

export function tempPath(abs: string): string {
  return join(dirname(abs), `.${basename(abs)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}${SUFFIX}`);
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, as another user's process.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes temp files in `dir` left by runs whose process has ended. */
export function removeStaleTemps(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.endsWith(SUFFIX)) continue;
    const pid = Number((NAME.exec(name) ?? OLD_NAME.exec(name))?.[1]);
    if (Number.isInteger(pid) && pid > 0 && !alive(pid)) rmSync(join(dir, name), { force: true });
  }
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Runs the synchronous `writes` with the live temp files in a set. A signal that arrives
 * meanwhile is handled once they are done: temp files removed, then the process ends by it.
 */
export async function withTempCleanup(writes: (temps: Set<string>) => void): Promise<void> {
  const temps = new Set<string>();
  let received: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    received ??= signal;
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  try {
    writes(temps);
  } finally {
    for (const tmp of temps) rmSync(tmp, { force: true });
    // Let a signal that arrived during the writes reach its handler.
    await new Promise<void>((resolve) => setImmediate(resolve));
    for (const s of SIGNALS) process.off(s, onSignal);
  }
  if (received) process.kill(process.pid, received);
}
