// doctor on a real terminal (tmux) at 60 columns: every finding, fix and summary line wraps
// between words under its own indent, so no word is cut at the edge; piped, each stays one line.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { makePackageRepo } from '../helpers/repo.js';
import { BIN as bin, runCli } from '../helpers/cli.js';
import { Terminal, terminalTests } from '../helpers/tmux.js';

const { cleanups } = terminalTests();

// The shape of the starter workflow (a release-triggered publish with NODE_AUTH_TOKEN), whose
// findings are long sentences with long words (file:line, URLs, rule ids).
const WORKFLOW = ['name: Release', 'on:', '  release:', '    types: [published]', 'jobs:', '  publish:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v4', '      - uses: actions/setup-node@v4', '        with:', '          node-version: 20', "          registry-url: 'https://registry.npmjs.org'", '      - run: npm ci', '      - run: npm publish', '        env:', '          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}', ''].join('\n');

describe('doctor on a terminal', () => {
  it('at 60 columns: wrapped between words with a hanging indent, every word whole', async () => {
    const repo = makePackageRepo({ files: { '.github/workflows/release.yml': WORKFLOW } });
    cleanups.push(() => repo.cleanup());
    const term = new Terminal({ columns: 60, rows: 80 });
    cleanups.push(() => term.kill());
    term.start([process.execPath, bin, 'doctor', repo.dir], repo.dir);
    assert.equal(await term.exitCode(), 1);
    const screen = term.history();
    const rows = screen.split('\n').filter((row) => row.trim() !== '');
    // No row is cut by the terminal: the program broke every one (a joined capture has the same rows).
    assert.deepEqual(term.history({ joined: true }).split('\n').filter((row) => row.trim() !== ''), rows);
    assert.ok(rows.every((row) => row.length <= 60), screen);
    // A finding's continuation rows hang under its text; its fix under "fix:".
    const at = rows.findIndex((row) => row.startsWith('  ✖ .github/workflows/release.yml:17'));
    assert.ok(at >= 0, screen);
    assert.match(rows[at + 1]!, /^ {4}\S/);
    const fix = rows.findIndex((row, i) => i > at && row.startsWith('      fix: '));
    assert.match(rows[fix + 1]!, /^ {6}\S/);
    // Every word of the piped report is on the terminal, whole.
    const piped = runCli(['doctor', repo.dir]).stdout;
    const words = (text: string) => text.split(/\s+/).filter(Boolean);
    assert.deepEqual(words(screen).filter((w) => w !== '$'), words(piped), screen);
  });
});
