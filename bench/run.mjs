#!/usr/bin/env node
// Start-up benchmark: create-trusted-publish against a pinned create-vite, side by side.
// See bench/README.md. Plain Node ESM: needs only `npm run build` and the devDependencies.
//
//   node bench/run.mjs              full run (N=30), table + bench/results/latest.json
//   node bench/run.mjs --smoke      3 runs of everything: checks the harness works
//   node bench/run.mjs --check      exit 1 when a target is missed (never in --smoke)
//   node bench/run.mjs --help       all options
//
// Exit codes: 0 ran (targets are reported, not enforced, unless --check);
// 1 a target was missed under --check; 2 the harness itself broke (a command failed,
// a marker never appeared, a tool is missing). Smoke mode never fails on a ratio.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(root, 'bench');

// ---------------------------------------------------------------------------------------
// Options

const { values: opt } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    check: { type: 'boolean', default: false },
    runs: { type: 'string' },
    warmup: { type: 'string' },
    'memory-runs': { type: 'string' },
    'idle-ms': { type: 'string' },
    marker: { type: 'string', default: 'Enter continue' },
    'vite-marker': { type: 'string', default: 'Project name' },
    pty: { type: 'string', default: 'auto' },
    cols: { type: 'string', default: '100' },
    rows: { type: 'string', default: '30' },
    only: { type: 'string' },
    aa: { type: 'boolean', default: false },
    'in-place': { type: 'boolean', default: false },
    'node-option': { type: 'string', multiple: true, default: [] },
    env: { type: 'string', multiple: true, default: [] },
    keep: { type: 'boolean', default: false },
    out: { type: 'string', default: join(benchDir, 'results', 'latest.json') },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});

if (opt.help) {
  console.log(`node bench/run.mjs [options]   (after npm run build; or: npm run bench -- [options])

  --smoke             few iterations (3), never judges the ratios: CI checks the harness runs
  --check             exit 1 if a target is missed (ignored with --smoke)
  --runs N            measured runs per command (default 30; smoke 3)
  --warmup N          unmeasured warm-up rounds (default 3; smoke 1)
  --memory-runs N     interactive runs for peak memory (default 5; smoke 1)
  --idle-ms MS        how long the wizard idles after its first frame before memory is read (default 1000; smoke 300)
  --marker TEXT       text that marks our first interactive frame (default "Enter continue": the key hint, drawn once keys are read)
  --vite-marker TEXT  text that marks create-vite's first prompt (default "Project name")
  --pty python|script pseudo-terminal driver: bench/pty-driver.py (default when python3 exists) or util-linux script(1)
  --cols N --rows N   terminal size for the interactive runs (default 100x30)
  --only LIST         comma list of sections: startup,frame,memory,modules,size (default all)
  --in-place          run bin/ and dist/ of this checkout instead of the packed tarball installed in a temp dir
                      (faster to iterate; but modules may then resolve from the repo's node_modules)
  --node-option OPT   extra node option for our runs only, repeatable (experiments: --node-option=--import=./x.mjs)
  --env KEY=VALUE     extra environment for our runs only, repeatable (experiments: --env NODE_COMPILE_CACHE=/tmp/cc)
  --aa                A/A run: measure create-vite against itself in "our" place, to see the harness noise
  --keep              keep the temporary repositories
  --out FILE          where to write the JSON results (default bench/results/latest.json)`);
  process.exit(0);
}

const smoke = opt.smoke;
const int = (v, d) => (v === undefined ? d : Math.max(0, Number.parseInt(v, 10)));
const RUNS = Math.max(1, int(opt.runs, smoke ? 3 : 30));
const WARMUP = int(opt.warmup, smoke ? 1 : 3);
const MEMORY_RUNS = Math.max(1, int(opt['memory-runs'], smoke ? 1 : 5));
const IDLE_MS = int(opt['idle-ms'], smoke ? 300 : 1000);
const COLS = int(opt.cols, 100);
const ROWS = int(opt.rows, 30);
const SECTIONS = new Set((opt.only ?? 'startup,frame,memory,modules,size').split(',').map((s) => s.trim()));
// A/A compares create-vite with itself: our size and module loads mean nothing there.
if (opt.aa) SECTIONS.delete('size'), SECTIONS.delete('modules');

