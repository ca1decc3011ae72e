// Real git repositories in temp directories, for tests of detection, planning and the binary.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface TempRepoOptions {
  /** Files to write, path relative to the repo root -> content (objects are written as JSON). */
  files?: Record<string, string | object>;
  /** `git remote add origin <url>`; omit for no remote. */
  remote?: string;
  /** Initial branch name (default `main`). */
  branch?: string;
  /** Run `git init` (default true). */
  git?: boolean;
  /** Make a first commit of the files (default true when git). */
  commit?: boolean;
}

export interface TempRepo {
  dir: string;
  write(path: string, content: string | object): void;
  git(...args: string[]): string;
  cleanup(): void;
}

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.com',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

export function makeRepo(options: TempRepoOptions = {}): TempRepo {
  const dir = mkdtempSync(join(tmpdir(), 'ctp-test-'));
  const write = (path: string, content: string | object) => {
    const abs = join(dir, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, typeof content === 'string' ? content : JSON.stringify(content, null, 2) + '\n');
  };
  for (const [path, content] of Object.entries(options.files ?? {})) write(path, content);
  const useGit = options.git ?? true;
  if (useGit) {
    git(dir, 'init', '-q', '-b', options.branch ?? 'main');
    if (options.remote) git(dir, 'remote', 'add', 'origin', options.remote);
    if (options.commit ?? true) {
      git(dir, 'add', '-A');
      git(dir, 'commit', '-q', '--allow-empty', '-m', 'init');
    }
  }
  return {
    dir,
    write,
    git: (...args) => git(dir, ...args),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A typical single-package repository on GitHub. */
export function makePackageRepo(overrides: { pkg?: object; remote?: string; files?: Record<string, string | object> } = {}): TempRepo {
  return makeRepo({
    remote: overrides.remote ?? 'git@github.com:acme/widget.git',
    files: {
      'package.json': {
        name: '@acme/widget',
        version: '1.2.3',
        scripts: { build: 'tsc', test: 'node --test' },
        ...overrides.pkg,
      },
      'package-lock.json': { name: '@acme/widget', lockfileVersion: 3, packages: {} },
      ...overrides.files,
    },
  });
}
