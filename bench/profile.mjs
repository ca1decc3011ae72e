#!/usr/bin/env node
// Where start-up time goes: a CPU profile of one run, summed by package.
//
//   node bench/profile.mjs                 the interactive run, up to its first frame
//   node bench/profile.mjs --run yes       a whole --yes run (also: help, version, dry-run)
//   node bench/profile.mjs --top 25        more rows
//   node bench/profile.mjs --no-build      reuse the last profiling build
//   node bench/profile.mjs --timeline 10   also: what ran in each 10 ms slice of the run
//   node bench/profile.mjs --node-option=--import=/tmp/experiment.mjs   try a change without rebuilding
//
// It bundles src/ again with source maps into $TMPDIR/ctp-profile/dist, next to a copy of
// templates/ and outside the repository as an installed package is (the same esbuild
// options as scripts/build.mjs, plus sourcemap; keep them in step), runs
// that copy under `node --cpu-prof`, and maps every sample back to its source file, so
// minified chunks turn into "react-reconciler 31 ms, yoga-layout 24 ms, src/commands/create/ui 6 ms".
// The .cpuprofile is kept: open it in Chrome DevTools (Performance > Load profile) or
// https://www.speedscope.app for the flame chart.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: opt } = parseArgs({
  options: {
    run: { type: 'string', default: 'frame' },
    marker: { type: 'string', default: 'Enter continue' },
    top: { type: 'string', default: '15' },
    interval: { type: 'string', default: '100' },
    out: { type: 'string', default: join(root, 'bench', 'results', 'profiles') },
    'no-build': { type: 'boolean', default: false },
    'node-option': { type: 'string', multiple: true, default: [] },
    timeline: { type: 'string' },
  },
});
const TOP = Number(opt.top);
const RUNS = { help: ['--help'], version: ['--version'], 'dry-run': ['--dry-run', '--yes'], yes: ['--yes'], frame: [] };
if (!(opt.run in RUNS)) {
  console.error(`--run must be one of ${Object.keys(RUNS).join(', ')}`);
  process.exit(2);
}

// 1. A source-mapped copy of the bundle, laid out like the installed package (dist/ and
//    templates/ side by side) and away from the repo's node_modules.
const cacheDir = join(tmpdir(), 'ctp-profile');
const distDir = join(cacheDir, 'dist');
if (!opt['no-build']) {
  const { build } = await import('esbuild');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  rmSync(distDir, { recursive: true, force: true });
  // The published bundle's own options (scripts/build.mjs), plus source maps.
  const { bundleOptions } = await import('../scripts/build.mjs');
  await build({ ...bundleOptions(distDir), metafile: false, sourcemap: 'linked', sourcesContent: false });
  rmSync(join(cacheDir, 'templates'), { recursive: true, force: true });
  cpSync(join(root, 'templates'), join(cacheDir, 'templates'), { recursive: true });
}

// 2. One profiled run in a fresh repository.
const work = mkdtempSync(join(tmpdir(), 'ctp-profile-'));
const repo = join(work, 'repo');
mkdirSync(repo);
const env = {
  PATH: process.env.PATH,
  HOME: process.env.HOME ?? work,
  LANG: 'C.UTF-8',
  TERM: 'xterm-256color',
  BROWSER: 'none',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};
const git = (...args) => execFileSync('git', args, { cwd: repo, env, stdio: 'ignore' });
git('init', '-q', '-b', 'main');
writeFileSync(join(repo, 'package.json'), JSON.stringify({ name: '@acme/widget', version: '1.0.0' }, null, 2) + '\n');
git('remote', 'add', 'origin', 'git@github.com:acme/widget.git');

mkdirSync(opt.out, { recursive: true });
const profDir = mkdtempSync(join(work, 'prof-'));
const markFile = join(work, 'mark.json');
const nodeArgs = [
  ...opt['node-option'],
  '--cpu-prof',
  `--cpu-prof-dir=${profDir}`,
  `--cpu-prof-interval=${opt.interval}`,
  '--import',
  pathToFileURL(join(root, 'bench', 'exit-on-marker.mjs')).href,
  join(distDir, 'cli.js'),
  ...RUNS[opt.run],
];

