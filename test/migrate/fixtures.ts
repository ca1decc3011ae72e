// The fixture repositories under test/fixtures/workflows/<name>/repo, copied into real temp
// git repositories (remote github.com/acme/widget), and their golden diffs.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../helpers/cli.js';
import { makeRepo, type TempRepo } from '../helpers/repo.js';

export const FIXTURES_DIR = join(ROOT, 'test', 'fixtures', 'workflows');
export const FIXTURES = ['plain', 'matrix', 'pnpm', 'changesets', 'semantic-release', 'reusable'] as const;
export type FixtureName = (typeof FIXTURES)[number];

export function filesUnder(dir: string, base = dir): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir)) {
    const abs = join(dir, entry);
    if (statSync(abs).isDirectory()) Object.assign(files, filesUnder(abs, base));
    else files[relative(base, abs).split('\\').join('/')] = readFileSync(abs, 'utf8');
  }
  return files;
}

export function fixtureFiles(name: FixtureName): Record<string, string> {
  return filesUnder(join(FIXTURES_DIR, name, 'repo'));
}

export function fixtureRepo(name: FixtureName): TempRepo {
  return makeRepo({ remote: 'git@github.com:acme/widget.git', files: fixtureFiles(name) });
}

/**
 * Compares with test/fixtures/workflows/<name>/<file>; UPDATE_GOLDEN=1 rewrites it instead.
 * Returns the expected text.
 */
export function golden(name: FixtureName, file: string, actual: string): string {
  const path = join(FIXTURES_DIR, name, file);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) writeFileSync(path, actual);
  return readFileSync(path, 'utf8');
}
