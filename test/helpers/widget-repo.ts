// The widget package in a real git repository (package.json naming its GitHub repository, an npm
// lockfile), and --migrate run on it through the built binary: the set-up migrate tests share.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type RunResult } from './cli.js';
import { makeRepo, type TempRepo } from './repo.js';

export const WIDGET_REMOTE = 'https://github.com/acme/widget.git';
export const WIDGET_PKG = { name: 'widget', version: '1.0.0', repository: { type: 'git', url: 'git+https://github.com/acme/widget.git' } };
export const WIDGET_LOCK = { name: 'widget', lockfileVersion: 3, packages: {} };

/** A repository with the widget's package.json and lockfile, then `files` (which may replace them). */
export function widgetRepo(files: Record<string, string | object>): TempRepo {
  return makeRepo({ remote: WIDGET_REMOTE, files: { 'package.json': WIDGET_PKG, 'package-lock.json': WIDGET_LOCK, ...files } });
}

export interface Migrated {
  repo: TempRepo;
  run: RunResult;
  /** A file of the repository as it is now. */
  read: (path: string) => string;
}

/** widgetRepo(files), then `--migrate` with `flags` on it; the caller cleans the repository up. */
export function migrateWidget(files: Record<string, string | object>, flags: string[] = ['--yes', '--force']): Migrated {
  const repo = widgetRepo(files);
  const run = runCli([repo.dir, '--migrate', ...flags]);
  return { repo, run, read: (path) => readFileSync(join(repo.dir, path), 'utf8') };
}