// The targets of issue 4.
const TARGET = {
  startupRatio: 1.3, // --help, --version, --dry-run, --yes vs create-vite --help (medians)
  frameRatio: 2.5, // our first frame vs create-vite's first prompt (medians)
  peakRssMiB: 80, // interactive run, max over runs
};
// Packages that must stay out of --help, --version, --dry-run and --yes.
const UI_PACKAGE = /^(ink|react|react-reconciler|react-dom|scheduler|yoga-layout|@inquirer\/.+|ink-.+)$/;

class HarnessError extends Error {}

// ---------------------------------------------------------------------------------------
// The two tools

const node = process.execPath;
const ourPkg = readJson(join(root, 'package.json'));
const viteDir = join(root, 'node_modules', 'create-vite');
const vitePinned = ourPkg.devDependencies?.['create-vite'];
if (!existsSync(join(viteDir, 'package.json'))) {
  fail(`create-vite is not installed in node_modules: run npm install (it is a pinned devDependency).`);
}
const vitePkg = readJson(join(viteDir, 'package.json'));
const viteBin = join(viteDir, typeof vitePkg.bin === 'string' ? vitePkg.bin : vitePkg.bin['create-vite']);
const ourBin = join(root, ourPkg.bin['create-trusted-publish']);
if (!opt.aa && !existsSync(join(root, 'dist', 'cli.js'))) {
  fail('dist/cli.js is missing: run npm run build first (npm run bench does).');
}

const vite = { name: 'create-vite', version: vitePkg.version, bin: viteBin, marker: opt['vite-marker'] };
const ours = opt.aa
  ? { name: 'create-vite (A/A)', version: vitePkg.version, bin: viteBin, marker: opt['vite-marker'], aa: true }
  : { name: 'create-trusted-publish', version: ourPkg.version, bin: ourBin, dist: join(root, 'dist'), marker: opt.marker };

// A small, fixed environment: no CI variables (Ink and create-vite both change behaviour
// in CI), no colour forcing, no user NODE_OPTIONS, no global git config.
const baseEnv = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: process.env.HOME ?? tmpdir(),
  TMPDIR: process.env.TMPDIR ?? tmpdir(),
  LANG: 'C.UTF-8',
  BROWSER: 'none',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
};
const ttyEnv = { ...baseEnv, TERM: 'xterm-256color' };
// Experiments (--node-option, --env) change our runs only, never create-vite's.
const oursNodeOptions = opt['node-option'];
const oursEnv = Object.fromEntries(
  opt.env.map((kv) => {
    const i = kv.indexOf('=');
    if (i < 1) fail(`--env needs KEY=VALUE, not ${kv}`);
    return [kv.slice(0, i), kv.slice(i + 1)];
  }),
);
const envFor = (tool, env) => (tool === ours ? { ...env, ...oursEnv } : env);
const optionsFor = (tool) => (tool === ours ? oursNodeOptions : []);

// ---------------------------------------------------------------------------------------
// Helpers

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}

function shuffle(list) {
  const a = [...list];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  return { n: s.length, median: median(s), p90: q(0.9), min: s[0], max: s.at(-1), mean };
}

function median(sorted) {
  const m = sorted.length >> 1;
  return sorted.length % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
}

const tmpRoot = mkdtempSync(join(tmpdir(), 'ctp-bench-'));
let repoCount = 0;

/** A fresh repository as a user would run us in: package.json and a GitHub remote, no commit. */
function makeRepo() {
  const dir = join(tmpRoot, `repo-${++repoCount}`);
  mkdirSync(dir);
  const git = (...args) => execFileSync('git', args, { cwd: dir, env: baseEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '-q', '-b', 'main');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: '@acme/widget', version: '1.0.0' }, null, 2) + '\n');
  git('remote', 'add', 'origin', 'git@github.com:acme/widget.git');
  return dir;
}

/** An empty directory (create-vite asks for a project name before it writes anything). */
function makeEmptyDir() {
  const dir = join(tmpRoot, `empty-${++repoCount}`);
  mkdirSync(dir);
  return dir;
}

function tail(text, n = 1200) {
  const t = String(text ?? '').trim();
  return t.length > n ? '…' + t.slice(-n) : t;
}

// ---------------------------------------------------------------------------------------
// Start-up: wall clock from spawn to exit, stdout and stderr piped, stdin /dev/null.

