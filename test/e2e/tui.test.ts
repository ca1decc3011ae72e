// The built binary in a real terminal (tmux): the wizard as a user meets it.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makePackageRepo, type TempRepo } from '../helpers/repo.js';
import { BIN as bin } from '../helpers/cli.js';
import { Terminal, recordingBrowser, terminalTests } from '../helpers/tmux.js';

const { cleanups } = terminalTests();
const terminals: Terminal[] = [];
const repos: TempRepo[] = [];

after(() => {
  for (const t of terminals) t.kill();
  for (const r of repos) r.cleanup();
});

function setup(size?: { columns: number; rows: number }, overrides: Parameters<typeof makePackageRepo>[0] = {}) {
  const repo = makePackageRepo(overrides);
  repos.push(repo);
  const browser = recordingBrowser();
  const term = new Terminal(size, { BROWSER: browser.command });
  terminals.push(term);
  cleanups.push(browser.cleanup);
  term.start([process.execPath, bin, repo.dir], repo.dir);
  return { repo, term, browser };
}

/** The terminal is back to normal: cooked mode, echo on, cursor shown. */
function assertRestored(term: Terminal) {
  assert.match(term.stty(), /(^|\s)icanon(\s|$)/, 'canonical mode restored');
  assert.match(term.stty(), /(^|\s)echo(\s|$)/, 'echo restored');
  assert.ok(term.cursorVisible(), 'cursor shown');
}

