// The GitLab and CircleCI configuration files: read so a plan can merge its job into them, and
// scanned, like workflows, for the places that still hand npm a token (file and line, never a value).
import { join } from 'node:path';
import { readText } from './read.js';
import type { CiFile, Detected, Finding, TokenUse } from '../model.js';
import { runsPublish } from './workflows.js';

export const GITLAB_CI_PATH = '.gitlab-ci.yml';
export const CIRCLECI_CONFIG_PATH = '.circleci/config.yml';

// Any mention counts, not only `env:` keys: GitLab and CircleCI pass tokens through `variables:`,
// `environment:`, contexts and `echo "//registry.npmjs.org/:_authToken=..." > .npmrc` lines.
const TOKEN_VAR = /\b(NPM_TOKEN|NODE_AUTH_TOKEN)\b/;

/** Token mentions and publish commands in one CI file; comment lines are skipped. */
export function scanCiFile(file: string, content: string): { publishes: boolean; tokenUses: TokenUse[] } {
  const tokenUses: TokenUse[] = [];
  let publishes = false;
  content.split(/\r?\n/).forEach((line, index) => {
    const text = line.trim();
    if (text === '' || text.startsWith('#')) return;
    // The variable's name first: it is what the checklist tells the user to delete.
    const what = TOKEN_VAR.exec(text)?.[1] ?? (text.includes('_authToken') ? '_authToken' : undefined);
    if (what) tokenUses.push({ file, line: index + 1, what });
    if (runsPublish(text.replace(/^-\s+/, ''))) publishes = true;
  });
  return { publishes, tokenUses };
}

/** One CI file at `path` (relative to the repository root `top`), when it exists. */
export function readCiFile(top: string, path: string, provider: CiFile['provider']): CiFile | undefined {
  const content = readText(join(top, ...path.split('/')));
  return content === undefined ? undefined : { provider, path, content, ...scanCiFile(path, content) };
}

/** `.gitlab-ci.yml` and `.circleci/config.yml`, the ones present. */
export function readCiFiles(top: string): CiFile[] {
  const files = [readCiFile(top, GITLAB_CI_PATH, 'gitlab'), readCiFile(top, CIRCLECI_CONFIG_PATH, 'circleci')];
  return files.filter((f): f is CiFile => f !== undefined);
}

/**
 * `d` with the GitLab CI file at `path` read too. A custom `--ci-file` is known only after the
 * answers; the plan must see it, or it would "create" a file that exists.
 */
export function withCiFile(d: Detected, top: string, path: string): Detected {
  if (d.ciFiles.some((f) => f.path === path)) return d;
  const file = readCiFile(top, path, 'gitlab');
  return file ? { ...d, ciFiles: [...d.ciFiles, file] } : d;
}

export function ciFileFindings(files: readonly CiFile[]): Finding[] {
  return files.flatMap((f) =>
    f.tokenUses.map((use) => ({
      id: 'ci-token',
      level: 'warning' as const,
      message:
        `${use.file}:${use.line} mentions ${use.what}. Trusted publishing needs no token, and a leftover one hides OIDC ` +
        'failures (keep it only if it is a read-only token for installing private dependencies).',
      file: use.file,
      line: use.line,
      fix: `Remove ${use.what} from the publish job once trusted publishing works.`,
    })),
  );
}
