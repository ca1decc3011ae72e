// The checklist ticks what is done already, read off a real terminal (tmux). With
// --registry-check: the trusted publisher when the real npm CLI's `npm trust list` shows it
// (against a registry on loopback, logged in), and the environment when a recording gh answers
// `gh api repos/{o}/{r}/environments` with it protected. Without the flag nothing is asked.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { makePackageRepo } from '../helpers/repo.js';
import { startRegistry, type FakeRegistry } from '../helpers/registry-server.js';
import { fakeGh } from '../helpers/fake-gh/index.js';
import { BIN as bin } from '../helpers/cli.js';
import { Terminal, terminalTests } from '../helpers/tmux.js';

const { cleanups } = terminalTests();
let registry: FakeRegistry;

before(async () => {
  registry = await startRegistry({ user: 'alice' });
});
after(async () => {
  await registry.close();
});

// SOURCE: github/rest-api-description@cfb76da8e22855a15ed2bc1766b588d762a68bca
// descriptions/api.github.com/api.github.com.2022-11-28.yaml (GET /repos/{owner}/{repo}/environments:
// total_count, environments[] with name, protection_rules[].type, deployment_branch_policy); own values.
const ENVIRONMENTS = {
  total_count: 1,
  environments: [
    {
      id: 4242,
      node_id: 'EN_kwDOAbc',
      name: 'npm',
      url: 'https://api.github.com/repos/acme/widget/environments/npm',
      html_url: 'https://github.com/acme/widget/deployments/activity_log?environments_filter=npm',
      created_at: '2026-11-01T10:00:00Z',
      updated_at: '2026-11-01T10:05:00Z',
      protection_rules: [{ id: 7, node_id: 'GA_kwDOAbc', prevent_self_review: false, type: 'required_reviewers', reviewers: [{ type: 'User', reviewer: { login: 'alice', id: 1 } }] }],
      deployment_branch_policy: { protected_branches: false, custom_branch_policies: true },
    },
  ],
};

/** Enter through the wizard to the live checklist; resolves with it. */
async function toChecklist(term: Terminal): Promise<string> {
  await term.waitFor('Enter continue');
  term.send('Enter');
  for (let guard = 0; guard < 10; guard++) {
    const screen = await term.waitFor((s) => /Question \d+ of \d+|Write these files\?/.test(s));
    term.send('Enter');
    if (screen.includes('Write these files?')) break;
    await term.waitFor((s) => s !== screen);
  }
  await term.waitFor(/is saved on\s+npmjs\.com/);
  term.send('Enter');
  return term.waitFor('Tick what you have done');
}

/** Leaves the checklist, declines the pull request gh would open, and resolves with the exit code. */
async function finish(term: Terminal, key = 'Enter'): Promise<number> {
  term.send(key);
  await term.waitFor('Open a pull request');
  term.send('n', 'Enter');
  return term.exitCode();
}

