// A publish step that publishes from inside a Nix shell (`nix develop --command ./scripts/publish.sh`,
// `nix-shell --run '…'`, `nix shell nixpkgs#nodejs -c …`): the npm that runs there is the one the
// Nix expression puts first on PATH, not setup-node's nor the runner's, so an npm upgrade this
// migration adds outside the shell does not reach it, and which npm the shell pins cannot be read
// offline. Removing the token would leave a workflow that may not publish: the migration stops.
import { commandPublishes } from '../audit/publish-rule.js';
import { shellCode } from '../audit/script-files.js';
import { MigrateError } from './errors.js';
import type { JobView } from './jobs.js';
import { textOf } from './nodes.js';

/** A command run in a Nix shell: group 1 the way in, as written (`nix develop --command`). */
const NIX_SHELL = /(?:^|[\s;&|(])((?:nix\s+(?:develop|shell)|nix-shell)\b[^\n;&|#]*?\s(?:--command|-c|--run))\s/;

/** The first line of a publishing step that runs a command in a Nix shell, when no line of the step publishes outside one. */
function nixShellLine(run: string): string | undefined {
  const lines = run.split('\n').map(shellCode);
  const inNix = lines.find((line) => NIX_SHELL.test(line));
  if (inNix === undefined || lines.some((line) => !NIX_SHELL.test(line) && commandPublishes(line))) return undefined;
  return inNix;
}

export function refuseNixShellPublish(jobs: readonly JobView[], content: string, path: string): void {
  for (const job of jobs) {
    for (const step of job.publishing) {
      const line = nixShellLine(textOf(step, 'run') ?? '');
      if (line === undefined) continue;
      const from = content.slice(0, step.range?.[0] ?? 0).split('\n').length;
      const at = content.split('\n').findIndex((text, i) => i >= from - 1 && text.includes(line));
      const where = NIX_SHELL.exec(line)![1]!.replace(/\s+/g, ' ');
      throw new MigrateError(
        `${path}:${at < 0 ? from : at + 1}: job "${job.id}" publishes from inside a Nix shell (${where} …): the npm that publishes is the one the shell puts first on PATH, which an npm upgrade outside the shell does not reach, and whether it is 11.5.1 or newer (as trusted publishing needs) cannot be read offline.\n` +
          "Publish outside the Nix shell (build there, then publish with setup-node's Node 24), or give the shell npm 11.5.1 or newer and retire the token yourself. Nothing was written.",
      );
    }
  }
}