function startupCommands() {
  const list = [
    { id: 'vite-help', tool: vite, label: '--help', args: ['--help'], cwd: () => makeEmptyDir(), baseline: true },
    { id: 'help', tool: ours, label: '--help', args: ['--help'], cwd: () => makeEmptyDir() },
  ];
  if (ours.aa) return list; // create-vite has no --version worth timing
  list.push({ id: 'version', tool: ours, label: '--version', args: ['--version'], cwd: () => makeEmptyDir() });
  list.push(
    { id: 'dry-run', tool: ours, label: '--dry-run --yes', args: ['--dry-run', '--yes'], cwd: makeRepo },
    { id: 'yes', tool: ours, label: '--yes', args: ['--yes'], cwd: makeRepo, writes: true },
  );
  return list;
}

function runOnce(cmd, cwd, extraArgs = [], env = baseEnv) {
  const argv = [...optionsFor(cmd.tool), ...extraArgs, cmd.tool.bin, ...cmd.args];
  env = envFor(cmd.tool, env);
  const t0 = performance.now();
  const r = spawnSync(node, argv, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20, timeout: 60_000 });
  const ms = performance.now() - t0;
  if (r.error) throw new HarnessError(`${cmd.tool.name} ${cmd.label}: ${r.error.message}`);
  if (r.status !== 0) {
    throw new HarnessError(
      `${cmd.tool.name} ${cmd.label} exited with ${r.status ?? r.signal} in ${cwd}\n${tail(r.stderr) || tail(r.stdout)}`,
    );
  }
  return { ms, stdout: r.stdout.toString() };
}

function validate(cmd, cwd, stdout) {
  if (cmd.args[0] === '--help' && !/usage/i.test(stdout)) throw new HarnessError(`${cmd.tool.name} --help printed no usage:\n${tail(stdout)}`);
  if (cmd.args[0] === '--version' && !stdout.includes(cmd.tool.version)) {
    throw new HarnessError(`${cmd.tool.name} --version printed ${JSON.stringify(stdout.trim())}, not ${cmd.tool.version}`);
  }
  if (cmd.writes && !existsSync(join(cwd, '.github', 'workflows'))) {
    throw new HarnessError(`${cmd.tool.name} ${cmd.label} exited 0 but wrote no workflow in ${cwd}:\n${tail(stdout)}`);
  }
  if (cmd.id === 'dry-run' && existsSync(join(cwd, '.github'))) {
    throw new HarnessError(`${cmd.tool.name} --dry-run wrote .github/ in ${cwd}`);
  }
}

function benchStartup() {
  const commands = startupCommands();
  const samples = Object.fromEntries(commands.map((c) => [c.id, []]));
  const rounds = WARMUP + RUNS;
  // Directories first, so that making them never lands between two timed runs.
  const dirs = Array.from({ length: rounds }, () => Object.fromEntries(commands.map((c) => [c.id, c.cwd()])));
  for (let round = 0; round < rounds; round++) {
    for (const cmd of shuffle(commands)) {
      const cwd = dirs[round][cmd.id];
      const { ms, stdout } = runOnce(cmd, cwd);
      if (round === 0) validate(cmd, cwd, stdout);
      if (round >= WARMUP) samples[cmd.id].push(ms);
    }
    progress(`startup ${round + 1}/${rounds}`);
  }
  const base = stats(samples['vite-help']);
  return commands.map((c) => {
    const s = stats(samples[c.id]);
    const row = { id: c.id, tool: c.tool.name, command: c.label, ...s };
    if (!c.baseline) {
      row.ratio = s.median / base.median;
      row.target = TARGET.startupRatio;
      row.pass = row.ratio <= TARGET.startupRatio;
    }
    return row;
  });
}

// ---------------------------------------------------------------------------------------
// Pseudo-terminal: the same driver for both tools.

function hasPython() {
  const r = spawnSync('python3', ['-c', 'import pty, termios, fcntl, select'], { stdio: 'ignore' });
  return r.status === 0;
}

function hasScript() {
  const r = spawnSync('script', ['--version'], { stdio: 'ignore' });
  return r.status === 0;
}

function choosePty() {
  const want = opt.pty;
  if (want === 'python' || (want === 'auto' && hasPython())) return pythonPty();
  if (want === 'script' || want === 'auto') {
    if (!hasScript()) fail('neither python3 nor script(1) (util-linux) is available for the pseudo-terminal runs.');
    return scriptPty();
  }
  fail(`--pty must be python, script or auto, not ${want}`);
}