function setup(args: string[]) {
  const repo = makePackageRepo({ pkg: { repository: 'github:acme/widget' } });
  cleanups.push(() => repo.cleanup());
  const gh = fakeGh({}, { api: { environments: { 'acme/widget': ENVIRONMENTS } } });
  const npmEnv = Object.fromEntries(Object.entries(registry.npmEnv()).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const ghEnv = Object.fromEntries(Object.entries(gh.env).filter((e): e is [string, string] => typeof e[1] === 'string'));
  // The recording gh first on PATH, then this machine's real npm.
  const term = new Terminal({ columns: 100, rows: 45 }, { ...npmEnv, ...ghEnv, BROWSER: 'none' });
  cleanups.push(() => term.kill());
  term.start([process.execPath, bin, repo.dir, '--release', 'publish', '--no-open', ...args], repo.dir);
  return { term, gh };
}

describe('the checklist shows what is done already', () => {
  it('--registry-check: the publisher npm trust list shows and the protected environment gh shows are ticked', async () => {
    registry.packages.set('@acme/widget', { latest: '1.2.3', versions: { '1.2.3': {} } });
    registry.trust.set('@acme/widget', [
      { id: 'tp-1', type: 'github', claims: { repository: 'acme/widget', workflow_ref: { file: 'publish.yml' }, environment: 'npm' }, permissions: ['createPackage'] },
    ]);
    const { term } = setup(['--registry-check']);
    await toChecklist(term);
    const list = await term.waitFor((s) => s.includes('[x] 2.'));
    assert.match(list, /\[x\] 2\. Add the trusted publisher for @acme\/widget on npmjs\.com/);
    assert.match(list, /\[x\] 3\. Protect the "npm" environment/);
    assert.match(list, /\[ \] 1\. Commit and push the workflow/, 'written just now: not committed yet');
    assert.equal(await finish(term), 0);
    const history = term.history();
    assert.match(history, /^\[x\] 2\. Add the trusted publisher for @acme\/widget on npmjs\.com$/m);
    assert.match(history, /^\[x\] 3\. Protect the "npm" environment$/m);
  });

  it('a publisher for another workflow file is not this one: left unticked', async () => {
    registry.packages.set('@acme/widget', { latest: '1.2.3', versions: { '1.2.3': {} } });
    registry.trust.set('@acme/widget', [
      { id: 'tp-1', type: 'github', claims: { repository: 'acme/widget', workflow_ref: { file: 'release.yml' }, environment: 'npm' }, permissions: ['createPackage'] },
    ]);
    const { term } = setup(['--registry-check']);
    await toChecklist(term);
    // The environment tick shows the online check has come back.
    const list = await term.waitFor((s) => s.includes('[x] 3.'));
    assert.match(list, /\[ \] 2\. Add the trusted publisher for @acme\/widget on npmjs\.com/);
    assert.equal(await finish(term, 'Escape'), 0);
  });

  it('--yes --registry-check ticks the same publisher and environment in the printed checklist; --yes alone asks nothing', async () => {
    registry.packages.set('@acme/widget', { latest: '1.2.3', versions: { '1.2.3': {} } });
    registry.trust.set('@acme/widget', [
      { id: 'tp-1', type: 'github', claims: { repository: 'acme/widget', workflow_ref: { file: 'publish.yml' }, environment: 'npm' }, permissions: ['createPackage'] },
    ]);
    const checked = setup(['--yes', '--registry-check']);
    assert.equal(await checked.term.exitCode(20_000), 0);
    const history = checked.term.history({ joined: true });
    assert.match(history, /^\[x\] 2\. Add the trusted publisher for @acme\/widget on npmjs\.com$/m);
    assert.match(history, /^\[x\] 3\. Protect the "npm" environment$/m);
    assert.match(history, /^\[ \] 1\. Commit and push the workflow/m, 'written just now: not committed yet');

    const requests = registry.requests.length;
    const offline = setup(['--yes']);
    assert.equal(await offline.term.exitCode(20_000), 0);
    const plain = offline.term.history({ joined: true });
    assert.match(plain, /^\[ \] 2\. Add the trusted publisher for @acme\/widget on npmjs\.com$/m);
    assert.match(plain, /^\[ \] 3\. Protect the "npm" environment$/m);
    assert.deepEqual(registry.requests.slice(requests).filter((r) => r.path.includes('/trust')), []);
    assert.deepEqual(offline.gh.calls().filter((c) => c[0] === 'api'), []);
  });

  it('without --registry-check nothing online is asked: the same publisher and environment stay unticked', async () => {
    registry.packages.set('@acme/widget', { latest: '1.2.3', versions: { '1.2.3': {} } });
    registry.trust.set('@acme/widget', [
      { id: 'tp-1', type: 'github', claims: { repository: 'acme/widget', workflow_ref: { file: 'publish.yml' }, environment: 'npm' }, permissions: ['createPackage'] },
    ]);
    const requests = registry.requests.length;
    const { term, gh } = setup([]);
    await toChecklist(term);
    assert.equal(await finish(term), 0);
    const history = term.history();
    assert.match(history, /^\[ \] 2\. Add the trusted publisher for @acme\/widget on npmjs\.com$/m);
    assert.match(history, /^\[ \] 3\. Protect the "npm" environment$/m);
    // Offline by default: neither npm's registry nor GitHub was asked.
    assert.deepEqual(registry.requests.slice(requests).filter((r) => r.path.includes('/trust')), []);
    assert.deepEqual(gh.calls().filter((c) => c[0] === 'api'), []);
  });
});
