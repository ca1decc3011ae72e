// Shared harness of the hostile-input suite: a temp directory holding a real git repository
// (`repo/`) next to a sibling folder outside it (`outside/`), the real built binary run in
// it (optionally as an unprivileged user), and the checks every case makes: the exit code,
// no stack trace, nothing changed outside the intended targets, no secret marker anywhere,
// no temp file left behind.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type StdioOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chownSync, closeSync, lstatSync, openSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { BIN } from '../helpers/cli.js';
import { git } from '../helpers/repo.js';

/** A token-shaped marker: in `.npmrc`, the environment and files; it must never be printed or written. */
export const SECRET = 'npm_HostileMarker0123456789abcdefABCDEF';

/** The unprivileged user cases run as, where the machine allows it (root ignores mode 000). */
export const NOBODY = { uid: 65534, gid: 65534 };

export interface Scene {
  /** The temp directory holding `repo/`, `outside/` and `home/`. */
  base: string;
  /** The repository root (a git repository with a remote on GitHub). */
  repo: string;
  /** A sibling folder outside the repository: nothing in it may ever change. */
  outside: string;
  /** Writes a file relative to the repository root (objects as JSON). */
  write(path: string, content: string | object | Buffer): void;
  /** Absolute path in the repository. */
  at(path: string): string;
  cleanup(): void;
}

export interface SceneOptions {
  /** Extra files, relative to the repository root. */
  files?: Record<string, string | object | Buffer>;
  /** package.json fields over the defaults (a public package with build and test scripts). */
  pkg?: object;
  /** No package.json at all (write your own). */
  noPackage?: boolean;
  /** `git init` and a remote (default true). */
  git?: boolean;
  /** The origin remote (default git@github.com:acme/widget.git). */
  remote?: string;
}

export function scene(options: SceneOptions = {}): Scene {
  const base = mkdtempSync(join(tmpdir(), 'ctp-hostile-'));
  const repo = join(base, 'repo');
  const outside = join(base, 'outside');
  for (const dir of [repo, outside, join(base, 'home')]) mkdirSync(dir);
  writeFileSync(join(outside, 'keep.txt'), 'outside the repository\n');
  const write = (path: string, content: string | object | Buffer) => {
    const abs = join(repo, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, typeof content === 'string' || Buffer.isBuffer(content) ? content : JSON.stringify(content, null, 2) + '\n');
  };
  if (!options.noPackage) {
    write('package.json', {
      name: '@acme/widget',
      version: '1.2.3',
      repository: { type: 'git', url: 'git+https://github.com/acme/widget.git' },
      scripts: { build: 'tsc', test: 'node --test' },
      ...options.pkg,
    });
    write('package-lock.json', { name: '@acme/widget', lockfileVersion: 3, packages: {} });
    write('.npmrc', `//registry.npmjs.org/:_authToken=${SECRET}\n`);
  }
  for (const [path, content] of Object.entries(options.files ?? {})) write(path, content);
  if (options.git ?? true) {
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'remote', 'add', 'origin', options.remote ?? 'git@github.com:acme/widget.git');
  }
  return { base, repo, outside, write, at: (path) => join(repo, path), cleanup: () => rmSync(base, { recursive: true, force: true }) };
}

/** A named pipe (FIFO) at `path` (replacing a file there): opening it for reading blocks until a writer comes. */
export function fifo(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  rmSync(path, { force: true });
  const r = spawnSync('mkfifo', [path]);
  assert.equal(r.status, 0, `mkfifo ${path}`);
}

/** One entry per path under `dir` (not following links, never opening a FIFO): type and content hash. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (abs: string) => {
    const st = lstatSync(abs);
    const rel = relative(dir, abs) || '.';
    const mode = (st.mode & 0o7777).toString(8);
    if (st.isSymbolicLink()) out.set(rel, `link ${readlinkSync(abs)}`);
    else if (st.isFile()) out.set(rel, `file ${mode} ${createHash('sha256').update(readFileSync(abs)).digest('hex')}`);
    else if (st.isDirectory()) {
      out.set(rel, `dir ${mode}`);
      for (const name of readdirSync(abs)) walk(join(abs, name));
    } else out.set(rel, `special ${mode} ${st.mode & 0o170000}`);
  };
  walk(dir);
  return out;
}

export interface RunOptions {
  /** Run as `nobody` (see canDropPrivileges). */
  nobody?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Working directory (default the repository). */
  cwd?: string;
  /** File stdout goes to (e.g. /dev/full) instead of a pipe. */
  stdoutPath?: string;
  /** Kill after this many ms (default 20 s): a hang is a failure, not a stuck suite. */
  timeout?: number;
  /** A command the binary runs under, e.g. ['prlimit', '--fsize=20000']. */
  wrap?: string[];
}

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function command(args: readonly string[], options: RunOptions): { file: string; argv: string[] } {
  const node = [...(options.wrap ?? []), process.execPath, BIN, ...args];
  if (!options.nobody) return { file: node[0]!, argv: node.slice(1) };
  return { file: 'setpriv', argv: [`--reuid=${NOBODY.uid}`, `--regid=${NOBODY.gid}`, '--clear-groups', ...node] };
}

