// The GitLab and CircleCI configuration files: read so a plan can merge its job into them, and
// scanned, like workflows, for the places that still hand npm a token (file and line, never a value).
import { join } from 'node:path';
import { readText } from './read.js';
import type { CiFile, Detected, Finding, TokenUse } from '../core/model.js';
import { runPublishesWith, type PublishContext } from '../audit/publish-rule.js';
import { scriptFilesRun, scriptText } from '../audit/script-files.js';

export const GITLAB_CI_PATH = '.gitlab-ci.yml';
export const CIRCLECI_CONFIG_PATH = '.circleci/config.yml';

// Any mention counts, not only `env:` keys: GitLab and CircleCI pass tokens through `variables:`,
// `environment:`, contexts and `echo "//registry.npmjs.org/:_authToken=..." > .npmrc` lines.
// The usual names (NPM_TOKEN, NODE_AUTH_TOKEN, NPM_AUTH_TOKEN, YARN_NPM_AUTH_TOKEN) and custom
// ones that say npm and token (NPM_PUBLISH_TOKEN, RELEASE_NPM_TOKEN...).
const TOKEN_VAR = /\b(?!NPM_ID_TOKEN\b)((?:[A-Z0-9]+_)*NPM(?:_[A-Z0-9]+)*_(?:TOKEN|AUTH_TOKEN|API_KEY)|NODE_AUTH_TOKEN)\b/;

/**
 * CircleCI orb commands whose source was read and that only write the npm token to .npmrc
 * (takescoop/npm: src/commands/login.yml of its repository). The token itself comes from a
 * context, so the file never names it: the command is the token use.
 */
export const TOKEN_ONLY_ORB_COMMANDS: Readonly<Record<string, readonly string[]>> = { 'takescoop/npm': ['login'] };

