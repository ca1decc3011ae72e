#!/usr/bin/env node
// Runs create-trusted-publish from a clone of its repository, in the current folder:
//   node path/to/create-trusted-publish/scripts/from-clone.mjs [dir] [options]
// It builds first when dist/ is missing or older than the sources (npm install once before).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The newest modification time of the files under `dir` (0 when absent). */
function newest(dir) {
  if (!existsSync(dir)) return 0;
  let time = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) time = Math.max(time, statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return time;
}

/** True when dist/ is missing or older than src/, templates/ or package.json. */
export function needsBuild(dir = root) {
  const built = join(dir, 'dist/cli.js');
  if (!existsSync(built)) return true;
  const source = Math.max(newest(join(dir, 'src')), newest(join(dir, 'templates')), statSync(join(dir, 'package.json')).mtimeMs);
  return source > statSync(built).mtimeMs;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (!existsSync(join(root, 'node_modules'))) {
    process.stderr.write(`Run \`npm install\` in ${root} first: the build needs its dev dependencies.\n`);
    process.exit(1);
  }
  if (needsBuild()) {
    process.stderr.write('Building create-trusted-publish (sources changed since the last build)…\n');
    const built = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
    if (built.status !== 0) process.exit(built.status ?? 1);
  }
  const run = spawnSync(process.execPath, [join(root, 'bin/create-trusted-publish.js'), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}