/** bench/pty-driver.py, started once: it times fork -> marker itself. */
function pythonPty() {
  const child = spawn('python3', [join(benchDir, 'pty-driver.py')], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const waiting = [];
  lines.on('line', (line) => waiting.shift()?.resolve(JSON.parse(line)));
  child.on('exit', (code) => {
    for (const w of waiting.splice(0)) w.reject(new HarnessError(`pty-driver.py exited (${code})`));
  });
  return {
    name: 'python3 bench/pty-driver.py',
    run(req) {
      return new Promise((resolve, reject) => {
        waiting.push({ resolve, reject });
        child.stdin.write(JSON.stringify(req) + '\n');
      });
    },
    close() {
      child.stdin.end();
    },
  };
}

const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]|\x1b[()][0-9A-Za-z]/g;
const shq = (s) => `'${String(s).replaceAll("'", `'\\''`)}'`;

function procStatus(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(text)?.[1]) || null;
    return { hwmKiB: kib('VmHWM'), rssKiB: kib('VmRSS') };
  } catch {
    return { hwmKiB: null, rssKiB: null };
  }
}

/** util-linux script(1): the clock also covers starting script, sh and stty (same for both tools). */
function scriptPty() {
  return {
    name: 'script(1) -qfec',
    run(req) {
      return new Promise((resolve) => {
        const inner = `stty cols ${req.cols} rows ${req.rows} 2>/dev/null; exec ${req.cmd.map(shq).join(' ')}`;
        const t0 = performance.now();
        const child = spawn('script', ['-qfec', inner, '/dev/null'], {
          cwd: req.cwd,
          env: { ...req.env, SHELL: '/bin/sh' },
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        let buf = '';
        let foundMs = null;
        let done = false;
        const finish = (answer) => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          const pid = grandchild(child.pid);
          const mem = answer.ok && pid ? procStatus(pid) : {};
          if (pid) try { process.kill(pid, 'SIGKILL'); } catch {}
          try { child.kill('SIGKILL'); } catch {}
          child.once('close', () => resolve({ ...answer, ...mem, pid }));
          if (child.exitCode !== null || child.signalCode !== null) resolve({ ...answer, ...mem, pid });
        };
        const timer = setTimeout(
          () => finish({ ok: false, error: `marker ${JSON.stringify(req.marker)} not seen (timed out)`, tail: tail(buf.replace(ANSI, '')) }),
          req.timeoutMs,
        );
        child.stdout.on('data', (data) => {
          if (foundMs !== null) return;
          if (data.includes('\x1b[6n')) child.stdin.write('\x1b[1;1R');
          buf += data.toString('utf8');
          if (buf.replace(ANSI, '').includes(req.marker)) {
            foundMs = performance.now() - t0;
            setTimeout(() => finish({ ok: true, ms: foundMs }), req.idleMs);
          }
        });
        child.on('exit', (code) => {
          if (foundMs === null) finish({ ok: false, error: `marker ${JSON.stringify(req.marker)} not seen (exited with ${code})`, tail: tail(buf.replace(ANSI, '')) });
        });
      });
    },
    close() {},
  };
}

function grandchild(pid) {
  try {
    const kids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    return kids.length ? Number(kids[0]) : null;
  } catch {
    return null;
  }
}

async function firstFrame(pty, tool, { idleMs = 0, extraArgs = [], env = ttyEnv } = {}) {
  const cwd = tool === vite || tool.aa ? makeEmptyDir() : makeRepo();
  const answer = await pty.run({
    cmd: [node, ...optionsFor(tool), ...extraArgs, tool.bin],
    cwd,
    env: envFor(tool, env),
    marker: tool.marker,
    cols: COLS,
    rows: ROWS,
    idleMs,
    timeoutMs: 20_000,
  });
  if (!answer.ok) {
    throw new HarnessError(`${tool.name} (in a pseudo-terminal, ${cwd}): ${answer.error}\n--- screen ---\n${answer.tail ?? ''}`);
  }
  return answer;
}

async function benchFrame(pty) {
  const samples = { vite: [], ours: [] };
  const rounds = WARMUP + RUNS;
  for (let round = 0; round < rounds; round++) {
    for (const which of shuffle(['vite', 'ours'])) {
      const { ms } = await firstFrame(pty, which === 'vite' ? vite : ours);
      if (round >= WARMUP) samples[which].push(ms);
    }
    progress(`first frame ${round + 1}/${rounds}`);
  }
  const base = stats(samples.vite);
  const mine = stats(samples.ours);
  return [
    { id: 'vite-frame', tool: vite.name, command: `first prompt "${vite.marker}"`, ...base },
    {
      id: 'frame',
      tool: ours.name,
      command: `first frame "${ours.marker}"`,
      ...mine,
      ratio: mine.median / base.median,
      target: TARGET.frameRatio,
      pass: mine.median / base.median <= TARGET.frameRatio,
    },
  ];
}

async function benchMemory(pty) {
  const hwm = { vite: [], ours: [] };
  for (let i = 0; i < MEMORY_RUNS; i++) {
    for (const which of shuffle(['vite', 'ours'])) {
      const a = await firstFrame(pty, which === 'vite' ? vite : ours, { idleMs: IDLE_MS });
      if (a.hwmKiB == null) throw new HarnessError(`could not read VmHWM of ${which} (pid ${a.pid}) from /proc`);
      hwm[which].push(a.hwmKiB / 1024);
    }
    progress(`memory ${i + 1}/${MEMORY_RUNS}`);
  }
  const peak = Math.max(...hwm.ours);
  return {
    idleMs: IDLE_MS,
    runs: MEMORY_RUNS,
    viteMiB: stats(hwm.vite),
    oursMiB: stats(hwm.ours),
    peakMiB: peak,
    target: TARGET.peakRssMiB,
    pass: peak <= TARGET.peakRssMiB,
  };
}

// ---------------------------------------------------------------------------------------
// Which modules load: a resolve hook (bench/trace-imports.mjs) logs every URL.

/** dist file (relative, posix) -> packages in it, from esbuild's metafile or from signatures. */
function chunkPackages() {
  const distFiles = listFiles(join(root, 'dist')).filter((f) => f.endsWith('.js')).map((f) => 'dist/' + f);
  const candidates = [
    process.env.CTP_METAFILE,
    join(root, 'node_modules', '.cache', 'create-trusted-publish', 'meta.json'),
    join(root, 'dist', 'meta.json'),
  ].filter(Boolean);
  for (const path of candidates) {
    if (!existsSync(path)) continue;
    const meta = readJson(path);
    const outputs = meta.outputs ?? {};
    if (!distFiles.every((f) => outputs[f])) {
      warn(`${relative(root, path)} does not describe the current dist/ (stale?): using signatures instead.`);
      break;
    }
    const map = {};
    const bytes = {};
    for (const f of distFiles) {
      const pkgs = new Set();
      for (const [input, info] of Object.entries(outputs[f].inputs ?? {})) {
        const name = packageOf(input);
        pkgs.add(name);
        bytes[name] = (bytes[name] ?? 0) + (info.bytesInOutput ?? 0);
      }
      map[f] = [...pkgs].sort();
    }
    return { source: relative(root, path), map, bytesInOutput: bytes };
  }
  // No metafile: recognise the UI packages by strings that survive minification.
  const signatures = [
    ['react', /Symbol\.for\(["'`]react\.(?:transitional\.)?element["'`]\)/],
    ['ink', /Raw mode is not supported/],
    // The build takes yoga's WebAssembly out to this file; the loader that reads it stays.
    ['yoga-layout', /yoga-layout\.wasm\.br/],
    ['@inquirer/core', /User force closed the prompt/],
  ];
  const map = {};
  for (const f of distFiles) {
    const text = readFileSync(join(root, f), 'utf8');
    map[f] = signatures.filter(([, re]) => re.test(text)).map(([name]) => name);
  }
  return { source: 'signatures (no metafile: see bench/README.md)', map };
}

