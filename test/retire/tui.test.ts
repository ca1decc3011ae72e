// retire in a real terminal (tmux): y/N per step and a token picked in the checkbox, with
// the real npm against the loopback registry and the recording gh on PATH.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { BIN, ROOT } from '../helpers/cli.js';
import { startRegistry, type FakeRegistry } from '../helpers/registry-server.js';
import { Terminal } from '../helpers/tmux.js';
import { world } from '../helpers/retire-setup.js';

let registry: FakeRegistry;
const cleanups: (() => void)[] = [];
before(async () => {
  if (!existsSync(join(ROOT, 'dist/cli.js'))) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  registry = await startRegistry();
});
after(async () => {
  for (const c of cleanups) c();
  await registry.close();
});

test('y to disallow tokens, N to the secret, then the second token ticked in the checkbox', async () => {
  const w = world(registry);
  cleanups.push(() => w.cleanup());
  const term = new Terminal({ columns: 120, rows: 50 }, w.env);
  cleanups.push(() => term.kill());
  term.start([process.execPath, BIN, 'retire', '--registry', registry.url], w.repo.dir);

  await term.waitFor((s) => /mfa=publish @acme\/widget\s+\S+ Run it\? \(y\/N\)/.test(s), 20_000);
  term.send('y', 'Enter');
  await term.waitFor((s) => /gh secret delete NPM_TOKEN --repo acme\/widget\s+\S+ Run it\? \(y\/N\)/.test(s));
  term.send('n', 'Enter');
  await term.waitFor('Revoke which tokens?');
  // Nothing is ticked to begin with: Down to the second token, Space, Enter.
  assert.doesNotMatch(term.screen(), /◉/);
  term.send('Down');
  await term.waitFor((s) => /❯\s*◯ f6e5d4/.test(s));
  term.send('Space');
  await term.waitFor((s) => /❯\s*◉ f6e5d4/.test(s));
  term.send('Enter');
  assert.equal(await term.exitCode(20_000), 0, term.history());

  const history = term.history();
  assert.deepEqual(registry.access.get('@acme/widget'), { publish_requires_tfa: true, automation_token_overrides_tfa: false });
  assert.deepEqual(w.gh.calls(), [], 'the secret step was declined: gh never ran');
  assert.deepEqual(registry.tokens.map((t) => t.name), ['ci-publish', 'old-deploy']);
  assert.match(history, /– delete secret +NPM_TOKEN +you said no/);
  assert.match(history, /✔ revoke token +f6e5d4 +Token f6e5d4 is revoked/);
  assert.doesNotMatch(history, /npm_SECRET/);
});
