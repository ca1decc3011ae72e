// `--migrate --force` on every real-world pattern under test/fixtures/real-world, through the
// built binary in a fresh git repository. For fixtures with a migrate.json: the exit code, the
// golden diff (git's, of every changed file) or the refusal's reason. For EVERY fixture: either
// the doctor then reports nothing above a note for the changed files, still sees every file that
// published before as publishing (fixture.json tokenPublish) and actionlint passes, or
// migrate refused with exit 1, a specific reason, and no file changed (actionlint's "too old to run" for an action
// the original file already used, and its unknown runner label, are the repository's, not the migration's). Never a rewrite, then a failure.
// UPDATE_GOLDEN=1 rewrites the migrate.diff files.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { actionlint } from '../../src/audit/actionlint.js';
import { ROOT, runCli, type RunResult } from '../helpers/cli.js';
import { makeRepo, type TempRepo } from '../helpers/repo.js';
import { filesUnder } from '../migrate/fixtures.js';
import { TOKEN_RULES } from './token-rules.js';

const DIR = join(ROOT, 'test', 'fixtures', 'real-world');

interface Expected {
  exit: 0 | 1;
  refusal?: string;
  /**
   * Warnings migrate cannot fix without guessing (a floating or branch reference with no verified
   * pin, a checkout that pushes with its credentials), each as "<id> <file>:<line>" ("<id> <file>" for one about the whole file), with `why`.
   * Each must still occur, and migrate must name it under "Left for you"; any other warning fails.
   */
  left?: string[];
  why?: string;
  /** The packages migrate prints npmjs.com values for, where the fixture pins them (the workflow names which it publishes). */
  packages?: string[];
}

const fixtures = existsSync(DIR) ? readdirSync(DIR).filter((name) => existsSync(join(DIR, name, 'repo'))).sort() : [];
const outcome = { migrated: 0, withLeft: 0, leftAlone: 0, refused: 0, unseen: 0, broken: 0 };

/**
 * fixture.json: the remote, extra --migrate flags a pattern needs (e.g. --switch-registry), and
 * `cwd`, the package directory the user points at when it is not the repository's top.
 * `publishUnseen`: why doctor no longer sees the migrated workflow publish (a known gap of the
 * publish rule, named here rather than passed silently; the mark must go once doctor sees it).
 */
const meta = (name: string) =>
  JSON.parse(readFileSync(join(DIR, name, 'fixture.json'), 'utf8')) as { remote: string; tokenPublish?: boolean; migrateArgs?: string[]; cwd?: string; publishUnseen?: string };

/** The CI files `doctor --json` lists as publishing to npmjs.com. */
const publishingFiles = (dir: string) => (JSON.parse(runCli(['doctor', dir, '--json']).stdout) as { publishing: string[] }).publishing;

function setUp(name: string): TempRepo {
  return makeRepo({ remote: meta(name).remote, files: filesUnder(join(DIR, name, 'repo')) });
}

/** Tracked files the run changed (`git diff --name-only`: porcelain status columns do not survive a trimmed output). */
const changedFiles = (repo: TempRepo) => repo.git('-c', 'core.quotepath=off', 'diff', '--name-only').split('\n').filter(Boolean);

