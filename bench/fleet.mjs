#!/usr/bin/env node
// Fleet benchmark: `doctor DIR…` over generated repositories (a third with a token
// workflow, a third migrated, a third without a workflow), at several sizes, to show the
// time and peak memory grow linearly and stay within a few seconds for 200.
//
//   npm run build && node bench/fleet.mjs            sizes 25,50,100,150,200, 5 runs each
//   node bench/fleet.mjs --smoke                     sizes 5,10,15, 1 run: does the harness work?
//   node bench/fleet.mjs --sizes 50,400 --runs 3
//
// Peak memory is the child's maxRSS (process.resourceUsage, read in an exit handler that
// --import adds), so the product runs unchanged. Results: a table on stdout and
// bench/results/fleet.json. Exit 2 when the harness breaks (a run fails or miscounts).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'create-trusted-publish.js');
const { values: opt } = parseArgs({
  options: { smoke: { type: 'boolean', default: false }, sizes: { type: 'string' }, runs: { type: 'string' }, out: { type: 'string', default: join(root, 'bench', 'results', 'fleet.json') } },
  strict: true,
});
const sizes = (opt.sizes ?? (opt.smoke ? '5,10,15' : '25,50,100,150,200')).split(',').map(Number);
const runs = Number(opt.runs ?? (opt.smoke ? 1 : 5));
const fail = (message) => {
  console.error(`bench/fleet: ${message}`);
  process.exit(2);
};

const env = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', NO_COLOR: '1', BROWSER: 'none', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
const git = (cwd, ...args) => execFileSync('git', args, { cwd, env: { ...env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@example.com', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@example.com' }, stdio: 'ignore' });

// --- the repositories --------------------------------------------------------------------
const scratch = mkdtempSync(join(tmpdir(), 'ctp-fleet-bench-'));
const tokenFixture = join(root, 'test', 'fixtures', 'workflows', 'plain', 'repo');
const kinds = ['token', 'migrated', 'none'];

function makeRepo(i) {
  const kind = kinds[i % 3];
  const dir = join(scratch, `repo-${String(i).padStart(3, '0')}`);
  const name = `pkg-${i}`;
  if (kind === 'token') cpSync(tokenFixture, dir, { recursive: true });
  else mkdirSync(dir, { recursive: true });
  const pkg = kind === 'token' ? JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) : { version: '1.0.0' };
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ ...pkg, name, repository: `github:acme/${name}` }, null, 2) + '\n');
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'remote', 'add', 'origin', `git@github.com:acme/${name}.git`);
  if (kind === 'migrated') {
    const r = spawnSync(process.execPath, [bin, dir, '--yes', '--no-open'], { env, encoding: 'utf8' });
    if (r.status !== 0) fail(`--yes failed in ${dir}: ${r.stderr}`);
  }
  return { dir, kind };
}

const max = Math.max(...sizes);
process.stderr.write(`generating ${max} repositories in ${scratch}…\n`);
const repos = Array.from({ length: max }, (_, i) => makeRepo(i));

// --- the runs --------------------------------------------------------------------------
const rssFile = join(scratch, 'maxrss');
const hook = `data:text/javascript,${encodeURIComponent(`import{writeFileSync}from'node:fs';process.on('exit',()=>writeFileSync(${JSON.stringify(rssFile)},String(process.resourceUsage().maxRSS)))`)}`;

function once(n) {
  const dirs = repos.slice(0, n).map((r) => r.dir);
  const start = performance.now();
  const r = spawnSync(process.execPath, ['--import', hook, bin, 'doctor', '--json', ...dirs], { env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - start;
  let json;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    fail(`doctor over ${n} did not print JSON (exit ${r.status}): ${r.stderr.slice(0, 500)}`);
  }
  if (json.rows.length !== n) fail(`doctor over ${n} gave ${json.rows.length} rows`);
  const expected = { token: 0, migrated: 0, 'no-workflow': 0 };
  for (const repo of repos.slice(0, n)) expected[{ token: 'token', migrated: 'migrated', none: 'no-workflow' }[repo.kind]]++;
  for (const [status, count] of Object.entries(expected)) if (json.summary[status] !== count) fail(`doctor over ${n}: ${json.summary[status]} ${status}, expected ${count}`);
  return { ms, rssKiB: Number(readFileSync(rssFile, 'utf8')) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
once(sizes[0]); // warm the file cache
const results = sizes.map((n) => {
  const samples = Array.from({ length: runs }, () => once(n));
  return { repositories: n, runs, medianMs: Math.round(median(samples.map((s) => s.ms))), peakRssMiB: Math.round(Math.max(...samples.map((s) => s.rssKiB)) / 1024) };
});
rmSync(scratch, { recursive: true, force: true });

// --- the table ---------------------------------------------------------------------------
// Linear = a constant cost per added repository once the process has started: compare the
// marginal cost of the last step with the first.
const rows = results.map((r, i) => {
  const prev = results[i - 1];
  const marginal = prev ? (r.medianMs - prev.medianMs) / (r.repositories - prev.repositories) : null;
  return { ...r, msPerRepo: Number((r.medianMs / r.repositories).toFixed(1)), marginalMsPerRepo: marginal === null ? null : Number(marginal.toFixed(2)) };
});
console.log(`doctor DIR… over generated repositories (node ${process.version}, ${cpus().length} cores, load ${loadavg()[0].toFixed(2)}, ${runs} runs each)`);
console.log('repositories  median ms  ms/repository  ms per added repository  peak RSS MiB');
for (const r of rows) {
  console.log(`${String(r.repositories).padStart(12)}  ${String(r.medianMs).padStart(9)}  ${r.msPerRepo.toFixed(1).padStart(13)}  ${(r.marginalMsPerRepo === null ? '–' : r.marginalMsPerRepo.toFixed(2)).padStart(23)}  ${String(r.peakRssMiB).padStart(12)}`);
}
// A least-squares line through (repositories, median ms): linear scaling means the points
// sit on it (r² near 1); the slope is the cost of one more repository, the intercept start-up.
const xs = results.map((r) => r.repositories);
const ys = results.map((r) => r.medianMs);
const mean = (v) => v.reduce((a, b) => a + b, 0) / v.length;
const [mx, my] = [mean(xs), mean(ys)];
const slope = xs.reduce((a, x, i) => a + (x - mx) * (ys[i] - my), 0) / xs.reduce((a, x) => a + (x - mx) ** 2, 0);
const intercept = my - slope * mx;
const r2 = 1 - ys.reduce((a, y, i) => a + (y - (intercept + slope * xs[i])) ** 2, 0) / ys.reduce((a, y) => a + (y - my) ** 2, 0);
const growth = { slopeMsPerRepo: Number(slope.toFixed(2)), interceptMs: Math.round(intercept), r2: Number(r2.toFixed(3)) };
if (results.length >= 3) console.log(`least-squares line: ${growth.interceptMs} ms + ${growth.slopeMsPerRepo} ms per repository, r² = ${growth.r2}`);
mkdirSync(dirname(opt.out), { recursive: true });
writeFileSync(opt.out, JSON.stringify({ node: process.version, cores: cpus().length, load: loadavg()[0], runs, results: rows, growth }, null, 2) + '\n');
