#!/usr/bin/env node
// Start-up in instructions: the same commands as bench/run.mjs's start-up section, each run
// once under `valgrind --tool=callgrind`, which counts the instructions the process executes
// (user space only: the time the kernel spends in system calls, fsync included, is not in it).
// On a busy machine wall-clock medians move by tens of percent between runs; these counts move
// by a fraction of a percent, so they compare two builds (or this build and create-vite) there.
//
//   npm run build && node bench/instructions.mjs              seeds 1,2,3
//   node bench/instructions.mjs --seeds 1,2,3,4,5 --in-place
//   node bench/instructions.mjs --bin /tmp/main/package/bin/create-trusted-publish.js   another build
//
// Each command runs once unmeasured first (Node's compile cache filled, as after the first
// run of an installed copy), then once per seed under callgrind with `node --random-seed=N`:
// V8's random seed changes hash tables and so the counts by a few percent, the same seed
// gives the same count within ~0.3%. Counted: the main thread (the one that runs the
// program; V8's helper threads run beside it). Ratios are per seed against create-vite
// --help, then the median. Needs valgrind; each run takes 5–30 s under it.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: opt } = parseArgs({
  options: {
    seeds: { type: 'string', default: '1,2,3' },
    'in-place': { type: 'boolean', default: false },
    bin: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const seeds = opt.seeds.split(',').map(Number);
if (seeds.some((s) => !Number.isInteger(s))) fail(`--seeds takes whole numbers separated by commas, not ${opt.seeds}`);
if (spawnSync('valgrind', ['--version']).status !== 0) fail('valgrind is not installed (Debian/Ubuntu: apt-get install valgrind)');

function fail(message) {
  console.error(`bench/instructions: ${message}`);
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'ctp-instructions-'));
const env = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: process.env.HOME ?? work,
  LANG: 'C.UTF-8',
  BROWSER: 'none',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  // No NODE_COMPILE_CACHE: it would give create-vite a compile cache it does not use by itself.
};

// Ours as users get it (bench/README.md): the packed tarball, unpacked outside the repository.
let ourBin = opt.bin ?? join(root, 'bin', 'create-trusted-publish.js');
if (!opt['in-place'] && !opt.bin) {
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: root, encoding: 'utf8' }))[0];
  mkdirSync(join(work, 'installed'));
  execFileSync('tar', ['-xzf', join(work, packed.filename), '-C', join(work, 'installed')]);
  ourBin = join(work, 'installed', 'package', 'bin', 'create-trusted-publish.js');
}
const viteBin = join(root, 'node_modules', 'create-vite', 'index.js');

let repos = 0;
/** A fresh repository, as bench/run.mjs makes them: package.json and a GitHub remote. */
function makeRepo() {
  const dir = join(work, `repo-${++repos}`);
  mkdirSync(dir);
  const git = (...args) => execFileSync('git', args, { cwd: dir, env, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: '@acme/widget', version: '1.0.0' }, null, 2) + '\n');
  git('remote', 'add', 'origin', 'git@github.com:acme/widget.git');
  return dir;
}

const commands = [
  { label: 'create-vite --help', bin: viteBin, args: ['--help'] },
  { label: '--help', bin: ourBin, args: ['--help'] },
  { label: '--dry-run --yes', bin: ourBin, args: ['--dry-run', '--yes'] },
  { label: '--yes', bin: ourBin, args: ['--yes'] },
];

function run(command, seed) {
  const cwd = makeRepo();
  const out = join(work, `cg-${repos}`);
  mkdirSync(out);
  const valgrind = seed === undefined ? [] : ['valgrind', '--tool=callgrind', '--separate-threads=yes', `--callgrind-out-file=${join(out, 'cg.%p')}`];
  const node = [process.execPath, ...(seed === undefined ? [] : [`--random-seed=${seed}`]), command.bin, ...command.args];
  const [file, ...args] = [...valgrind, ...node];
  // Output to pipes, as bench/run.mjs (Node sets up a pipe differently from a file).
  const r = spawnSync(file, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) fail(`${command.label} exited with ${r.status ?? r.signal}:\n${r.stderr.slice(-1500)}`);
  if (seed === undefined) return undefined;
  // One file per thread: `cg.<pid>-01` is the main thread.
  const main = readdirSync(out).find((f) => f.endsWith('-01'));
  const total = main && /^(?:summary|totals): (\d+)/m.exec(readFileSync(join(out, main), 'utf8'));
  if (!total) fail(`no callgrind totals for ${command.label} in ${out}`);
  return Number(total[1]);
}

for (const c of commands) run(c); // fill the compile cache
const counts = new Map(commands.map((c) => [c.label, []]));
for (const seed of seeds) for (const c of commands) counts.get(c.label).push(run(c, seed));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const base = counts.get('create-vite --help');
console.log(`Instructions (callgrind, main thread), Node ${process.version}, seeds ${seeds.join(',')}; ratio = median over seeds of ours / create-vite --help`);
console.log(`  ${'command'.padEnd(20)} ${'millions per seed'.padEnd(28)} ratio`);
for (const c of commands) {
  const xs = counts.get(c.label);
  const ratio = c.bin === viteBin ? 'base' : `${median(xs.map((x, i) => x / base[i])).toFixed(3)}×`;
  console.log(`  ${c.label.padEnd(20)} ${xs.map((x) => (x / 1e6).toFixed(1).padStart(7)).join(' ').padEnd(28)} ${ratio}`);
}
if (opt.keep) console.log(`kept: ${work}`);
else rmSync(work, { recursive: true, force: true });