/** `alias/command` steps of the orbs a CircleCI file declares (`npm: takescoop/npm@1.2.3`) that only write the token. */
function tokenOrbSteps(content: string): RegExp | undefined {
  const names: string[] = [];
  for (const m of content.matchAll(/^\s+([\w-]+):\s*['"]?([\w-]+\/[\w-]+)@[\w.-]+['"]?\s*$/gm)) {
    for (const command of TOKEN_ONLY_ORB_COMMANDS[m[2]!] ?? []) names.push(`${m[1]}/${command}`);
  }
  return names.length > 0 ? new RegExp(`^-\\s+(${names.map((n) => n.replace(/[-/]/g, '\\$&')).join('|')}):?$`) : undefined;
}

/** Token mentions and publish commands in one CI file; comment lines are skipped. */
export function scanCiFile(file: string, content: string, context: PublishContext = {}): { publishes: boolean; tokenUses: TokenUse[] } {
  const tokenUses: TokenUse[] = [];
  let publishes = false;
  const orbStep = tokenOrbSteps(content);
  content.split(/\r?\n/).forEach((line, index) => {
    const text = line.trim();
    if (text === '' || text.startsWith('#')) return;
    // The variable's name first: it is what the checklist tells the user to delete.
    const what = TOKEN_VAR.exec(text)?.[1] ?? (text.includes('_authToken') ? '_authToken' : orbStep?.exec(text)?.[1]);
    if (what) tokenUses.push({ file, line: index + 1, what });
    const command = text.replace(/^-\s+/, '').replace(/^(?:script|before_script|after_script|command|run):\s*/, '');
    if (!runPublishesWith(command, context)) return;
    publishes = true;
    tokenUses.push(...scriptTokenUses(command, context));
  });
  return { publishes, tokenUses };
}

/**
 * Token lines of the repository shell scripts a publishing line runs (`./scripts/npm-publish.sh`
 * with `npm config set //registry.npmjs.org/:_authToken=${NPM_TOKEN}`), each at its own file and
 * line: the token comes from a context or project variable, so the CI file itself never names it.
 */
function scriptTokenUses(command: string, context: PublishContext): TokenUse[] {
  return scriptFilesRun(command).flatMap((path) => {
    const text = scriptText(path, context.readFile);
    if (text === undefined) return [];
    return text.split(/\r?\n/).flatMap((line, index): TokenUse[] => {
      const code = line.trim();
      if (code === '' || code.startsWith('#') || !code.includes('_authToken')) return [];
      return [{ file: path, line: index + 1, what: TOKEN_VAR.exec(code)?.[1] ?? '_authToken' }];
    });
  });
}

/** One CI file at `path` (relative to the repository root `top`), when it exists. */
export function readCiFile(top: string, path: string, provider: CiFile['provider'], context: PublishContext = {}): CiFile | undefined {
  const content = readText(join(top, ...path.split('/')));
  return content === undefined ? undefined : { provider, path, content, ...scanCiFile(path, content, context) };
}

/**
 * The local files a GitLab CI file brings in, relative to the root: its `include:` (`include:
 * 'x.yml'`, `- local: /ci/x.yml`) and the child pipelines its jobs start (`trigger: include:`).
 * Files of other projects (`project:` with its `file:` list), remote files and templates are not here.
 */
export function gitlabLocalIncludes(content: string): string[] {
  const paths: string[] = [];
  // Indents of the open keys: `include:` (whose items are read), a job's `trigger:`, a `file:` list.
  let include = -1;
  let trigger = -1;
  let fileList = -1;
  for (const line of content.split(/\r?\n/)) {
    const text = line.trim();
    if (text === '' || text.startsWith('#')) continue;
    const indent = line.length - line.trimStart().length;
    const item = text.startsWith('- ') ? indent + 2 : indent;
    if (include >= 0 && (indent < include || (indent === include && !text.startsWith('- ')))) include = -1;
    if (trigger >= 0 && indent <= trigger) trigger = -1;
    if (fileList >= 0 && (item <= fileList || (indent === fileList && !text.startsWith('- ')))) fileList = -1;
    if (indent > 0 && /^trigger\s*:\s*$/.test(text)) {
      trigger = indent;
      continue;
    }
    const key = /^include\s*:\s*(.*)$/.exec(text);
    if (key && (indent === 0 || trigger >= 0)) {
      include = indent;
      const inline = /^['"]?([^'"\s#{[]+\.ya?ml)['"]?\s*$/.exec(key[1]!)?.[1];
      if (inline) paths.push(inline);
      continue;
    }
    if (include < 0) continue;
    if (/^(?:-\s+)?file\s*:\s*$/.test(text)) {
      fileList = text.startsWith('- ') ? indent + 2 : indent;
      continue;
    }
    if (fileList >= 0) continue;
    const local = /^(?:-\s+)?(?:local\s*:\s*)?['"]?([^'"\s#:]+\.ya?ml)['"]?\s*$/.exec(text)?.[1];
    if (local) paths.push(local);
  }
  return [...new Set(paths.map((p) => p.replace(/^\.?\//, '')).filter((p) => !p.includes('..') && !p.includes('*')))];
}

/** `.gitlab-ci.yml` (with the local files it includes) and `.circleci/config.yml`, the ones present. */
export function readCiFiles(top: string, context: PublishContext = {}): CiFile[] {
  const gitlab: CiFile[] = [];
  // Included files and child pipelines include files in turn: followed a few levels, each file once.
  let next = [GITLAB_CI_PATH];
  for (let depth = 0; depth < 4 && next.length > 0; depth++) {
    const found = next.filter((path) => !gitlab.some((f) => f.path === path)).map((path) => readCiFile(top, path, 'gitlab', context)).filter((f) => f !== undefined);
    gitlab.push(...found);
    next = found.flatMap((f) => gitlabLocalIncludes(f.content));
  }
  const circle = readCiFile(top, CIRCLECI_CONFIG_PATH, 'circleci', context);
  return circle ? [...gitlab, circle] : gitlab;
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
