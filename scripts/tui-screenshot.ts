// Pictures of the wizard for the README, taken from a real terminal: the built binary runs
// in tmux on a sample repository, and each captured pane (with its colours) becomes an SVG.
//   npm run build && node --import tsx scripts/tui-screenshot.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makePackageRepo } from '../test/helpers/repo.js';
import { Terminal } from '../test/helpers/tmux.js';
import { toSvg } from './terminal-svg.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/create-trusted-publish.js');

async function shoot() {
  const repo = makePackageRepo();
  const shots: [string, string, string][] = [];
  const wide = { columns: 132, rows: 34 };
  const term = new Terminal(wide, { BROWSER: 'true', FORCE_COLOR: '1' });
  try {
    term.start([process.execPath, bin, repo.dir], repo.dir);
    await term.waitFor('Enter continue');
    term.send('Enter');
    await term.waitFor('Question 1 of 6');
    term.send('Enter');
    await term.waitFor('Question 2 of 6');
    term.send('Down');
    await term.waitFor("tags: ['v*']");
    shots.push(['wizard-question.svg', 'A question with the live preview of the workflow', term.screen({ escapes: true })]);
    term.send('Up', 'Enter');
    for (let n = 3; n <= 6; n++) {
      await term.waitFor(`Question ${n} of 6`);
      term.send('Enter');
    }
    await term.waitFor('Write these files?');
    term.send('Enter');
    await term.waitFor('Open the npm settings page?');
    shots.push(['wizard-npmjs.svg', 'The exact values to enter on npmjs.com', term.screen({ escapes: true })]);
    term.send('Escape');
    await term.exitCode();
  } finally {
    term.kill();
    repo.cleanup();
  }
  for (const [file, title, capture] of shots) {
    writeFileSync(join(root, 'docs', file), toSvg(capture, title, wide.columns, wide.rows));
    console.log(`docs/${file}`);
  }
}

await shoot();
