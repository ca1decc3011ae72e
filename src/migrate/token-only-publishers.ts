// Publish tools that upload with the token they are given and have no OIDC exchange of their own:
// once the token is gone they cannot publish, and npm's exchange never runs for them. The migration
// stops and names the tool instead of leaving a workflow that cannot publish.
import { MigrateError } from './errors.js';
import { publishSteps, type JobView } from './jobs.js';
import { withPackageScripts } from './scripts.js';
import { textOf } from './nodes.js';

interface TokenOnlyTool {
  name: string;
  /** The command, run directly or through a package runner (npx, pnpm dlx/exec, yarn, bunx). */
  command: RegExp;
  how: string;
}

const runner = String.raw`(?:^|[\s;&|(])(?:(?:npx|bunx)\s+(?:(?:-y|--yes)\s+)?|(?:pnpm|yarn)\s+(?:(?:dlx|exec)\s+)?)?`;

/** workspaces-publish (1.7.0): libnpmpack packs, libnpmpublish uploads with --token or NODE_AUTH_TOKEN. */
const TOOLS: readonly TokenOnlyTool[] = [
  {
    name: 'workspaces-publish',
    command: new RegExp(`${runner}workspaces-publish(?![\\w-])`, 'm'),
    how: 'uploads each workspace package with libnpmpublish and the token from --token or NODE_AUTH_TOKEN',
  },
];

/** Refuses a job whose publish step runs a tool that can only publish with a token. */
export function checkTokenOnlyPublishers(job: JobView, readFile?: (path: string) => string | undefined): void {
  for (const step of publishSteps(job)) {
    const run = textOf(step, 'run');
    if (run === undefined) continue;
    const tool = TOOLS.find((t) => t.command.test(withPackageScripts(run, readFile)));
    if (!tool) continue;
    throw new MigrateError(
      `job "${job.id}" publishes with ${tool.name}, which ${tool.how}: it has no trusted publishing (OIDC) exchange, so without the token it cannot publish. Publish each package with \`npm publish\` (npm 11.5.1+ does the exchange), then migrate again.`,
    );
  }
}