function packageOf(input) {
  const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (m) return m[1];
  if (input.startsWith('src/')) return '(src)';
  return input;
}

function listFiles(dir, prefix = '') {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(join(dir, entry.name), rel));
    else out.push(rel);
  }
  return out;
}

async function benchModules(pty) {
  const chunks = chunkPackages();
  const hook = pathToFileURL(join(benchDir, 'trace-imports.mjs')).href;
  const distUrl = pathToFileURL(ours.dist).href + '/';
  const rows = [];
  const pkgUrl = pathToFileURL(dirname(ours.dist)).href + '/';
  const read = (file) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => l.split('\t').at(-1)) : []);
  const describe = (id, command, file, mustAvoidUi) => {
    const urls = read(file);
    const files = urls.filter((u) => u.startsWith(distUrl)).map((u) => 'dist/' + u.slice(distUrl.length));
    // Code from outside the package (a repo's node_modules when run --in-place): a hidden dependency.
    const outside = urls.filter(
      (u) => u.startsWith('file:') && (!u.startsWith(pkgUrl) || u.startsWith(pkgUrl + 'node_modules/')) && !u.includes('/bench/'),
    );
    const unresolved = urls.filter((u) => u.startsWith('!')).map((u) => u.slice(1));
    const pkgs = [...new Set(files.flatMap((f) => chunks.map[f] ?? []))].sort();
    const ui = pkgs.filter((p) => UI_PACKAGE.test(p));
    const row = { id, command, files, packages: pkgs, uiPackages: ui, outside, unresolved };
    if (mustAvoidUi) row.pass = ui.length === 0;
    rows.push(row);
  };
  for (const cmd of startupCommands().filter((c) => c.tool === ours)) {
    const file = join(tmpRoot, `trace-${cmd.id}.txt`);
    runOnce(cmd, cmd.cwd(), ['--import', hook], { ...baseEnv, CTP_TRACE_IMPORTS: file });
    describe(cmd.id, cmd.label, file, true);
  }
  if (pty && !ours.aa) {
    const file = join(tmpRoot, 'trace-interactive.txt');
    try {
      await firstFrame(pty, ours, { extraArgs: ['--import', hook], env: { ...ttyEnv, CTP_TRACE_IMPORTS: file } });
      describe('interactive', '(interactive, first frame)', file, false);
    } catch (error) {
      if (!(error instanceof HarnessError)) throw error;
      harnessError('modules', error.message); // keep the non-interactive rows
    }
  }
  return { chunkSource: chunks.source, chunks: chunks.map, bytesInOutput: chunks.bytesInOutput, commands: rows };
}

