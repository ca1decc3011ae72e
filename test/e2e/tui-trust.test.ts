// The wizard hands over to `npm trust` (the real npm CLI) when the user presses t on the
// npmjs.com screen, against a registry on loopback.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makePackageRepo, type TempRepo } from '../helpers/repo.js';
import { startRegistry, type FakeRegistry } from '../helpers/registry-server.js';
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

it('t on the npmjs.com screen runs npm trust for the package, then prints the checklist with it ticked', async () => {
  registry.packages.set('@acme/widget', { latest: '1.2.3', versions: { '1.2.3': {} } });
  const repo: TempRepo = makePackageRepo({ pkg: { repository: 'github:acme/widget' } });
  cleanups.push(() => repo.cleanup());
  const env = Object.fromEntries(Object.entries(registry.npmEnv()).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const term = new Terminal({ columns: 100, rows: 40 }, { ...env, BROWSER: 'none' });
  cleanups.push(() => term.kill());
  term.start([process.execPath, bin, repo.dir, '--release', 'publish'], repo.dir);

  await term.waitFor('Enter continue');
  term.send('Enter');
  await term.waitFor(/Question 1 of \d/);
  for (let guard = 0; guard < 10; guard++) {
    const screen = await term.waitFor((s) => /Question \d+ of \d+|Write these files\?/.test(s));
    term.send('Enter');
    if (screen.includes('Write these files?')) break;
    await term.waitFor((s) => s !== screen);
  }
  await term.waitFor('t use npm trust instead');
  term.send('t');
  assert.equal(await term.exitCode(20_000), 0, term.history());
  const history = term.history();
  assert.match(history, /\[x\] 2\. Add the trusted publisher for @acme\/widget/);
  const configured = registry.trust.get('@acme/widget');
  assert.ok(configured && configured.length === 1, 'npm trust created one trusted publisher');
  assert.match(JSON.stringify(configured), /acme\/widget/);
  assert.match(JSON.stringify(configured), /publish\.yml/);
});

it('t when not logged in to npm: npm says why, the values and the checklist stay in the scrollback', async () => {
  const repo: TempRepo = makePackageRepo({ pkg: { repository: 'github:acme/widget' } });
  cleanups.push(() => repo.cleanup());
  const empty = join(repo.dir, '.git', 'empty-npmrc');
  writeFileSync(empty, '');
  const env = Object.fromEntries(Object.entries({ ...registry.npmEnv(), npm_config_userconfig: empty }).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const term = new Terminal({ columns: 100, rows: 40 }, { ...env, BROWSER: 'none' });
  cleanups.push(() => term.kill());
  term.start([process.execPath, bin, repo.dir, '--release', 'publish', '--no-open'], repo.dir);
  await term.waitFor('Enter continue');
  term.send('Enter');
  for (let guard = 0; guard < 10; guard++) {
    const screen = await term.waitFor((s) => /Question \d+ of \d+|Write these files\?/.test(s));
    term.send('Enter');
    if (screen.includes('Write these files?')) break;
    await term.waitFor((s) => s !== screen);
  }
  await term.waitFor('t use npm trust instead');
  term.send('t');
  assert.equal(await term.exitCode(20_000), 1);
  const history = term.history({ joined: true });
  assert.match(history, /Workflow filename +publish\.yml/, 'the values table stays');
  assert.match(history, /Cannot run npm trust: Not logged in to npm .*npm login/);
  assert.match(history, /\[ \] 2\. Add the trusted publisher for @acme\/widget/);
  assert.doesNotMatch(history, /Stopped/);
});
