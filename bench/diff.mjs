// Diff timing (issue 12, point 8): the line diff behind the review step and `--migrate`.
// Not a test: prints figures. Run after `npm run build`:
//   node --import tsx bench/diff.mjs            # the diff alone, 2 MB inputs
//   node --import tsx bench/diff.mjs --migrate  # also `--migrate --dry-run` end to end, by size
// Measure the same on any machine with public tools: `/usr/bin/time -v` around the command.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diffLines, unifiedDiff } from '../src/apply/diff.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** A token workflow padded with ordinary jobs to about `bytes`. */
export function bigWorkflow(bytes) {
  const lines = [
    'name: Release', 'on:', '  push:', "    tags: ['v*']", 'jobs:', '  publish:', '    runs-on: ubuntu-latest', '    steps:',
    '      - uses: actions/checkout@v4', '      - uses: actions/setup-node@v4', '        with:', '          node-version: 22',
    '          registry-url: https://registry.npmjs.org', '      - run: npm ci', '      - run: npm publish', '        env:',
    '          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}',
  ];
  let size = lines.join('\n').length;
  for (let i = 0; size < bytes; i++) {
    const job = [`  job${i}:`, '    runs-on: ubuntu-latest', '    steps:', `      - run: echo step ${i} with some padding text to make lines longer`];
    lines.push(...job);
    size += job.join('\n').length + 1;
  }
  return lines.join('\n') + '\n';
}

function time(label, fn) {
  const start = process.hrtime.bigint();
  const result = fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  console.log(`${label.padEnd(52)} ${ms.toFixed(1).padStart(9)} ms`);
  return result;
}

const big = bigWorkflow(2_000_000);
const lines = big.split('\n');
const edited = lines.map((l, i) => (i % 5000 === 7 ? `${l} # edited` : l));
console.log(`input: ${(big.length / 1e6).toFixed(2)} MB, ${lines.length} lines; heap before ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
time('diffLines, 2 MB, ~10 edited lines', () => diffLines(lines, edited));
time('unifiedDiff, 2 MB, ~10 edited lines', () => unifiedDiff(big, edited.join('\n'), 'x'));
time('unifiedDiff, 2 MB against a 60-line file', () => unifiedDiff(big, lines.slice(0, 60).join('\n'), 'x'));
const shuffled = [...lines].reverse();
time('unifiedDiff, 2 MB against itself reversed (worst case)', () => unifiedDiff(big, shuffled.join('\n'), 'x'));
console.log(`heap after ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);

if (process.argv.includes('--migrate')) {
  for (const bytes of [50_000, 200_000, 1_000_000, 2_000_000]) {
    const dir = mkdtempSync(join(tmpdir(), 'ctp-bench-diff-'));
    try {
      mkdirSync(join(dir, '.github/workflows'), { recursive: true });
      writeFileSync(join(dir, 'package.json'), '{"name":"@acme/widget","version":"1.0.0","repository":"github:acme/widget"}\n');
      writeFileSync(join(dir, '.github/workflows/release.yml'), bigWorkflow(bytes));
      spawnSync('git', ['init', '-q'], { cwd: dir });
      spawnSync('git', ['remote', 'add', 'origin', 'git@github.com:acme/widget.git'], { cwd: dir });
      const r = spawnSync('/usr/bin/time', ['-f', '%e s %M KB', process.execPath, join(ROOT, 'bin/create-trusted-publish.js'), '--migrate', '--dry-run'], {
        cwd: dir,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, HOME: dir, NO_COLOR: '1' },
        maxBuffer: 1 << 28,
      });
      const [elapsed] = r.stderr.trim().split('\n').slice(-1);
      console.log(`--migrate --dry-run, ${String(bytes / 1000).padStart(5)} KB workflow: exit ${r.status}, ${elapsed} (elapsed, max RSS), ${r.stdout.length} bytes out`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
