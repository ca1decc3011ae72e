#!/usr/bin/env node
// A stand-in for the GitHub CLI: appends its exact argv (one JSON array a line) to
// $FAKE_GH_LOG and keeps repository secrets in $FAKE_GH_STATE ({ "<repo>[#env]": [names] }).
// Knows `secret delete` and `secret list [--json name]`; anything else exits 1.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
appendFileSync(process.env.FAKE_GH_LOG, JSON.stringify(args) + '\n');
const state = JSON.parse(readFileSync(process.env.FAKE_GH_STATE, 'utf8'));
const flag = (name) => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
const scope = `${flag('--repo')}${flag('--env') ? `#${flag('--env')}` : ''}`;
const secrets = state[scope] ?? [];

if (args[0] === 'secret' && args[1] === 'delete') {
  const name = args[2];
  if (process.env.FAKE_GH_FAIL === 'delete' || !secrets.includes(name)) {
    process.stderr.write(`failed to delete secret ${name}: HTTP 404\n`);
    process.exit(1);
  }
  state[scope] = secrets.filter((s) => s !== name);
  writeFileSync(process.env.FAKE_GH_STATE, JSON.stringify(state));
  process.stdout.write(`✓ Deleted secret ${name} from ${flag('--repo')}\n`);
} else if (args[0] === 'secret' && args[1] === 'list') {
  if (flag('--json') === 'name') process.stdout.write(JSON.stringify(secrets.map((name) => ({ name }))) + '\n');
  else process.stdout.write(secrets.map((name) => `${name}\t2026-09-01T00:00:00Z\n`).join(''));
} else {
  process.stderr.write(`fake gh: unknown command ${args.join(' ')}\n`);
  process.exit(1);
}