describe('--migrate on the real-world corpus', () => {
  after(() => {
    console.log(
      `real-world migrate: ${fixtures.length} fixtures: ${outcome.migrated} migrated to a workflow doctor passes (${outcome.withLeft} of them with warnings named under "Left for you"), ` +
        `${outcome.leftAlone} left alone (nothing publishes to npmjs.com), ${outcome.refused} refused with a reason, ` +
        `${outcome.unseen} migrated where doctor no longer sees the publish (marked publishUnseen), ${outcome.broken} failed a check`,
    );
  });

  for (const name of fixtures) {
    test(name, async () => {
      const repo = setUp(name);
      try {
        // What doctor sees publishing before the migration, for a fixture that publishes with a token.
        const publishedBefore = meta(name).tokenPublish ? publishingFiles(repo.dir) : [];
        const run: RunResult = runCli([meta(name).cwd ? join(repo.dir, meta(name).cwd!) : repo.dir, '--migrate', '--yes', '--force', ...(meta(name).migrateArgs ?? [])]);
        const changed = changedFiles(repo);
        const expectedPath = join(DIR, name, 'migrate.json');
        const expected = existsSync(expectedPath) ? (JSON.parse(readFileSync(expectedPath, 'utf8')) as Expected) : undefined;
        const output = `exit ${run.code}\n${run.stdout}\n${run.stderr}`;

        if (run.code !== 0) {
          // The generic check: a refusal is exit 1, with a reason, and leaves every file as it was.
          assert.equal(run.code, 1, output);
          assert.deepEqual(changed, [], `refused after rewriting files:\n${output}`);
          assert.match(run.stderr, /\S.{20,}/, 'a refusal says why');
          assert.doesNotMatch(run.stderr, /\n\s+at .+:\d+:\d+/, 'no stack trace');
          if (expected) {
            assert.equal(expected.exit, 1, output);
            assert.ok(run.stderr.includes(expected.refusal ?? ''), `refusal "${expected.refusal}" in:\n${run.stderr}`);
          }
          outcome.refused++;
          return;
        }

        // The fixtures hold no secret values: a word masked after a token's name is a message that reads like one.
        assert.doesNotMatch(run.stdout, /[A-Z_]*TOKEN: \*\*\*/, output);
        const doctor = runCli(['doctor', repo.dir, '--json']);
        const report = JSON.parse(doctor.stdout) as { publishing: string[]; findings: Array<{ id: string; level: string; file: string | null; line: number | null; message: string }> };
        // Doctor still sees the publish: every file it listed as publishing before is listed after.
        // A migration that left the workflow unrecognisable would otherwise pass every check below.
        if (meta(name).tokenPublish) {
          const lost = publishedBefore.filter((file) => !report.publishing.includes(file));
          const seen = publishedBefore.length > 0 && lost.length === 0;
          const unseen = meta(name).publishUnseen;
          if (unseen) {
            assert.ok(!seen, `fixture.json marks publishUnseen ("${unseen}"), but doctor sees the publish after the migration: remove the mark`);
            outcome.unseen++;
          } else {
            assert.ok(seen, `doctor no longer sees the publish after the migration: publishing before ${JSON.stringify(publishedBefore)}, after ${JSON.stringify(report.publishing)}\n${output}`);
          }
        }
        // Changed files: nothing above a note, hygiene included (pins, persisted credentials,
        // injection). Every other CI file: no token error (a token publish left untouched is a
        // failure too, general hygiene of a file migrate did not touch is not).
        const ciFile = (file: string) => /^\.github\/workflows\/|^\.gitlab-ci\.yml$|^\.circleci\/config\.yml$/.test(file);
        const blocking = report.findings.filter(
          (f) => f.file !== null && ((changed.includes(f.file) && f.level !== 'info') || (ciFile(f.file) && f.level === 'error' && TOKEN_RULES.has(f.id))),
        );
        const named = new Set(expected?.left ?? []);
        // A finding about a whole file (no line) is keyed and named by the file alone: "(package.json)".
        const at = (f: { file: string | null; line: number | null }) => (f.line === null ? `${f.file}` : `${f.file}:${f.line}`);
        const key = (f: { id: string; file: string | null; line: number | null }) => `${f.id} ${at(f)}`;
        for (const f of blocking.filter((b) => named.has(key(b)))) {
          assert.ok(run.stdout.split('Left for you')[1]?.includes(`(${at(f)})`), `${key(f)} is not named under "Left for you":\n${output}`);
        }
        assert.deepEqual(blocking.filter((f) => !named.has(key(f))).map((f) => `${f.level} ${f.id} ${f.file}:${f.line} ${f.message}`), [], output);
        assert.deepEqual([...named].filter((k) => !blocking.some((f) => key(f) === k)), [], 'a "left" entry that no longer occurs');
        // And "Left for you" names only what doctor still reports once the files are written.
        const leftSection = (run.stdout.split('Left for you')[1] ?? '').split(/\nWritten\b/)[0]!;
        const reported = new Set(report.findings.map((f) => `${f.file}:${f.line}`));
        const stale = [...leftSection.replace(/\s*\n\s*/g, ' ').matchAll(/\(([^()\s]+:\d+)\)/g)].map((m) => m[1]!).filter((at) => !reported.has(at));
        assert.deepEqual(stale, [], `"Left for you" names findings the migration fixed:\n${output}`);
        // A release tool too old for trusted publishing stops the migrated workflow from publishing: named, never silent.
        for (const f of report.findings.filter((r) => r.id === 'release-tool-outdated')) {
          assert.ok(leftSection.replace(/\s*\n\s*/g, ' ').includes(f.message), `"Left for you" does not name: ${f.message}\n${output}`);
        }
        // actionlint reads workflows, not composite actions (some repositories keep those under .github/workflows/).
        // Two kinds of finding the repository's own file already had are not the migration's: an action whose
        // runtime (node12, node16) GitHub no longer ships (GitHub runs it on a newer Node, so the workflow still runs),
        // and a custom runner label actionlint does not know (a larger or self-hosted runner: doctor names it, see "left").
        for (const file of changed.filter((f) => f.startsWith('.github/workflows/') && !/(?:^|\/)action\.ya?ml$/.test(f))) {
          const theirs = (f: { kind: string; message: string }) =>
            (f.kind === 'action' && / is too old to run on GitHub Actions\b/.test(f.message)) || (f.kind === 'runner-label' && /^label ".*" is unknown\b/.test(f.message));
          const already = new Set((await actionlint(readFileSync(join(DIR, name, 'repo', file), 'utf8'), file)).filter(theirs).map((f) => f.message));
          const found = await actionlint(readFileSync(join(repo.dir, file), 'utf8'), file);
          assert.deepEqual(found.filter((f) => !(theirs(f) && already.has(f.message))), [], file);
        }
        if (expected?.packages) {
          const told = [...new Set([...run.stdout.matchAll(/npm trust github (@?[\w.~/-]+) /g)].map((m) => m[1]!))].sort();
          assert.deepEqual(told, [...expected.packages].sort(), output);
        }
        if (expected) {
          assert.equal(expected.exit, 0, output);
          const diff = repo.git('-c', 'core.quotepath=off', 'diff', '--no-color', '--no-ext-diff') + '\n';
          const golden = join(DIR, name, 'migrate.diff');
          if (process.env.UPDATE_GOLDEN === '1' || !existsSync(golden)) writeFileSync(golden, diff);
          assert.equal(diff, readFileSync(golden, 'utf8'));
        }
        if (named.size > 0) outcome.withLeft++;
        if (changed.length > 0) outcome.migrated++;
        else outcome.leftAlone++;
      } catch (error) {
        outcome.broken++;
        throw error;
      } finally {
        repo.cleanup();
      }
    });
  }
});