// ---------------------------------------------------------------------------------------
// What users run: the tarball `npm pack` makes, unpacked outside the repository (as npx
// does), so nothing can resolve from the repo's node_modules by accident. create-vite has
// no dependencies: node_modules/create-vite is exactly its tarball.

function npmCommand() {
  const execpath = process.env.npm_execpath;
  if (execpath && /\.(c|m)?js$/.test(execpath)) return [node, [execpath]];
  return ['npm', []];
}

let packInfo;
function npmPack(dryRun) {
  const [cmd, pre] = npmCommand();
  const args = [...pre, 'pack', '--json', '--ignore-scripts'];
  if (dryRun) args.push('--dry-run');
  else args.push('--pack-destination', tmpRoot);
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'error' } });
  if (r.status !== 0) throw new HarnessError(`npm ${args.slice(pre.length).join(' ')} failed:\n${tail(r.stderr)}`);
  return JSON.parse(r.stdout)[0];
}

function installPacked() {
  packInfo = npmPack(false);
  const dir = join(tmpRoot, 'installed');
  mkdirSync(dir);
  const r = spawnSync('tar', ['-xzf', join(tmpRoot, packInfo.filename), '-C', dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new HarnessError(`could not unpack ${packInfo.filename}: ${r.stderr}`);
  const pkgDir = join(dir, 'package');
  ours.bin = join(pkgDir, ourPkg.bin['create-trusted-publish']);
  ours.dist = join(pkgDir, 'dist');
  ours.installedFrom = packInfo.filename;
}

// ---------------------------------------------------------------------------------------
// Sizes: our tarball against create-vite's published files, read offline from
// node_modules (npm's unpackedSize is the sum of the files' sizes).

function benchSize() {
  const pack = packInfo ?? npmPack(true);
  const viteFiles = listFiles(viteDir);
  const viteUnpacked = viteFiles.reduce((sum, f) => sum + statSync(join(viteDir, f)).size, 0);
  return {
    ours: { packed: pack.size, unpacked: pack.unpackedSize, files: pack.entryCount },
    vite: { unpacked: viteUnpacked, files: viteFiles.length },
    ratio: pack.unpackedSize / viteUnpacked,
    pass: pack.unpackedSize <= viteUnpacked,
  };
}

// ---------------------------------------------------------------------------------------
// Output

let lastProgress = 0;
function progress(text) {
  if (!process.stderr.isTTY) return;
  const now = Date.now();
  if (now - lastProgress < 100) return;
  lastProgress = now;
  process.stderr.write(`\r\x1b[K${text}`);
}
function clearProgress() {
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
}
const warnings = [];
function warn(text) {
  warnings.push(text);
}

const f1 = (n) => (n == null ? '—' : n.toFixed(1));
const f2 = (n) => (n == null ? '—' : n.toFixed(2));
const kB = (n) => (n == null ? '—' : `${(n / 1000).toFixed(1)} kB`);
const mark = (pass) => (pass === undefined ? '' : smoke ? (pass ? '(ok)' : '(over)') : pass ? 'PASS' : 'FAIL');

function table(rows, headers) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => '  ' + cells.map((c, i) => (i < 2 || i === cells.length - 1 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ').trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}

function report(r) {
  const out = [];
  out.push(
    `${ours.name} ${ours.version} vs ${vite.name} ${vite.version}` +
      ` | Node ${process.version} ${process.platform}-${process.arch} | ${r.machine.cpu} x${r.machine.cpus}` +
      ` | load ${r.machine.loadavg.map(f2).join(' ')}` +
      (smoke ? ' | SMOKE (few runs, ratios not judged)' : ''),
  );
  if (oursNodeOptions.length || Object.keys(oursEnv).length) {
    out.push(`EXPERIMENT: ours runs with ${[...oursNodeOptions, ...Object.entries(oursEnv).map(([k, v]) => `${k}=${v}`)].join(' ')}`);
  }
  out.push(
    ours.aa
      ? 'A/A: create-vite measured against itself; the ratios show the harness noise.'
      : ours.installedFrom
        ? `Ours runs from ${ours.installedFrom} (npm pack) unpacked in a temp dir, as npx would install it; create-vite from node_modules.`
        : 'Ours runs in place from this checkout (--in-place); create-vite from node_modules.',
  );
  if (r.startup) {
    out.push(`\nStart-up: ms from spawn to exit, ${RUNS} interleaved runs after ${WARMUP} warm-up round${WARMUP === 1 ? '' : 's'}; ratio = median / create-vite --help median`);
    out.push(
      table(
        r.startup.map((s) => [s.tool, s.command, f1(s.median), f1(s.p90), f1(s.min), s.ratio ? f2(s.ratio) + '×' : 'base', s.target ? `≤ ${s.target}×` : '', mark(s.pass)]),
        ['tool', 'command', 'median', 'p90', 'min', 'ratio', 'target', ''],
      ),
    );
  }
  if (r.frame) {
    out.push(`\nFirst frame: ms from fork to the marker on a ${COLS}x${ROWS} pseudo-terminal (${r.pty}), ${RUNS} interleaved runs`);
    out.push(
      table(
        r.frame.map((s) => [s.tool, s.command, f1(s.median), f1(s.p90), f1(s.min), s.ratio ? f2(s.ratio) + '×' : 'base', s.target ? `≤ ${s.target}×` : '', mark(s.pass)]),
        ['tool', 'command', 'median', 'p90', 'min', 'ratio', 'target', ''],
      ),
    );
  }
  if (r.memory) {
    const m = r.memory;
    out.push(`\nPeak memory (VmHWM): interactive run to the first frame, then ${m.idleMs} ms idle; ${m.runs} run${m.runs === 1 ? '' : 's'}`);
    out.push(
      table(
        [
          [vite.name, 'interactive', f1(m.viteMiB.median), f1(m.viteMiB.max), '', ''],
          [ours.name, 'interactive', f1(m.oursMiB.median), f1(m.oursMiB.max), `≤ ${m.target} MiB`, mark(m.pass)],
        ],
        ['tool', 'run', 'median MiB', 'max MiB', 'target', ''],
      ),
    );
  }
  if (r.size) {
    const s = r.size;
    out.push('\nInstalled size (unpacked, as npm reports it)');
    out.push(
      table(
        [
          [vite.name, `${s.vite.files} files`, kB(s.vite.unpacked), '—', 'base', '', ''],
          [ours.name, `${s.ours.files} files`, kB(s.ours.unpacked), kB(s.ours.packed), f2(s.ratio) + '×', '≤ 1×', mark(s.pass)],
        ],
        ['tool', 'files', 'unpacked', 'packed', 'ratio', 'target', ''],
      ),
    );
  }
  if (r.modules) {
    const m = r.modules;
    out.push(`\nModules loaded (dist files; packages per chunk from ${m.chunkSource})`);
    out.push(
      table(
        m.commands.map((c) => [
          c.command,
          `${c.files.length} file${c.files.length === 1 ? '' : 's'}`,
          c.uiPackages.length ? c.uiPackages.join(' ') : 'none',
          mark(c.pass),
        ]),
        ['command', 'loaded', 'React/Ink/Inquirer', ''],
      ),
    );
    for (const c of m.commands) {
      if (c.outside.length) out.push(`  ${c.command}: loaded code from OUTSIDE the package: ${c.outside.slice(0, 3).join(' ')}${c.outside.length > 3 ? ` (+${c.outside.length - 3})` : ''}`);
      if (c.unresolved.length) out.push(`  ${c.command}: tried and failed to load: ${[...new Set(c.unresolved)].join(', ')}`);
    }
    if (m.bytesInOutput) {
      const top = Object.entries(m.bytesInOutput).sort((a, b) => b[1] - a[1]).slice(0, 10);
      out.push('  largest in the bundle: ' + top.map(([p, b]) => `${p} ${kB(b)}`).join(', '));
    }
  }
  for (const w of warnings) out.push(`\nnote: ${w}`);
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------
// Main

const results = {
  date: new Date().toISOString(),
  smoke,
  aa: opt.aa,
  runs: RUNS,
  warmup: WARMUP,
  tools: { ours: { name: ours.name, version: ours.version }, vite: { name: vite.name, version: vite.version, pinned: vitePinned ?? null } },
  node: process.version,
  machine: { cpu: cpus()[0]?.model?.trim() ?? '?', cpus: cpus().length, memMiB: Math.round(totalmem() / 2 ** 20), loadavg: loadavg() },
  targets: TARGET,
};
if (vitePinned && vitePinned !== vitePkg.version) warn(`package.json pins create-vite ${vitePinned} but node_modules has ${vitePkg.version}: run npm install.`);
if (!smoke && RUNS < 10) warn(`only ${RUNS} runs: medians are rough.`);

let pty;
let status = 0;
const errors = [];
function harnessError(name, message) {
  clearProgress();
  errors.push({ section: name, message });
  console.error(`bench: ${name}: the harness could not measure:\n${message}\n`);
  status = 2;
}
/** Runs one section; a broken section is reported and the others still run. */
async function section(name, fn) {
  if (name !== 'install' && !SECTIONS.has(name)) return;
  try {
    results[name] = await fn();
  } catch (error) {
    harnessError(name, error instanceof HarnessError ? error.message : (error?.stack ?? String(error)));
  }
}
try {
  if (SECTIONS.has('frame') || SECTIONS.has('memory') || SECTIONS.has('modules')) {
    pty = choosePty();
    results.pty = pty.name;
  }
  if (!opt.aa && !opt['in-place']) await section('install', installPacked);
  results.tools.ours.bin = ours.bin;
  results.experiment = { nodeOptions: oursNodeOptions, env: oursEnv };
  if (errors.length === 0) {
    await section('size', benchSize);
    await section('modules', () => benchModules(pty));
    await section('startup', benchStartup);
    await section('frame', () => benchFrame(pty));
    await section('memory', () => benchMemory(pty));
  }
} finally {
  pty?.close();
  if (!opt.keep) rmSync(tmpRoot, { recursive: true, force: true });
  else console.error(`bench: kept ${tmpRoot}`);
}

{
  clearProgress();
  const judged = [
    ...(results.startup ?? []).filter((s) => s.pass !== undefined).map((s) => s.pass),
    ...(results.frame ?? []).filter((s) => s.pass !== undefined).map((s) => s.pass),
    ...(results.memory ? [results.memory.pass] : []),
    ...(results.size ? [results.size.pass] : []),
    ...(results.modules?.commands ?? []).filter((c) => c.pass !== undefined).map((c) => c.pass),
  ];
  results.allPass = errors.length === 0 && judged.every(Boolean);
  results.errors = errors;
  results.warnings = warnings;
  mkdirSync(dirname(opt.out), { recursive: true });
  writeFileSync(opt.out, JSON.stringify(results, null, 2) + '\n');
  console.log(report(results));
  const verdict = errors.length
    ? `The harness broke in: ${errors.map((e) => e.section).join(', ')} (see above).`
    : results.allPass
      ? 'All targets met.'
      : smoke
        ? 'Smoke run: ratios not judged.'
        : 'Some targets missed.';
  console.log(`\n${verdict} Results: ${relative(process.cwd(), opt.out).split(sep).join('/')}`);
  if (opt.check && !smoke && !results.allPass && status === 0) status = 1;
}
process.exitCode = status;
