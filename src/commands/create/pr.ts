// `--pr` and `--markdown` on the command line. --pr checks everything it needs before the
// run writes a file, then proposes exactly the files written as a pull request; --markdown
// prints the pull request's body and touches neither the files nor git.
import type { Options } from './args.js';
import { EXIT, FailedError } from '../../core/errors.js';
import type { Io } from '../../core/io.js';
import { repoRoot } from '../../core/paths.js';
import type { Detected } from '../../core/model.js';
import { prBody } from '../../pr/body.js';
import { prContent } from './pr-content.js';
import { createPullRequest, prPreflight, type PrDeps } from '../../pr/git.js';

export async function runMarkdown(d: Detected, options: Options, io: Io): Promise<number> {
  io.out(prBody(await prContent(d, options)));
  return EXIT.ok;
}

/** `run` writes the files (the --yes run or the migration); the pull request follows it. */
export async function runWithPr(d: Detected, options: Options, io: Io, run: () => Promise<number>, deps?: PrDeps): Promise<number> {
  const content = await prContent(d, options);
  if (content.provider !== 'github') {
    throw new FailedError('--pr opens a GitHub pull request; this repository publishes from another CI. Use --markdown for the description, then open a merge request yourself.');
  }
  const target = { top: repoRoot(d), repo: `${content.repo.owner}/${content.repo.name}`, base: d.git.defaultBranch ?? 'main', paths: content.files.map((f) => f.path) };
  if (target.paths.length > 0) await prPreflight(target, deps);
  const code = await run();
  if (code !== EXIT.ok) {
    io.err('No pull request was opened: the run above did not finish.');
    return code;
  }
  const result = await createPullRequest(target, prBody(content, { viaPr: true }), deps);
  (result.ok ? io.out : io.err)(`\n${result.message}`);
  return result.ok ? EXIT.ok : EXIT.failed;
}
