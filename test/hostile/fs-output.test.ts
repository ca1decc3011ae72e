// Issue 12, points 8, 10, 11 and 19: a full disk on stdout, a YAML warning, a workflow that
// is not UTF-8, and a very large workflow. No stack trace, a clear exit code, no lost bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { expectClean, run, scene, snapshot } from './harness.js';

const RETIRE = ['retire', '--dry-run', '--force', '--registry', 'http://127.0.0.1:9'];
const full = { skip: existsSync('/dev/full') ? false : 'no /dev/full on this system' };

const cases: [string[], string[]][] = [
  [['--help'], []],
  [['--version'], []],
  [['--dry-run'], []],
  [['--yes'], ['.github*']],
  [['doctor'], []],
  [['doctor', '--json'], []],
  [RETIRE, []],
  [['retire', '--dry-run', '--force', '--json', '--registry', 'http://127.0.0.1:9'], []],
];
for (const [args, changes] of cases) {
  test(`10. stdout on a full disk (${args.slice(0, 2).join(' ')}): one line on stderr, exit 1, no stack trace`, full, () => {
    const s = scene();
    const before = snapshot(s.base);
    const r = run(s, args, { stdoutPath: '/dev/full' });
    expectClean(s, before, r, { code: 1, changes, says: 'could not write the output (ENOSPC)' });
    assert.equal(r.stderr.split('could not write the output').length, 2, 'said once');
    s.cleanup();
  });
}

const PNPM_FUNCTION = 'packages:\n  - !!js/function "function () { return \'packages/*\' }"\n  - packages/*\n';
for (const args of [['--dry-run'], ['--yes'], ['doctor'], ['doctor', '--json']]) {
  test(`11. a YAML warning (!!js/function in pnpm-workspace.yaml) prints no stack trace (${args.join(' ')})`, () => {
    const s = scene({ files: { 'pnpm-workspace.yaml': PNPM_FUNCTION } });
    const before = snapshot(s.base);
    const r = run(s, args);
    expectClean(s, before, r, { code: args[0] === 'doctor' ? 1 : 0, changes: ['.github*'] });
    assert.doesNotMatch(r.stderr, /YAMLWarning|TAG_RESOLVE_FAILED/);
    if (args[1] === '--json') JSON.parse(r.stdout);
    s.cleanup();
  });
}

test('11. a workflow with !!js/function and an unknown tag: doctor reports, no stack trace', () => {
  const s = scene({ files: { '.github/workflows/odd.yml': 'name: !!js/function "x"\non: !custom push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm publish\n' } });
  const before = snapshot(s.base);
  expectClean(s, before, run(s, ['doctor']), { code: 1 });
  s.cleanup();
});

test('11. --migrate on a workflow with a !!js/function value: the warning is one line, no stack trace', () => {
  const wf = 'name: Release\non:\n  push:\n    tags: [v*]\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    env:\n      X: !!js/function "f"\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n';
  const s = scene({ files: { '.github/workflows/release.yml': wf } });
  const before = snapshot(s.base);
  const r = run(s, ['--migrate', 'release.yml', '--dry-run']);
  expectClean(s, before, r, { code: 0, says: 'Dry run: nothing was written.' });
  for (const line of r.stderr.split('\n').filter((l) => l.includes('YAMLWarning'))) assert.match(line, /^YAMLWarning: Unresolved tag: .* at line \d+, column \d+:$/);
  s.cleanup();
});

const TOKEN_WORKFLOW = (extra: string) =>
  `name: Release # ${extra}\non:\n  push:\n    tags: ['v*']\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}\n`;
const LATIN1 = Buffer.concat([Buffer.from(TOKEN_WORKFLOW('caf')), Buffer.from([0xe9, 0x0a])]);
const latin1Workflow = Buffer.from(TOKEN_WORKFLOW('caf\xe9'), 'latin1');

for (const args of [['--migrate', 'release.yml', '--dry-run'], ['--migrate', 'release.yml', '--force'], ['--migrate', '--force']]) {
  test(`19. ${args.join(' ')} on a workflow that is not UTF-8 refuses with the reason, bytes untouched`, () => {
    const s = scene({ files: { '.github/workflows/release.yml': latin1Workflow, 'notes.bin': LATIN1 } });
    const before = snapshot(s.base);
    expectClean(s, before, run(s, args), { code: 1, says: /release\.yml is not valid UTF-8 \(at byte \d+\)/ });
    assert.deepEqual(readFileSync(s.at('.github/workflows/release.yml')), latin1Workflow);
    s.cleanup();
  });
}

test('19. --migrate on a UTF-8 workflow with accents and a BOM still migrates (the check is on bytes, not on non-ASCII)', () => {
  const s = scene({ files: { '.github/workflows/release.yml': '\uFEFF' + TOKEN_WORKFLOW('café ✓') } });
  const before = snapshot(s.base);
  const r = run(s, ['--migrate', 'release.yml', '--force']);
  expectClean(s, before, r, { code: 0, changes: ['.github/workflows/release.yml', '.github/workflows/release.yml.bak'] });
  assert.match(readFileSync(s.at('.github/workflows/release.yml'), 'utf8'), /café ✓/);
  s.cleanup();
});

test('19. --yes --force over a publish.yml that is not UTF-8 keeps its bytes in the .bak', () => {
  const s = scene({ files: { '.github/workflows/publish.yml': latin1Workflow } });
  const before = snapshot(s.base);
  // --workflow names the file: a new workflow replaces it (plain --yes would migrate it in place).
  expectClean(s, before, run(s, ['--yes', '--force', '--workflow', 'publish.yml']), { code: 0, changes: ['.github*'] });
  assert.deepEqual(readFileSync(s.at('.github/workflows/publish.yml.bak')), latin1Workflow);
  s.cleanup();
});

