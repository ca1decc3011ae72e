// Points 5 and 7 in retire on a real terminal (tmux): the checkbox of tokens shows what the
// registry answered through the output filter, so a token name holding terminal escapes is text.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BIN } from '../helpers/cli.js';
import { startRegistry, type FakeRegistry } from '../helpers/registry-server.js';
import { Terminal } from '../helpers/tmux.js';
import { world } from '../helpers/retire-setup.js';

let registry: FakeRegistry;
const cleanups: (() => void)[] = [];
before(async () => {
  registry = await startRegistry();
});
after(async () => {
  for (const c of cleanups) c();
  await registry.close();
});

test('retire: a token name with escapes from the registry is shown as text in the checkbox', async () => {
  const w = world(registry);
  cleanups.push(() => w.cleanup());
  registry.tokens[1]!.name = 'lap\x1b[2J\x1b]0;pwned\x07top';
  const term = new Terminal({ columns: 120, rows: 50 }, w.env);
  cleanups.push(() => term.kill());
  term.start([process.execPath, BIN, 'retire', '--registry', registry.url], w.repo.dir);
  await term.waitFor((s) => /Run it\? \(y\/N\)/.test(s), 20_000);
  term.send('n', 'Enter');
  await term.waitFor((s) => /gh secret delete [^\n]*\n\s*\S+ Run it\? \(y\/N\)/.test(s));
  term.send('n', 'Enter');
  const screen = await term.waitFor('Revoke which tokens?');
  assert.match(screen, /lap\\x1b\[2J\\x1b\]0;pwned\\x07top/);
  term.send('Enter');
  await term.exitCode(20_000);
  assert.doesNotMatch(term.history(), /npm_SECRET/);
});
