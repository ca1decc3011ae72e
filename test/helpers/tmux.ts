// A real terminal for end-to-end tests: a tmux server on its own socket, a pane of a
// given size, keys sent as a person types them, and waits on screen text (never sleeps).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { BIN, ensureBuilt } from './cli.js';

let count = 0;

/** The environment without CI markers: Ink renders non-interactively under CI. */
function terminalEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k === 'CI' || k === 'CONTINUOUS_INTEGRATION' || k.startsWith('CI_') || k === 'TMUX' || k === 'NO_COLOR' || k === 'FORCE_COLOR') continue;
    env[k] = v;
  }
  return { ...env, TERM: 'xterm-256color', ...extra };
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export class Terminal {
  readonly socket = `ctp-e2e-${process.pid}-${++count}`;
  readonly scratch = mkdtempSync(join(tmpdir(), 'ctp-tmux-'));
  private readonly exitFile = join(this.scratch, 'exit');
  private readonly sttyFile = join(this.scratch, 'stty');

  constructor(
    private readonly size: { columns: number; rows: number } = { columns: 100, rows: 30 },
    private readonly env: Record<string, string> = {},
  ) {}

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], { encoding: 'utf8', env: terminalEnv(this.env) });
  }

  /** Runs argv in the pane; the exit code and the terminal modes afterwards are recorded. */
  start(argv: string[], cwd: string): void {
    // The shell stays in the pane afterwards, so the screen and the cursor can be checked
    // as the user would see them; the server is killed at the end.
    const command =
      `cd ${quote(cwd)} && ${argv.map(quote).join(' ')}; echo $? > ${quote(this.exitFile)}; ` +
      `stty -a > ${quote(this.sttyFile)}; exec sleep 86400`;
    this.tmux('new-session', '-d', '-s', 'e2e', '-x', String(this.size.columns), '-y', String(this.size.rows), 'sh', '-c', command);
  }

  /** The visible screen; with escapes, its colours and attributes as SGR sequences. */
  screen({ escapes = false } = {}): string {
    return this.tmux('capture-pane', '-p', ...(escapes ? ['-e'] : []), '-t', 'e2e');
  }

  /** The screen and everything scrolled off it; `joined`: lines the terminal soft-wrapped are joined (only breaks the program printed remain). */
  history({ joined = false } = {}): string {
    return this.tmux('capture-pane', '-p', ...(joined ? ['-J'] : []), '-S', '-', '-t', 'e2e');
  }

  /** Records every byte the program writes from now on (escape sequences included) to `file`. */
  record(file: string): void {
    this.tmux('pipe-pane', '-o', '-t', 'e2e', `cat > ${quote(file)}`);
  }

  /** The visible screen with soft-wrapped lines joined. */
  joinedScreen(): string {
    return this.tmux('capture-pane', '-p', '-J', '-t', 'e2e');
  }

  /** tmux key names: Enter, Escape, Up, Down, Space, C-c, or literal text. */
  send(...keys: string[]): void {
    this.tmux('send-keys', '-t', 'e2e', ...keys);
  }

  /** Bytes written to the program in one go, as a terminal does when keys come faster than it reads. */
  sendBytes(text: string): void {
    this.tmux('send-keys', '-t', 'e2e', '-l', text);
  }

  cursorVisible(): boolean {
    return this.tmux('display-message', '-p', '-t', 'e2e', '#{cursor_flag}').trim() === '1';
  }

  async waitFor(match: string | RegExp | ((screen: string) => boolean), timeoutMs = 10_000): Promise<string> {
    const test =
      typeof match === 'string' ? (s: string) => s.includes(match) : match instanceof RegExp ? (s: string) => match.test(s) : match;
    const start = Date.now();
    // A capture can land in the middle of a redraw (lines erased, the new ones not yet
    // written), which can look like a screen that matches. Only a screen that reads the
    // same in two captures in a row counts.
    let previous: string | undefined;
    for (;;) {
      const screen = this.screen();
      if (test(screen) && screen === previous) return screen;
      previous = screen;
      if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${String(match)}; screen:\n${screen}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** Waits for the program to end; resolves with its exit code. */
  async exitCode(timeoutMs = 10_000): Promise<number> {
    const start = Date.now();
    while (!existsSync(this.sttyFile) || readFileSync(this.sttyFile, 'utf8').trim() === '') {
      if (Date.now() - start > timeoutMs) throw new Error(`the program did not exit; screen:\n${this.screen()}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    return Number(readFileSync(this.exitFile, 'utf8').trim());
  }

  /** `stty -a` as it was right after the program exited. */
  stty(): string {
    return readFileSync(this.sttyFile, 'utf8');
  }

  kill(): void {
    try {
      execFileSync('tmux', ['-L', this.socket, 'kill-server'], { stdio: 'ignore' });
    } catch {
      // already gone
    }
    // The server leaves its socket file behind when killed.
    rmSync(join(process.env.TMUX_TMPDIR ?? '/tmp', `tmux-${process.getuid?.() ?? 0}`, this.socket), { force: true });
    rmSync(this.scratch, { recursive: true, force: true });
  }
}

/** A $BROWSER that records the URLs it is asked to open, one per line. */
export function recordingBrowser(): { command: string; opened(): string[]; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'ctp-browser-'));
  const log = join(dir, 'opened.txt');
  const command = join(dir, 'browser.sh');
  writeFileSync(command, `#!/bin/sh\nprintf '%s\\n' "$1" >> ${quote(log)}\n`, { mode: 0o755 });
  return {
    command,
    opened: () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * What an end-to-end test file sets up: dist/ built before its first test (when missing), and what
 * it pushes on `cleanups` run after its last. `open` starts the wizard on a repository in a
 * terminal of `size`, with no browser (`--no-open`, BROWSER=none), killed among the cleanups.
 */
export function terminalTests(): {
  cleanups: (() => void)[];
  open: (repo: { dir: string }, size: { columns: number; rows: number }, args?: string[], env?: Record<string, string>) => Terminal;
} {
  const cleanups: (() => void)[] = [];
  before(ensureBuilt);
  after(() => {
    for (const c of cleanups) c();
  });
  const open = (repo: { dir: string }, size: { columns: number; rows: number }, args: string[] = [], env: Record<string, string> = {}): Terminal => {
    const term = new Terminal(size, { BROWSER: 'none', ...env });
    cleanups.push(() => term.kill());
    term.start([process.execPath, BIN, repo.dir, '--no-open', ...args], repo.dir);
    return term;
  };
  return { cleanups, open };
}
