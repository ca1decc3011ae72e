// Large workflows (issue 12, point 8): `--migrate --dry-run` and `--migrate --force` on a
// token workflow of 0.5, 1, 2 and 11 MB, run as users run it (the built bin/), each in a
// fresh git repository. Prints wall time, CPU time and peak resident memory (VmHWM, from
// `/usr/bin/time -f %M`), the exit code and the first line of the refusal when there is one.
// GitHub does not run a workflow file over 512,000 bytes, so past that the tool refuses
// before parsing; the 0.5 MB case is the largest that is migrated.
// Not a test: figures only. Run after `npm run build`:
//   node bench/large-workflow.mjs                 # every size, 3 runs each (the median is shown)
//   node bench/large-workflow.mjs --runs 1 --sizes 0.5,2
// Needs GNU time at /usr/bin/time for the memory column (otherwise it shows "?").
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin/create-trusted-publish.js');
const { values: opt } = parseArgs({ options: { runs: { type: 'string', default: '3' }, sizes: { type: 'string', default: '0.5,1,2,11' } } });
const RUNS = Math.max(1, Number(opt.runs));
const SIZES = opt.sizes.split(',').map(Number);
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** A token publish workflow padded with ordinary jobs (steps with actions, env and scripts) to about `bytes`. */
export function largeWorkflow(bytes) {
  const parts = [
    'name: Release\non:\n  push:\n    tags: [\'v*\']\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n' +
      '      - uses: actions/checkout@v4\n      - uses: actions/setup-node@v4\n        with:\n          node-version: 22\n' +
      '          registry-url: https://registry.npmjs.org\n      - run: npm ci\n      - run: npm publish\n        env:\n' +
      '          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n',
  ];
  let size = parts[0].length;
  for (let i = 0; size < bytes; i++) {
    const job =
      `  check-${i}:\n    name: Check ${i}\n    runs-on: ubuntu-latest\n    env:\n      SHARD: ${i}\n    steps:\n` +
      `      - run: |\n          echo "shard $SHARD"\n          npm test -- --shard=${i}\n`;
    parts.push(job);
    size += job.length;
  }
  return parts.join('');
}

function repo(bytes) {
  const dir = mkdtempSync(join(tmpdir(), 'ctp-bench-large-'));
  mkdirSync(join(dir, '.github/workflows'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"name":"@acme/widget","version":"1.0.0","repository":"github:acme/widget"}\n');
  writeFileSync(join(dir, '.github/workflows/release.yml'), largeWorkflow(bytes));
  spawnSync('git', ['init', '-q'], { cwd: dir });
  spawnSync('git', ['remote', 'add', 'origin', 'git@github.com:acme/widget.git'], { cwd: dir });
  return dir;
}

function once(bytes, args) {
  const dir = repo(bytes);
  try {
    const command = TIME ? [TIME, '-f', '%e %U %S %M', process.execPath, BIN, ...args] : [process.execPath, BIN, ...args];
    const start = process.hrtime.bigint();
    const r = spawnSync(command[0], command.slice(1), { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: dir, NO_COLOR: '1' }, maxBuffer: 1 << 28 });
    const wall = Number(process.hrtime.bigint() - start) / 1e9;
    const stats = TIME ? r.stderr.trim().split('\n').at(-1).split(' ').map(Number) : [];
    const refusal = `${r.stdout}\n${r.stderr}`.split('\n').find((line) => /is not migrated|Nothing was written|not valid/.test(line));
    return { wall, cpu: TIME ? stats[1] + stats[2] : NaN, rssMiB: TIME ? stats[3] / 1024 : NaN, code: r.status, refusal };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

console.log(`node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}, ${RUNS} run(s) each, median shown`);
console.log(`${'size'.padEnd(8)} ${'command'.padEnd(22)} ${'wall s'.padStart(7)} ${'cpu s'.padStart(7)} ${'peak MiB'.padStart(9)}  exit  note`);
for (const mb of SIZES) {
  const bytes = Math.round(mb * 1_000_000);
  for (const args of [['--migrate', '--dry-run'], ['--migrate', '--force']]) {
    const runs = Array.from({ length: RUNS }, () => once(bytes, args));
    const m = (key) => median(runs.map((r) => r[key]));
    const note = runs[0].refusal ? runs[0].refusal.slice(0, 90) : '';
    console.log(`${`${mb} MB`.padEnd(8)} ${args.join(' ').padEnd(22)} ${m('wall').toFixed(2).padStart(7)} ${m('cpu').toFixed(2).padStart(7)} ${m('rssMiB').toFixed(0).padStart(9)}  ${String(runs[0].code).padStart(4)}  ${note}`);
  }
}
