// The README's picture of the fleet view: doctor over three sample repositories (a token
// workflow, a migrated one, one without a workflow), run in a real terminal (tmux).
//   npm run build && node --import tsx scripts/fleet-screenshot.ts
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { makePackageRepo, makeRepo } from '../test/helpers/repo.js';
import { fixtureFiles } from '../test/migrate/fixtures.js';
import { Terminal } from '../test/helpers/tmux.js';
import { toSvg } from './terminal-svg.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/create-trusted-publish.js');
const team = mkdtempSync(join(tmpdir(), 'ctp-team-'));

const widget = makeRepo({ remote: 'git@github.com:acme/widget.git', files: fixtureFiles('plain') });
const gadget = makePackageRepo({ remote: 'git@github.com:acme/gadget.git', pkg: { name: '@acme/gadget', repository: 'github:acme/gadget' } });
execFileSync(process.execPath, [bin, gadget.dir, '--yes', '--no-open'], { env: { ...process.env, BROWSER: 'none' }, stdio: 'ignore' });
const gizmo = makePackageRepo({ remote: 'git@github.com:acme/gizmo.git', pkg: { name: 'gizmo', repository: 'github:acme/gizmo' } });
for (const [name, repo] of [['widget', widget], ['gadget', gadget], ['gizmo', gizmo]] as const) renameSync(repo.dir, join(team, name));

const size = { columns: 132, rows: 12 };
const term = new Terminal(size, { FORCE_COLOR: '1' });
try {
  const command = 'create-trusted-publish doctor widget gadget gizmo';
  const script = join(team, 'run.sh');
  writeFileSync(script, `printf '$ %s\\n' '${command}'\nexec '${process.execPath}' '${bin}' doctor widget gadget gizmo\n`);
  term.start(['sh', script], team);
  await term.waitFor('repositories:');
  writeFileSync(join(root, 'docs', 'fleet-table.svg'), toSvg(term.screen({ escapes: true }), 'The fleet table: three repositories, one still publishing with a token', size.columns, size.rows));
  console.log('docs/fleet-table.svg');
} finally {
  term.kill();
  rmSync(team, { recursive: true, force: true });
}
