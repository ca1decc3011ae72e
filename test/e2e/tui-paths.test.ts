// The wizard as people really use it (issue 14), in a real terminal (tmux): paste-safe
// commands at 60/80/100 columns, going back, changing an answer from the review, re-runs
// that change nothing, wide layouts, keys that arrive together, Esc on the checklist.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { makePackageRepo, type TempRepo } from '../helpers/repo.js';
import { BIN as bin } from '../helpers/cli.js';
import { Terminal, terminalTests } from '../helpers/tmux.js';

const { cleanups, open } = terminalTests();

const NAME = '@acme/widget-core';
function repoFor(overrides: Parameters<typeof makePackageRepo>[0] = {}): TempRepo {
  const repo = makePackageRepo({ remote: 'git@github.com:acme/widget-core.git', pkg: { name: NAME, repository: 'github:acme/widget-core' }, ...overrides });
  cleanups.push(() => repo.cleanup());
  return repo;
}

/** Enter on the first screen and on every question; resolves with the review screen. */
async function toReview(term: Terminal): Promise<string> {
  await term.waitFor('Enter continue');
  term.send('Enter');
  for (let guard = 0; guard < 12; guard++) {
    const screen = await term.waitFor((s) => /Question \d+ of \d+/.test(s) || /Write these files\?|already in place/.test(s));
    if (!/Question \d+ of \d+/.test(screen)) return screen;
    term.send('Enter');
    await term.waitFor((s) => s !== screen);
  }
  throw new Error('no review');
}

const TRUST = `npm trust github ${NAME} --file publish.yml --repo acme/widget-core --env npm --allow-publish`;

describe('paste-safe commands and URLs', () => {
  for (const columns of [60, 80, 100]) {
    it(`at ${columns} columns: no command or URL is broken by a line break the tool printed, live or in the scrollback`, async () => {
      const repo = repoFor();
      const term = open(repo, { columns, rows: 40 });
      await toReview(term);
      term.send('Enter');
      await term.waitFor(/is saved on\s+npmjs\.com/);
      // -J joins what the terminal soft-wrapped: what is left are the tool's own line breaks.
      const values = term.joinedScreen();
      assert.match(values, new RegExp(`^ +${TRUST.replace(/[.@/]/g, '\\$&')}$`, 'm'), values);
      assert.match(values, /^https:\/\/www\.npmjs\.com\/package\/@acme\/widget-core\/access$/m, 'the URL whole, never cut');
      assert.doesNotMatch(values, /…/);
      term.send('Enter');
      const list = await term.waitFor('Tick what you have done');
      // Live: a command that does not fit is broken only with a trailing backslash.
      const lines = list.split('\n');
      const from = lines.findIndex((l) => l.includes('$ git add'));
      const to = lines.findIndex((l, i) => i >= from && /git push$/.test(l));
      assert.ok(from >= 0 && to >= from, list);
      for (const line of lines.slice(from, to)) assert.match(line, / \\$/, `printed line break inside a command: ${line}`);
      term.send('Enter');
      assert.equal(await term.exitCode(), 0);
      const history = term.history({ joined: true });
      assert.match(history, /^ +\$ git add \S+ \S+ && git commit -m "ci: publish to npm with trusted publishing" && git push$/m, 'the scrollback has the command whole');
      assert.match(history, new RegExp(`^ +${TRUST.replace(/[.@/]/g, '\\$&')}$`, 'm'));
      assert.match(history, /^ +https:\/\/github\.com\/acme\/widget-core\/settings\/environments\S*$/m);
    });
  }
});

