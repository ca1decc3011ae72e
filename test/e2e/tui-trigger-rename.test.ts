// The built binary in a real terminal (tmux): the wizard's in-place review names a misspelt
// trigger filter it renames with the same change line as --migrate, beside the diff.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makePackageRepo, type TempRepo } from '../helpers/repo.js';
import { BIN as bin } from '../helpers/cli.js';
import { Terminal, terminalTests } from '../helpers/tmux.js';
import { TAG_TOKEN_PUBLISH } from '../helpers/token-workflows.js';

const { cleanups } = terminalTests();
let term: Terminal | undefined;
let repo: TempRepo | undefined;

cleanups.push(() => {
  term?.kill();
  repo?.cleanup();
});

it('the in-place review shows that branch: beside tags: is commented out, and why', async () => {
  const workflow = TAG_TOKEN_PUBLISH.replace("    tags: ['v*']\n", "    branch: [main]\n    tags: ['v*']\n");
  repo = makePackageRepo({ files: { '.github/workflows/publish.yml': workflow }, pkg: { repository: { type: 'git', url: 'git+https://github.com/acme/widget.git' } } });
  term = new Terminal({ columns: 110, rows: 45 });
  term.start([process.execPath, bin, repo.dir], repo.dir);
  const first = await term.waitFor('Enter fix publish.yml in place');
  assert.match(first, /publish\.yml:4 +GitHub ignores "branch" under "push"/);
  term.send('Enter');
  const review = (await term.waitFor('Apply these edits to .github/workflows/publish.yml?')).replace(/\s+/g, ' ');
  assert.ok(
    review.includes('! .github/workflows/publish.yml: on.push: "branch" commented out: GitHub ignored it, so only tag pushes ran the workflow, and they still do'),
    review,
  );
  assert.ok(review.includes('Left for you: .github/workflows/publish.yml: on.push (line 4): "branch" is commented out, as GitHub ignored it. Renamed "branches"'), review);
  assert.match(review, /- branch: \[main\] \+ # branch: \[main\]/);
  term.send('Escape');
  await term.exitCode();
  assert.equal(readFileSync(join(repo.dir, '.github/workflows/publish.yml'), 'utf8'), workflow, 'nothing written without a yes');
});