const t0 = performance.now();
let wallMs;
if (opt.run === 'frame') {
  const answer = await ptyRun({
    cmd: [process.execPath, ...nodeArgs],
    cwd: repo,
    env: { ...env, CTP_EXIT_ON: opt.marker, CTP_MARK_FILE: markFile },
    marker: opt.marker,
    cols: 100,
    rows: 30,
    idleMs: 3000, // the preload exits the process by itself; wait for the profile to be written
    timeoutMs: 20000,
  });
  if (!answer.ok) {
    console.error(`profile: ${answer.error}\n${answer.tail ?? ''}`);
    process.exit(2);
  }
  wallMs = answer.ms;
} else {
  const r = spawnSync(process.execPath, nodeArgs, { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
  wallMs = performance.now() - t0;
  if (r.status !== 0) {
    console.error(`profile: exited with ${r.status}\n${r.stderr}`);
    process.exit(2);
  }
}
const profFile = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
if (!profFile) {
  console.error('profile: node wrote no .cpuprofile (did the process exit normally?)');
  process.exit(2);
}
const kept = join(opt.out, `${opt.run}.cpuprofile`);
writeFileSync(kept, readFileSync(join(profDir, profFile)));
const mark = existsSync(markFile) ? JSON.parse(readFileSync(markFile, 'utf8')) : undefined;
rmSync(work, { recursive: true, force: true });

// 3. Attribute every sample: source-mapped bundle code -> package or src/ directory;
//    node:internal -> Node; native frames -> whoever called them.
const profile = JSON.parse(readFileSync(kept, 'utf8'));
const maps = new Map();
function sourceMapFor(url) {
  if (!maps.has(url)) {
    let map = null;
    try {
      const file = fileURLToPath(url);
      if (existsSync(file + '.map')) map = new SourceMap(JSON.parse(readFileSync(file + '.map', 'utf8')));
    } catch {}
    maps.set(url, map);
  }
  return maps.get(url);
}
const distUrl = pathToFileURL(distDir).href + '/';
const NODE_AREAS = [
  [/^node:internal\/modules\//, 'node: module loader (resolve, compile, link ES modules)'],
  [/^node:internal\/(bootstrap|main)\//, 'node: bootstrap, compiling built-in modules'],
  [/child_process/, 'node: child_process'],
  [/^node:(internal\/)?(fs|url|path)/, 'node: fs/url/path'],
  [/^node:(internal\/)?(tty|net|stream|readline|streams)/, 'node: tty/streams'],
];
/** Where a frame's code comes from; null for native frames (charged to their caller). */
function origin(frame) {
  const { url, functionName, lineNumber, columnNumber } = frame;
  if (!url) {
    if (functionName === 'compileForInternalLoader') return { group: 'node: loading built-in modules' };
    if (/^\((program|garbage collector|idle|root)\)$/.test(functionName)) return { group: functionName };
    return null;
  }
  if (url.startsWith('node:')) {
    const area = NODE_AREAS.find(([re]) => re.test(url));
    return { group: area ? area[1] : 'node: other built-ins', node: true };
  }
  if (url.startsWith(distUrl)) {
    const file = fileURLToPath(url);
    const entry = sourceMapFor(url)?.findEntry(lineNumber, columnNumber);
    const source = entry?.originalSource;
    if (source) {
      const abs = source.startsWith('file:') ? fileURLToPath(source) : join(dirname(file), source);
      const path = relative(root, abs).split('\\').join('/');
      const m = /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path);
      const group = m ? m[1] : path.startsWith('src/') ? path.split('/').slice(0, path.split('/').length > 3 ? 3 : 2).join('/') : path;
      return { group, where: `${path}:${(entry.originalLine ?? 0) + 1}`, bundle: true };
    }
    // The module function of a whole chunk: top-level code of every module in it.
    return { group: `top-level evaluation of dist/${relative(distDir, file)}`, bundle: true, topLevel: true };
  }
  if (url.includes('/bench/')) return { group: '(profiling preload)' };
  return { group: url };
}
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const resolved = new Map();
function resolveNode(id) {
  if (resolved.has(id)) return resolved.get(id);
  const n = byId.get(id);
  let o = origin(n.callFrame);
  if (!o) {
    const p = parent.get(id);
    o = p ? { ...resolveNode(p), native: n.callFrame.functionName } : { group: '(native)' };
  }
  resolved.set(id, o);
  return o;
}
/** The nearest bundle frame at or above a node: who in our bundle caused this work. */
const owners = new Map();
function ownerOf(id) {
  if (owners.has(id)) return owners.get(id);
  const o = resolveNode(id);
  let owner;
  if (o.bundle && !o.native) owner = o.group;
  else {
    const p = parent.get(id);
    owner = p ? ownerOf(p) : '(no bundle code on the stack: Node start-up, loading modules, idle)';
  }
  owners.set(id, owner);
  return owner;
}
const selfUs = new Map();
const ownerUs = new Map();
const fnUs = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const dt = profile.timeDeltas[i + 1] ?? 0; // the time until the next sample belongs to this one
  const id = profile.samples[i];
  const o = resolveNode(id);
  selfUs.set(o.group, (selfUs.get(o.group) ?? 0) + dt);
  const owner = ownerOf(id);
  ownerUs.set(owner, (ownerUs.get(owner) ?? 0) + dt);
  const n = byId.get(id).callFrame;
  const key = `${n.functionName || '(anonymous)'}  ${o.native ? `[native, in ${o.where ?? o.group}]` : (o.where ?? o.group)}`;
  fnUs.set(key, (fnUs.get(key) ?? 0) + dt);
}
// A chunk's top-level code is one function covering every module in it; positionTicks say
// on which (generated) line the samples fell, and the source map which packages each line holds.
const nodeSelf = new Map();
for (let i = 0; i < profile.samples.length; i++) nodeSelf.set(profile.samples[i], (nodeSelf.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
const lineCache = new Map();
function packagesOnLine(url, line) {
  const key = `${url}:${line}`;
  if (!lineCache.has(key)) {
    const file = fileURLToPath(url);
    const text = readFileSync(file, 'utf8').split('\n')[line] ?? '';
    const map = sourceMapFor(url);
    const found = new Set();
    for (let col = 0; map && col < text.length; col += 200) {
      const src = map.findEntry(line, col)?.originalSource;
      if (!src) continue;
      const path = relative(root, src.startsWith('file:') ? fileURLToPath(src) : join(dirname(file), src)).split('\\').join('/');
      const m = /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path);
      found.add(m ? m[1] : path.split('/').slice(0, 2).join('/'));
    }
    lineCache.set(key, [...found]);
  }
  return lineCache.get(key);
}
for (const n of profile.nodes) {
  const o = resolveNode(n.id);
  const self = nodeSelf.get(n.id) ?? 0;
  if (!o.topLevel || o.native || !self || !n.positionTicks?.length) continue;
  const ticks = n.positionTicks.reduce((a, t) => a + t.ticks, 0);
  for (const map of [selfUs, ownerUs]) map.set(o.group, (map.get(o.group) ?? 0) - self);
  for (const t of n.positionTicks) {
    const pkgs = packagesOnLine(n.callFrame.url, t.line - 1);
    const label = `${pkgs.length === 1 ? pkgs[0] : pkgs.length ? pkgs.join(' | ') : '(unmapped)'} (top-level code)`;
    for (const map of [selfUs, ownerUs]) map.set(label, (map.get(label) ?? 0) + (self * t.ticks) / ticks);
  }
  for (const map of [selfUs, ownerUs]) if (Math.abs(map.get(o.group)) < 1) map.delete(o.group);
}
const totalUs = profile.endTime - profile.startTime;
const ms = (us) => (us / 1000).toFixed(1).padStart(7);
const pct = (us) => `${((100 * us) / totalUs).toFixed(0).padStart(3)}%`;

console.log(`Profile of ${opt.run === 'frame' ? `the interactive run up to "${opt.marker}"` : `--${opt.run}`} (source-mapped copy of the bundle, Node ${process.version})`);
if (mark) {
  console.log(
    `  in-process clock: Node bootstrap done ${mark.bootstrapCompleteMs.toFixed(1)} ms, ` +
      `first frame written ${mark.markerMs.toFixed(1)} ms after process start; wall clock from spawn ${wallMs.toFixed(1)} ms (profiling adds overhead)`,
  );
} else {
  console.log(`  wall clock from spawn ${wallMs.toFixed(1)} ms (profiling adds overhead)`);
}
console.log(`  profiled span ${(totalUs / 1000).toFixed(1)} ms; self time by origin (native calls charged to their caller):`);
for (const [group, us] of [...selfUs].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`  ${ms(us)} ms ${pct(us)}  ${group}`);
console.log(`\n  the same time charged to the nearest bundle code on the stack (what caused it, built-ins included):`);
for (const [group, us] of [...ownerUs].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`  ${ms(us)} ms ${pct(us)}  ${group}`);
console.log(`\n  top functions by self time:`);
for (const [key, us] of [...fnUs].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`  ${ms(us)} ms  ${key}`);
if (opt.timeline) {
  const slice = Number(opt.timeline) * 1000;
  console.log(`\n  timeline (ms since the profile started; top 3 per ${opt.timeline} ms slice, by nearest bundle code):`);
  const buckets = new Map();
  let t = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    const b = Math.floor(t / slice);
    const o = resolveNode(profile.samples[i]);
    const label = o.group.startsWith('(') || o.group.startsWith('node:') ? o.group : ownerOf(profile.samples[i]);
    if (!buckets.has(b)) buckets.set(b, new Map());
    const m = buckets.get(b);
    m.set(label, (m.get(label) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  }
  for (const [b, m] of [...buckets].sort((x, y) => x[0] - y[0])) {
    const top = [...m].sort((x, y) => y[1] - x[1]).slice(0, 3).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`);
    console.log(`  ${String((b * slice) / 1000).padStart(5)}  ${top.join(', ')}`);
  }
}
console.log(`\n  profile: ${relative(process.cwd(), kept)} (Chrome DevTools > Performance > Load profile, or speedscope.app)`);

// The pseudo-terminal driver, as bench/run.mjs uses it.
function ptyRun(req) {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', [join(root, 'bench', 'pty-driver.py')], { stdio: ['pipe', 'pipe', 'inherit'] });
    createInterface({ input: child.stdout }).once('line', (line) => {
      child.stdin.end();
      resolve(JSON.parse(line));
    });
    child.on('error', reject);
    child.stdin.write(JSON.stringify(req) + '\n');
  });
}
