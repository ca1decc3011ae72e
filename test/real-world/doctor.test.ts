// The real-world corpus (test/fixtures/real-world/<name>/): each fixture is a small repository we
// wrote in the shape of a public one (its SOURCE file names the repository and commit). The built
// binary's `doctor --json` runs on it in a fresh git repository, and its findings (id, level, file,
// line) must equal doctor.json. Fixtures that hand npm a token (fixture.json "tokenPublish": true)
// must get an error or warning from a token rule: doctor flags every token publish. fixture.json
// "packages", when given, is the package set doctor must report.
// To rewrite doctor.json after an intended change: UPDATE_GOLDEN=1 node --import tsx --test test/real-world/doctor.test.ts
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { runCli, ROOT } from '../helpers/cli.js';
import { makeRepo } from '../helpers/repo.js';
import { TOKEN_RULES } from './token-rules.js';

const CORPUS = join(ROOT, 'test', 'fixtures', 'real-world');
const update = process.env.UPDATE_GOLDEN === '1';


interface Expected {
  id: string;
  level: string;
  file: string | null;
  line: number | null;
}

function filesUnder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (abs: string) => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      const path = join(abs, entry.name);
      if (entry.isDirectory()) walk(path);
      else out[relative(dir, path).split('\\').join('/')] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return out;
}

const fixtures = existsSync(CORPUS) ? readdirSync(CORPUS).filter((name) => existsSync(join(CORPUS, name, 'fixture.json'))).sort() : [];

test('the corpus has at least 30 fixtures, each with a SOURCE line naming a repository and commit', () => {
  assert.ok(fixtures.length >= 30, `${fixtures.length} fixtures`);
  for (const name of fixtures) {
    const source = readFileSync(join(CORPUS, name, 'SOURCE'), 'utf8');
    assert.match(source, /^SOURCE: [\w.-]+\/[\w.-]+@[0-9a-f]{40} \S+/, `${name}/SOURCE`);
  }
});

for (const name of fixtures.filter((n) => existsSync(join(CORPUS, n, 'doctor.json')) || update)) {
  test(`doctor on ${name}`, (t) => {
    const dir = join(CORPUS, name);
    const fixture = JSON.parse(readFileSync(join(dir, 'fixture.json'), 'utf8')) as { remote: string; tokenPublish?: boolean; cwd?: string; packages?: string[] };
    const repo = makeRepo({ remote: fixture.remote, files: filesUnder(join(dir, 'repo')) });
    t.after(() => repo.cleanup());
    const run = runCli(['doctor', '--json'], { cwd: fixture.cwd ? join(repo.dir, fixture.cwd) : repo.dir });
    assert.ok(run.code === 0 || run.code === 1, `exit ${run.code}: ${run.stderr}`);
    const report = JSON.parse(run.stdout) as { findings: Expected[]; packages: string[] };
    if (fixture.packages) assert.deepEqual(report.packages, fixture.packages, 'the packages doctor would publish');
    const actual = report.findings.map(({ id, level, file, line }) => ({ id, level, file, line }));
    const path = join(dir, 'doctor.json');
    if (update) writeFileSync(path, JSON.stringify(actual, null, 2) + '\n');
    assert.deepEqual(actual, JSON.parse(readFileSync(path, 'utf8')) as Expected[]);
    const flagged = actual.some((f) => TOKEN_RULES.has(f.id) && f.level !== 'info');
    if (fixture.tokenPublish !== undefined) assert.equal(flagged, fixture.tokenPublish, fixture.tokenPublish ? 'a token publish doctor does not flag' : 'flagged as a token publish');
  });
}