describe('the wizard in a real terminal', () => {
  it('Enter on every screen writes the workflow, opens npmjs.com and leaves the checklist printed', async () => {
    const { repo, term, browser } = setup({ columns: 100, rows: 30 });
    await term.waitFor('Enter continue');
    term.send('Enter');
    for (let n = 1; n <= 6; n++) {
      await term.waitFor(`Question ${n} of 6`);
      term.send('Enter');
    }
    await term.waitFor('Write these files?');
    term.send('Enter');
    const values = await term.waitFor('Open the npm settings page?');
    assert.match(values, /Workflow filename +publish\.yml/);
    assert.match(values, /☐ Allow npm publish/);
    term.send('Enter');
    await term.waitFor('in your browser.');
    term.send('Enter');
    await term.waitFor('↑↓ move');
    term.send('Enter');

    assert.equal(await term.exitCode(), 0);
    const screen = await term.waitFor('again in this folder');
    assert.match(screen, /\[ \] \d\. Delete the NPM_TOKEN repository secret/);
    assert.deepEqual(browser.opened(), ['https://www.npmjs.com/package/@acme/widget/access']);
    assert.ok(existsSync(join(repo.dir, '.github/workflows/publish.yml')));
    assert.match(repo.git('status', '--porcelain'), /\?\? \.github\/\n|M package\.json/);
    const history = term.history();
    assert.match(history, /\[ \] 1\. Commit and push the workflow/);
    assert.equal(history.split('What I found').length - 1, 1, 'frames never outgrew the terminal (no full redraws)');
    assertRestored(term);
  });

  it('fits 80×24: no frame outgrows the terminal, even as it re-renders', async () => {
    const { term } = setup({ columns: 80, rows: 24 });
    // A frame taller than the terminal leaves a copy of its top lines in the scrollback on
    // every re-render. A frame that fits is erased when its step ends: its heading is
    // nowhere in the history afterwards.
    const headings = [...[1, 2, 3, 4, 5, 6].map((n) => `Question ${n} of 6`), 'Write these files?', 'Open the npm settings page?', 'Tick what you have done'];
    await term.waitFor('Enter continue');
    term.send('Enter');
    for (let n = 1; n <= 6; n++) {
      await term.waitFor(`Question ${n} of 6`);
      term.send('Tab');
      await term.waitFor((s) => !s.includes('as it will be written'));
      term.send('Tab');
      await term.waitFor('as it will be written');
      term.send('Enter');
    }
    await term.waitFor(/^Review$/m);
    term.send('PageDown', 'Down', 'Down');
    await term.waitFor(/lines \d+-\d+ of/);
    term.send('Enter');
    await term.waitFor('Open the npm settings page?');
    term.send('Right');
    await term.waitFor(/› +Yes + No +\(y\/n\)/);
    term.send('Left', 'Enter');
    await term.waitFor('in your browser.');
    term.send('Enter');
    await term.waitFor('Tick what you have done');
    term.send('Down', 'Down', 'Space');
    await term.waitFor('[x] 3.');
    term.send('Enter');
    assert.equal(await term.exitCode(), 0);
    const history = term.history();
    for (const heading of headings) assert.equal(history.split(heading).length - 1, 0, `no stale copy of "${heading}" in the scrollback`);
    assert.match(history, /\[x\] 3\. Protect the "npm" environment/);
  });

  it('Ctrl-C in the middle exits 130 with nothing written and the terminal restored', async () => {
    const { repo, term } = setup();
    await term.waitFor('Enter continue');
    term.send('Enter');
    for (const n of [1, 2]) {
      await term.waitFor(`Question ${n} of 6`);
      term.send('Enter');
    }
    await term.waitFor('Question 3 of 6');
    term.send('BSpace', 'x');
    await term.waitFor(/› x\s*$/m);
    term.send('C-c');
    assert.equal(await term.exitCode(), 130);
    await term.waitFor('Cancelled. Nothing was written.');
    assert.equal(repo.git('status', '--porcelain'), '');
    assertRestored(term);
  });

  it('Esc on the first screen (drawn before Ink loads) exits 130 and restores the terminal', async () => {
    const { repo, term } = setup();
    const first = await term.waitFor('Enter continue');
    assert.match(first, /What I found[\s\S]*Package +@acme\/widget@1\.2\.3/);
    term.send('Escape');
    assert.equal(await term.exitCode(), 130);
    await term.waitFor('Cancelled. Nothing was written.');
    assert.equal(repo.git('status', '--porcelain'), '');
    assertRestored(term);
  });

  it('Enter on the first screen gives way to the questions, and the prompt lines are erased', async () => {
    const { term } = setup({ columns: 100, rows: 30 });
    await term.waitFor('Enter continue');
    term.send('Enter');
    await term.waitFor('Question 1 of 6');
    const history = term.history();
    assert.doesNotMatch(history, /Enter continue/);
    assert.doesNotMatch(history, /Next: \d+ questions/);
    assert.match(history, /What I found[\s\S]*Question 1 of 6/, 'the facts stay above the questions');
  });

  it('declining to replace an existing, different workflow leaves it byte for byte', async () => {
    const existing = 'name: Release\non: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm publish\n';
    const { repo, term } = setup(undefined, {
      files: { '.github/workflows/publish.yml': existing },
      pkg: { repository: { type: 'git', url: 'git+https://github.com/acme/widget.git' } },
    });
    await term.waitFor('Enter continue');
    term.send('Enter');
    for (let n = 1; n <= 5; n++) {
      await term.waitFor(`Question ${n} of 5`);
      term.send('Enter');
    }
    await term.waitFor('Write these files?');
    term.send('Enter');
    await term.waitFor('A backup is kept.');
    term.send('Enter');
    // It publishes: a new file beside it would publish twice, so No is back at the review.
    await term.waitFor('stays as it is and nothing is written');
    term.send('Escape');
    assert.equal(await term.exitCode(), 130);
    assert.equal(readFileSync(join(repo.dir, '.github/workflows/publish.yml'), 'utf8'), existing);
    assert.equal(repo.git('status', '--porcelain'), '');
    assertRestored(term);
  });

  it('a token-based publish workflow: fixing it in place is the default, in the same screens', async () => {
    const tokenWorkflow = [
      'name: Release',
      'on:',
      '  release:',
      '    types: [published]',
      'jobs:',
      '  publish:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - uses: actions/setup-node@v4',
      '        with:',
      '          node-version: 20',
      '          registry-url: https://registry.npmjs.org',
      '      - run: npm ci',
      '      # keep this comment',
      '      - run: npm publish',
      '        env:',
      '          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}',
      '',
    ].join('\n');
    const { repo, term } = setup({ columns: 100, rows: 40 }, {
      files: { '.github/workflows/release.yml': tokenWorkflow },
      pkg: { repository: { type: 'git', url: 'git+https://github.com/acme/widget.git' } },
    });
    const first = await term.waitFor('Enter fix release.yml in place');
    assert.match(first, /Your publish workflow today/);
    assert.match(first, /release\.yml:\d+ +Job "publish" publishes but lacks id-token/);
    assert.match(first, /Recommended: fix release\.yml in place, keeping what starts it/);
    term.send('Enter');
    // The same screens as a new workflow: the diff to review, the npmjs.com values, the checklist.
    const review = await term.waitFor('Apply these edits to .github/workflows/release.yml?');
    assert.match(review, /^- +node-version: 20$/m);
    term.send('Enter');
    const values = await term.waitFor('Open the npm settings page?');
    assert.match(values, /Workflow filename +release\.yml/);
    term.send('n', 'Enter');
    await term.waitFor('is saved on npmjs.com');
    term.send('Enter');
    const list = await term.waitFor('Tick what you have done');
    assert.match(list, /Publish a release with the new workflow|Publish a release/);
    term.send('Escape');
    assert.equal(await term.exitCode(), 0);
    const after = readFileSync(join(repo.dir, '.github/workflows/release.yml'), 'utf8');
    assert.doesNotMatch(after, /NODE_AUTH_TOKEN/);
    assert.match(after, /id-token: write/);
    assert.match(after, /# keep this comment/);
    assert.match(after, /^ {2}release:\n {4}types: \[published\]/m, 'the trigger is kept');
    assert.equal(readFileSync(join(repo.dir, '.github/workflows/release.yml.bak'), 'utf8'), tokenWorkflow);
    assert.ok(!existsSync(join(repo.dir, '.github/workflows/publish.yml')), 'no second publish workflow');
    assert.match(term.history(), /Workflow filename +release\.yml/);
    assertRestored(term);
  });
});