function environment(s: Scene, options: RunOptions): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: join(s.base, 'home'),
    NO_COLOR: '1',
    BROWSER: 'none',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    NPM_TOKEN: SECRET,
    NODE_AUTH_TOKEN: SECRET,
    ...options.env,
  };
}

/** Runs the built binary in the scene, synchronously. */
export function run(s: Scene, args: readonly string[], options: RunOptions = {}): Run {
  const { file, argv } = command(args, options);
  const fd = options.stdoutPath ? openSync(options.stdoutPath, 'w') : undefined;
  const stdio: StdioOptions = ['ignore', fd ?? 'pipe', 'pipe'];
  const r = spawnSync(file, argv, {
    cwd: options.cwd ?? s.repo,
    env: environment(s, options),
    encoding: 'utf8',
    stdio,
    timeout: options.timeout ?? 20_000,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (fd !== undefined) closeSync(fd);
  return { code: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/**
 * Runs the binary and sends `signal` after `afterMs`, or (with `when`) as soon as `when()`
 * is true, polled every millisecond; resolves when it has ended.
 */
export function runKilled(s: Scene, args: readonly string[], signal: NodeJS.Signals, afterMs: number, options: RunOptions & { when?: () => boolean } = {}): Promise<Run> {
  const { file, argv } = command(args, options);
  return new Promise((resolve) => {
    const child = spawn(file, argv, { cwd: options.cwd ?? s.repo, env: environment(s, options), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const when = options.when;
    const timer = when
      ? setInterval(() => {
          if (!when()) return;
          clearInterval(timer);
          child.kill(signal);
        }, 1)
      : setTimeout(() => child.kill(signal), afterMs);
    child.on('close', (code, sig) => {
      clearInterval(timer);
      resolve({ code, signal: sig, stdout, stderr });
    });
  });
}

/** Hands the whole scene to `nobody`, so a case can run as that user. */
export function giveToNobody(s: Scene): void {
  const walk = (abs: string) => {
    chownSync(abs, NOBODY.uid, NOBODY.gid);
    if (lstatSync(abs).isDirectory()) for (const name of readdirSync(abs)) walk(join(abs, name));
  };
  walk(s.base);
}

/** Why cases as an unprivileged user cannot run here, or undefined when they can. */
export function cannotDropPrivileges(): string | undefined {
  if (process.getuid?.() !== 0) return 'not running as root: cannot switch to nobody (and mode 000 already applies to this user)';
  const r = spawnSync('setpriv', [`--reuid=${NOBODY.uid}`, `--regid=${NOBODY.gid}`, '--clear-groups', process.execPath, '-e', 'fs=require("fs");fs.accessSync(process.argv[1])', BIN], { encoding: 'utf8' });
  if (r.error) return 'setpriv is not installed';
  if (r.status !== 0) return `nobody cannot run the built binary: ${r.stderr.trim().split('\n')[0]}`;
  return undefined;
}

const STACK = /^\s+at .+[:(]\d+|node:internal|\bTypeError\b|\bReferenceError\b|Something went wrong|Please report this/m;

export interface Expect {
  /** The exit code. */
  code: number;
  /** Paths (relative to the repository) allowed to change, be created or disappear; a trailing `*` is a prefix. */
  changes?: string[];
  /** Text the output (stdout + stderr) must contain. */
  says?: RegExp | string;
}

function allowed(path: string, changes: readonly string[]): boolean {
  const rel = path.startsWith('repo/') ? path.slice(5) : undefined;
  if (rel === undefined) return false;
  return changes.some((c) => (c.endsWith('*') ? `${rel}/`.startsWith(c.slice(0, -1)) || rel.startsWith(c.slice(0, -1)) : rel === c));
}

/**
 * The checks every hostile case makes: exit code, a message without a stack trace, nothing
 * changed under the scene but the allowed paths (the sibling outside the repository never),
 * the secret marker nowhere, no temp file left.
 */
export function expectClean(s: Scene, before: Map<string, string>, r: Run, expect: Expect): void {
  const output = `${r.stdout}\n${r.stderr}`;
  const context = `exit ${r.code} ${r.signal ?? ''}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
  assert.equal(r.code, expect.code, context);
  assert.doesNotMatch(output, STACK, context);
  assert.ok(!output.includes(SECRET), `secret printed\n${context}`);
  if (expect.says !== undefined) {
    if (typeof expect.says === 'string') assert.ok(output.includes(expect.says), `expected ${JSON.stringify(expect.says)}\n${context}`);
    else assert.match(output, expect.says, context);
  }
  const after = snapshot(s.base);
  const changes = expect.changes ?? [];
  for (const path of new Set([...before.keys(), ...after.keys()])) {
    if (before.get(path) === after.get(path)) continue;
    assert.ok(allowed(path, changes), `${path} changed (${before.get(path)} -> ${after.get(path)})\n${context}`);
  }
  for (const [path, entry] of after) {
    assert.doesNotMatch(path, /ctp-tmp/, `temp file left: ${path}`);
    if (before.get(path) === entry || !entry.startsWith('file ')) continue;
    assert.ok(!readFileSync(join(s.base, path)).includes(SECRET), `secret written to ${path}`);
  }
}