describe('going back and changing answers', () => {
  it('Shift-Tab returns to the previous question with its answer; the review changes any answer and comes back', async () => {
    const repo = repoFor();
    const term = open(repo, { columns: 100, rows: 30 });
    await term.waitFor('Enter continue');
    term.send('Enter');
    await term.waitFor('Question 1 of 5');
    term.send('Down', 'Enter');
    await term.waitFor('Question 2 of 4'); // Changesets: no trigger question
    term.send('BTab');
    const back = await term.waitFor('Question 1 of 4');
    assert.match(back, /› Changesets/);
    term.send('Up', 'Enter');
    await term.waitFor('Question 2 of 5');
    term.send('Enter');
    await term.waitFor('Question 3 of 5');
    term.send('production');
    await term.waitFor('› production');
    term.send('Enter');
    for (const n of [4, 5]) {
      await term.waitFor(`Question ${n} of 5`);
      term.send('Enter');
    }
    let review = await term.waitFor('Write these files?');
    assert.match(review, /the environment "production"/);
    term.send('c');
    await term.waitFor('Which answer do you want to change?');
    term.send('Down', 'Down', 'Enter');
    await term.waitFor('› production');
    term.send('staging', 'Enter');
    review = await term.waitFor((s) => s.includes('Write these files?') && s.includes('the environment "staging"'));
    assert.doesNotMatch(review, /Question/);
    term.send('Escape');
    assert.equal(await term.exitCode(), 130);
    assert.equal(repo.git('status', '--porcelain'), '');
  });

  it('n on "Write these files?" only chooses: Enter answers', async () => {
    const repo = repoFor();
    const term = open(repo, { columns: 100, rows: 30 });
    await toReview(term);
    term.send('n');
    await term.waitFor((s) => s.includes('Write these files?'));
    term.send('y', 'Enter');
    await term.waitFor('is saved on npmjs.com');
    assert.ok(existsSync(join(repo.dir, '.github/workflows/publish.yml')));
  });
});

describe('endings', () => {
  it('Esc on the checklist keeps the ticks and exits 0; keys that arrive together each count', async () => {
    const repo = repoFor();
    const term = open(repo, { columns: 100, rows: 30 });
    await term.waitFor('Enter continue');
    term.send('Enter');
    await term.waitFor('Question 1 of 5');
    // Two Enters in one write: both are handled (two questions answered).
    term.sendBytes('\r\r');
    await term.waitFor('Question 3 of 5');
    term.sendBytes('\r\r\r');
    await term.waitFor('Write these files?');
    term.send('Enter');
    await term.waitFor('is saved on npmjs.com');
    term.send('Enter');
    await term.waitFor('Tick what you have done');
    term.send('Space');
    await term.waitFor('[x] 1.');
    term.send('Escape');
    assert.equal(await term.exitCode(), 0);
    const history = term.history();
    assert.match(history, /\[x\] 1\. Commit and push the workflow/);
    assert.doesNotMatch(history, /Stopped/);
    assert.match(term.history({ joined: true }), /npm create trusted-publish -- --yes/);
  });
});

describe('keys typed before the wizard has loaded', () => {
  it('"Enter Enter" written at spawn is two Enters: past the first screen and the first question, nothing echoed', async () => {
    const repo = repoFor();
    const term = open(repo, { columns: 100, rows: 40 });
    // At once, before Node has even loaded the program: the first screen is not drawn yet.
    term.sendBytes('\r\r');
    const screen = await term.waitFor('Question 2 of 5');
    assert.match(screen, /Publish when/);
    const history = term.history();
    assert.match(history, /What I found/);
    assert.doesNotMatch(history, /Question 1 of 5[\s\S]*Question 1 of 5/, 'the first question was answered, not drawn twice');
    term.send('Escape');
    assert.equal(await term.exitCode(), 130);
    assert.match(term.stty(), /(^|\s)icanon(\s|$)/, 'the terminal is cooked again');
    assert.equal(repo.git('status', '--porcelain'), '');
  });
});

describe('re-runs', () => {
  it('remember custom answers: Enter everywhere changes nothing, and says so', async () => {
    const repo = repoFor();
    let term = open(repo, { columns: 100, rows: 30 }, ['--release', 'publish']);
    await term.waitFor('Enter continue');
    term.send('Enter');
    await term.waitFor('Question 1 of 4');
    term.send('Down');
    await term.waitFor('› A v* tag is pushed');
    term.send('Enter');
    await term.waitFor('Question 2 of 4');
    term.send('production');
    await term.waitFor('› production');
    term.send('Enter');
    await term.waitFor('Question 3 of 4');
    term.send('Enter');
    await term.waitFor('Question 4 of 4');
    term.send('22');
    await term.waitFor(/› 22\s*$/m);
    term.send('Enter');
    await term.waitFor('Write these files?');
    term.send('Enter');
    await term.waitFor('is saved on npmjs.com');
    term.send('Enter');
    await term.waitFor('Tick what you have done');
    term.send('Enter');
    assert.equal(await term.exitCode(), 0);
    const written = readFileSync(join(repo.dir, '.github/workflows/publish.yml'), 'utf8');
    assert.match(written, /environment: "production"/);
    assert.match(written, /node-version: "22"/);
    assert.match(written, /tags:/);

    term = open(repo, { columns: 100, rows: 30 }, ['--release', 'publish']);
    const review = await toReview(term);
    assert.match(review, /Everything is already in place/);
    assert.match(review, /keep +\.github\/workflows\/publish\.yml/);
    assert.doesNotMatch(review, /^[-+] /m, 'no diff');
    term.send('Escape');
    assert.equal(await term.exitCode(), 130);
    assert.equal(readFileSync(join(repo.dir, '.github/workflows/publish.yml'), 'utf8'), written);
  });
});