test('8. --yes over a 2 MB publish.yml: the refusal diff is printed in bounded size and time', () => {
  const big = TOKEN_WORKFLOW('big') + Array.from({ length: 60_000 }, (_, i) => `# padding line ${i} ${'x'.repeat(20)}`).join('\n') + '\n';
  const s = scene({ files: { '.github/workflows/publish.yml': big } });
  const before = snapshot(s.base);
  const r = run(s, ['--yes', '--workflow', 'publish.yml'], { timeout: 60_000 });
  expectClean(s, before, r, { code: 1, says: 'already exists and differs' });
  assert.ok(r.stderr.length < big.length + 100_000, `diff of ${r.stderr.length} bytes`);
  s.cleanup();
});

test('8. --migrate --dry-run on a 100 KB workflow ends, its diff no longer than the file plus the edits', () => {
  const jobs = Array.from({ length: 1500 }, (_, i) => `  job${i}:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${i}\n`).join('');
  const text = TOKEN_WORKFLOW('big') + jobs;
  const s = scene({ files: { '.github/workflows/release.yml': text } });
  const before = snapshot(s.base);
  const r = run(s, ['--migrate', 'release.yml', '--dry-run'], { timeout: 120_000 });
  expectClean(s, before, r, { code: 0, says: 'Dry run: nothing was written.' });
  const diffLines = r.stdout.split('\n').filter((l) => /^[-+][^-+]/.test(l)).length;
  assert.ok(diffLines < 200, `${diffLines} changed lines`);
  s.cleanup();
});

test('19. --yes --force beside a token workflow that is not UTF-8 migrates in place, so it refuses with the reason and writes nothing', () => {
  const s = scene({ files: { '.github/workflows/publish.yml': latin1Workflow } });
  const before = snapshot(s.base);
  expectClean(s, before, run(s, ['--yes', '--force']), { code: 1, says: 'is not valid UTF-8' });
  s.cleanup();
});

/**
 * A token workflow padded with ordinary jobs to about `bytes`. Files this large exist: a
 * workflow of one public repository grew past GitHub's 512,000-byte limit and stopped
 * running (SOURCE: QwenLM/qwen-code pull request 9517, qwen-autofix.yml at 512,782 bytes).
 */
function paddedWorkflow(bytes: number): string {
  const parts = [TOKEN_WORKFLOW('large')];
  let size = parts[0]!.length;
  for (let i = 0; size < bytes; i++) {
    const job = `  check${i}:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "check ${i} of the release candidate"\n`;
    parts.push(job);
    size += job.length;
  }
  return parts.join('');
}

// The parser's memory grows to hundreds of bytes per byte of YAML: a heap capped well below
// what parsing 11 MB takes shows the file is refused before it is parsed.
const CAPPED = { NODE_OPTIONS: '--max-old-space-size=160' };
const SIZE_REFUSAL = /release\.yml is not migrated: it is (11\.0|2\.0) MB, and GitHub does not run a workflow file larger than 500 KB \(512,000 bytes\)/;

for (const megabytes of [2, 11]) {
  const big = paddedWorkflow(megabytes * 1_000_000);
  for (const args of [['--migrate', '--dry-run'], ['--migrate', 'release.yml', '--dry-run'], ['--migrate', '--force'], ['--yes', '--force']]) {
    test(`8. ${args.join(' ')} on a ${megabytes} MB workflow (heap capped at 160 MB): refused with its size before parsing, exit 1, file untouched`, () => {
      const s = scene({ files: { '.github/workflows/release.yml': big } });
      const before = snapshot(s.base);
      const r = run(s, args, { env: CAPPED, timeout: 60_000 });
      expectClean(s, before, r, { code: 1, says: SIZE_REFUSAL });
      s.cleanup();
    });
  }
  test(`8. doctor on a ${megabytes} MB workflow (heap capped at 160 MB): one workflow-too-large finding, no parse`, () => {
    const s = scene({ files: { '.github/workflows/release.yml': big } });
    const before = snapshot(s.base);
    const r = run(s, ['doctor', '--json'], { env: CAPPED, timeout: 60_000 });
    expectClean(s, before, r, { code: 1 });
    const ids = (JSON.parse(r.stdout) as { findings: Array<{ id: string; file?: string }> }).findings.filter((f) => f.file === '.github/workflows/release.yml').map((f) => f.id);
    assert.deepEqual(ids, ['workflow-too-large']);
    s.cleanup();
  });
}

test('8. --migrate --force on a workflow just under 512,000 bytes migrates within a 400 MB heap, its padding byte for byte', () => {
  const big = paddedWorkflow(500_000);
  assert.ok(Buffer.byteLength(big) <= 512_000);
  const s = scene({ files: { '.github/workflows/release.yml': big } });
  const before = snapshot(s.base);
  const r = run(s, ['--migrate', '--force'], { env: { NODE_OPTIONS: '--max-old-space-size=400' }, timeout: 180_000 });
  expectClean(s, before, r, { code: 0, changes: ['.github/workflows/release.yml', '.github/workflows/release.yml.bak'] });
  const after = readFileSync(s.at('.github/workflows/release.yml'), 'utf8');
  assert.doesNotMatch(after, /NPM_TOKEN/);
  assert.ok(after.endsWith(big.slice(big.indexOf('  check0:'))), 'the padding jobs are unchanged');
  s.cleanup();
});