describe('re-runs that change an answer', () => {
  it('declining to replace the workflow an earlier run wrote goes back to the review: never a second publish workflow', async () => {
    const repo = repoFor();
    execFileSync(process.execPath, [bin, repo.dir, '--yes', '--release', 'publish', '--no-open'], { stdio: 'ignore', env: { ...process.env, BROWSER: 'none' } });
    const written = readFileSync(join(repo.dir, '.github/workflows/publish.yml'), 'utf8');
    const term = open(repo, { columns: 100, rows: 40 }, ['--release', 'publish']);
    await term.waitFor('Enter continue');
    term.send('Enter');
    await term.waitFor('Question 1 of 4');
    term.send('Enter');
    await term.waitFor('Question 2 of 4');
    term.send('production');
    await term.waitFor('› production');
    term.send('Enter');
    for (const n of [3, 4]) {
      await term.waitFor(`Question ${n} of 4`);
      term.send('Enter');
    }
    await term.waitFor('Write these files?');
    term.send('Enter');
    const ask = await term.waitFor('Replace .github/workflows/publish.yml? A backup is kept.');
    assert.match(ask.replace(/\s+/g, ' '), /publish\.yml was written by an earlier run: your changed answers change it/);
    assert.match(ask.replace(/\s+/g, ' '), /No: it stays as it is, nothing is written, and you are back at the review/);
    term.send('Enter'); // No is the default
    const review = await term.waitFor('stays as it is and nothing is written');
    assert.match(review, /Write these files\?/);
    assert.match(review.replace(/\s+/g, ' '), /a second workflow would publish the package twice\. Press c to change an answer, or Esc to quit\./);
    assert.doesNotMatch(review, /Choose a new file name|npm-publish\.yml/);
    term.send('Escape');
    assert.equal(await term.exitCode(), 130);
    assert.deepEqual(readdirSync(join(repo.dir, '.github/workflows')), ['publish.yml'], 'no second publish workflow');
    assert.equal(readFileSync(join(repo.dir, '.github/workflows/publish.yml'), 'utf8'), written);
  });
});

describe('widths', () => {
  for (const columns of [60, 80, 100, 120, 140, 200]) {
    it(`at ${columns} columns every option label and hint is whole, on one row`, async () => {
      const repo = repoFor();
      const term = open(repo, { columns, rows: 40 });
      await term.waitFor('Enter continue');
      term.send('Enter');
      const screen = await term.waitFor('Question 1 of 5');
      for (const label of ['npm publish when I release', 'Changesets', 'release-please', 'semantic-release', 'Staged: CI stages, I approve on npmjs.com']) {
        assert.ok(screen.split('\n').some((l) => l.includes(label)), `"${label}" whole on one row at ${columns} columns:\n${screen}`);
      }
      term.send('Enter');
      await term.waitFor('Question 2 of 5');
      // A hint can hold a command: it stays whole too (beside the labels, or below the focused one).
      for (const [n, text] of ['recommended', 'e.g. git push origin v1.2.3', 'Actions tab → Run workflow'].entries()) {
        if (n > 0) term.send('Down');
        const screen = await term.waitFor((s) => s.includes(text));
        assert.ok(screen.split('\n').some((l) => l.includes(text)), `"${text}" whole on one row at ${columns} columns:\n${screen}`);
      }
      term.send('Escape');
      assert.equal(await term.exitCode(), 130);
    });
  }
});
