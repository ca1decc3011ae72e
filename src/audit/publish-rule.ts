// The one rule for what publishes to npm and what hands npm a token. Detect (a line scanner that
// runs before the first prompt), the audit model, doctor and migrate all decide with these
// functions. Plain text in, no YAML parser: importing this module costs nothing at start-up.
import { expandBashArrays } from './bash-arrays.js';
import { CLI_PKG_DEPLOY, CLI_PKG_FOLDER, code, commandPublishes, DRY_RUN, isPreviewPublish, PREVIEW, scriptsRun } from './publish-commands.js';
import { makeRecipesRun } from './make-targets.js';
import { moonTasksRun } from './moon-tasks.js';
import { nxTargetsRun } from './nx-targets.js';
import { runsProgramPublish } from './program-publish.js';
import { actionKey, expandEnv, scriptCandidates, type JsAction } from './js-action.js';
import { chainedScripts, folderLoopScripts, folderScripts } from './script-chains.js';
import { scriptFilesRun, scriptText } from './script-files.js';
import { npmWorkspaceScriptsRun, type WorkspaceScripts } from './npm-workspace-scripts.js';

// The one-line commands live in publish-commands.ts; callers keep importing them from here.
export { CLI_PKG_DEPLOY, CLI_PKG_FOLDER, commandPublishes, isPreviewPublish, scriptsRun };

/** Package.json scripts, and whether each local composite action (`./.github/actions/x`) publishes. */
export interface PublishContext {
  scripts?: Readonly<Record<string, string>>;
  /** The repository uses Yarn 2 or newer, whose `yarn version` runs no version scripts. */
  yarnBerry?: boolean;
  actions?: Readonly<Record<string, boolean>>;
  /** The local JavaScript actions (`runs: using: node20`): what each runs and exports (js-action.ts). */
  jsActions?: Readonly<Record<string, JsAction>>;
  /** The npm workspaces of the top package.json, with their scripts (`npm run x --workspace=<w>` runs theirs). */
  workspaces?: readonly WorkspaceScripts[];
  /**
   * Reads a file of the repository by its path from the top (`.nvmrc`, a local action.yml), or
   * undefined; with `maxBytes`, undefined too when the file is larger.
   */
  readFile?: (path: string, maxBytes?: number) => string | undefined;
  /** The folders of the repository a glob such as `packages/*` matches, from the top (no hidden folders, no node_modules). */
  listDirs?: (glob: string) => string[];
  /** The repository's `owner/name` (its remote): `uses: <owner>/<name>/.github/workflows/x.yml@ref` calls a workflow of its own. */
  self?: string;
}


/** Asks the registry whom the token belongs to: `npm whoami`, or a curl to the registry's user endpoint. */
export const WHO_AM_I = /\bnpm\s+whoami\b|\bcurl\b[^\n]*registry\.npmjs\.org\/-\/(?:npm\/v1\/user|whoami)\b/;

/**
 * Logs in to npm (`npm login`, `npm adduser`, or the npm-cli-login package, which logs in with a
 * user name, password and e-mail from its environment): in CI a login that needs a person or a
 * credential; trusted publishing needs none.
 */
export const NPM_LOGIN = /(?:^\s*|[;&|(]\s*)(?:npm\s+(?:login|adduser|add-user)\b|(?:npx\s+(?:-y\s+|--yes\s+)?)?npm-cli-login(?![\w-]))/;

/** The login command a line runs, as the user wrote it: `npm-cli-login` or `npm login`. */
export const loginCommand = (line: string): string => (/npm-cli-login/.test(line) ? 'npm-cli-login' : 'npm login');

/** The registry a login line names (`--registry=<url>`, npm-cli-login's `-r <url>`), if any. */
export const loginRegistry = (line: string): string | undefined => /(?:--registry|\s-r)[= ](\S+)/.exec(line)?.[1]?.replace(/^['"]|['"]$/g, '');

/** Commands that only read with the token: they check it, they do not publish. */
const TOKEN_CHECK = new RegExp(`\\bnpm\\s+(?:ping|view|info|token\\s+list)\\b|${WHO_AM_I.source}`);

/**
 * npm commands that change a package's registry settings without publishing it. The npm CLI
 * does the OIDC exchange for `npm publish` only, so a token handed to these stays a token.
 */
const PACKAGE_ADMIN = /\bnpm\s+(?:deprecate|undeprecate|owner|access|unpublish|dist-tags?)\b/;

/** Steps that install (a read-only token for private dependencies is fine there). */
const INSTALL = /^(?:(?:npm|bun)\s+(?:ci|install|i)\b|pnpm\s+(?:install|i|fetch)\b|yarn(?:\s+install\b|\s*$|\s+--(?:frozen-lockfile|immutable)\b)|corepack\s+enable\b)/;


/** A package.json script whose name says it publishes to npm (`npm run publish:npm`), whatever program it runs. */
const NPM_PUBLISH_SCRIPT = /^(?:(?:publish|release)[:_-]npm|npm[:_-](?:publish|release))$/i;

/**
 * Does a `run:` script publish, directly, through a package.json script it calls (the root's, or
 * the npm workspaces' it names), through a shell script file of the repository it or a root
 * package.json script it calls runs, through a JavaScript or TypeScript file either runs
 * (program-publish.ts), or through a moon task, make target or Nx target it runs (each one level)? `dir` is the step's working
 * directory, from the repository's top.
 */
export function runPublishesWith(run: string, context: PublishContext = {}, dir = ''): boolean {
  if (folderLoopScripts(run, context.readFile, context.listDirs).some((s) => NPM_PUBLISH_SCRIPT.test(s.name) || s.text.split(/&&|;|\|\|/).some(commandPublishes))) return true;
  // `npm "${args[@]}"` is read with the words of `args=(publish …)` written out (bash-arrays.ts).
  return expandBashArrays(run).split('\n').some((line) => {
    if (commandPublishes(line)) return true;
    if (DRY_RUN.test(code(line))) return false;
    if (scriptsRun(line, context.scripts, context.yarnBerry).some((name) => NPM_PUBLISH_SCRIPT.test(name) || context.scripts![name]!.split(/&&|;|\|\|/).some(commandPublishes))) return true;
    if (chainedScripts(line, context.scripts).some((s) => NPM_PUBLISH_SCRIPT.test(s.name) || s.text.split(/&&|;|\|\|/).some(commandPublishes))) return true;
    if (npmWorkspaceScriptsRun(line, context.workspaces ?? []).some((s) => NPM_PUBLISH_SCRIPT.test(s.name) || s.text.split(/&&|;|\|\|/).some(commandPublishes))) return true;
    if (!context.readFile) return false;
    // `npm run publish` in a folder of its own (working-directory): that folder's package.json scripts.
    const inFolder = dir.replace(/^\.\/|\/+$/g, '');
    if (inFolder !== '' && inFolder !== '.' && chainedScripts(line, folderScripts(inFolder, context.readFile)).some((s) => NPM_PUBLISH_SCRIPT.test(s.name) || s.text.split(/&&|;|\|\|/).some(commandPublishes))) return true;
    // One level: the script's own lines are judged without following further script files.
    const shallow: PublishContext = {
      ...(context.scripts ? { scripts: context.scripts } : {}),
      ...(context.yarnBerry ? { yarnBerry: true } : {}),
      ...(context.actions ? { actions: context.actions } : {}),
      ...(context.workspaces ? { workspaces: context.workspaces } : {}),
      ...(context.listDirs ? { listDirs: context.listDirs } : {}),
    };
    if (moonTasksRun(line, context.readFile).some((text) => runPublishesWith(text, shallow))) return true;
    if (makeRecipesRun(line, context.readFile, dir).some((text) => runPublishesWith(text, shallow))) return true;
    if (nxTargetsRun(line, context.readFile, context.listDirs).some((text) => runPublishesWith(text, shallow))) return true;
    if (runsProgramPublish(line, context, dir)) return true;
    // A package.json script that runs a repository shell script (`"release": "./scripts/publish.sh"`) runs it from the top.
    const viaScripts = scriptsRun(line, context.scripts, context.yarnBerry).flatMap((name) => scriptFilesRun(context.scripts![name]!));
    return [...scriptFilesRun(line, dir), ...viaScripts].some((path) => {
      const text = scriptText(path, context.readFile);
      return text !== undefined && runPublishesWith(text, shallow);
    });
  });
}

/** Branches on a test (`if [ ... ]; then`, `else`, `fi`) or sets a plain variable (no command substitution). */
const SHELL_GLUE = /^(?:(?:el)?if\s+\[\[?[^;`]*\]\]?\s*;\s*then|else|fi|[A-Za-z_]\w*=(?:[^\s;&|`$]|\$(?!\())*)$/;

/** Only installs, sets up or builds: every line is an install command, a cd, or empty. */
export function onlyInstalls(run: string): boolean {
  const lines = run.split('\n').map(code).filter(Boolean);
  const glue = (line: string) => SHELL_GLUE.test(line.replace(/\$\{\{[^}]*\}\}/g, 'x'));
  return lines.length > 0 && lines.every((line) => INSTALL.test(line) || /^(?:cd\s|echo\s(?!.*_authToken))/.test(line) || glue(line)) && (!lines.some(glue) || lines.some((line) => INSTALL.test(line)));
}

/** Only checks the token (`npm whoami`...): the token is used, nothing is published. */
export function onlyChecksToken(run: string): boolean {
  const lines = run.split('\n').map(code).filter(Boolean);
  return lines.some((line) => TOKEN_CHECK.test(line)) && !lines.some(commandPublishes);
}

/** The 0-based lines of a script that run `npm dist-tag`, `npm deprecate` or the like. */
export function adminLines(run: string): number[] {
  return run.split('\n').flatMap((line, i) => (PACKAGE_ADMIN.test(code(line)) ? [i] : []));
}

/** Runs `npm deprecate` and the like, and publishes nothing: the token there is no publish token. */
export function onlyAdministers(run: string): boolean {
  const lines = run.split('\n').map(code).filter(Boolean);
  return lines.some((line) => PACKAGE_ADMIN.test(line)) && !lines.some(commandPublishes);
}

/** `if [ -z "$TOKEN" ]; then`, `[[ -n ${TOKEN} ]]`, `test -z "$TOKEN"`, `[ -n "$TOKEN" ] || exit 1`: a test that a variable is set; group 1 names it. */
const SET_TEST = /^(?:if\s+)?(?:\[\[?|test)\s+-[zn]\s+"?\$\{?([A-Za-z_]\w*)\}?"?\s*(?:\]\]?)?\s*(?:;\s*then|\|\|\s*exit\s+\d+)?$/;

/**
 * Only fails the job when a variable is empty (`if [ -z "$TOKEN" ]; then echo ...; exit 1; fi`):
 * the variables it tests, or [] when the script does anything else.
 */
export function onlyChecksSet(run: string): string[] {
  const lines = run.split('\n').map(code).filter(Boolean);
  const tested = lines.map((line) => SET_TEST.exec(line)?.[1]).filter((name): name is string => name !== undefined);
  const rest = lines.filter((line) => !SET_TEST.test(line));
  return tested.length > 0 && rest.every((line) => /^(?:echo|printf|exit|fi|then|else)\b/.test(line)) ? tested : [];
}

/** Scripts whose name says they build or check, never publish: `npm run lint`, `yarn test:unit`, `pnpm build`. */
const CHECK_SCRIPT = /^(?:npm|pnpm|yarn|bun)\s+(?:run(?:-script)?\s+)?(?:--if-present\s+)?(?:lint|test|t|build|check|typecheck|type-check|tsc|format|prettier|coverage|bench|docs?|compile|e2e)(?::[\w:.-]+)?(?:\s|$)/;

/** Only runs build, lint or test scripts: proof enough that a token there publishes nothing. */
export function onlyRunsChecks(run: string): boolean {
  const lines = run.split('\n').map(code).filter(Boolean);
  return lines.length > 0 && lines.every((line) => CHECK_SCRIPT.test(line) || INSTALL.test(line));
}

/** Names the release: `yarn release`, `pnpm run ci-publish`, `bash scripts/deploy.sh`. */
export function looksLikeRelease(run: string): boolean {
  return run.split('\n').map(code).some((line) => /\b(?:release|publish|deploy|ship|shipit)\b/i.test(line) && !PREVIEW.test(line));
}

/** Actions that publish to npm; changesets/action only with a publish command. */
const PUBLISH_ACTIONS = /^['"]?(?:changesets\/action|js-devtools\/npm-publish|cycjimmy\/semantic-release-action|pascalgn\/npm-publish-action)(?:@|['"]?$)/i;

/** Does a step's `uses:` publish? `withKeys` are its `with:` input names. */
export function actionPublishes(uses: string, withKeys: readonly string[], context: PublishContext = {}): boolean {
  const local = localAction(uses, context);
  if (local !== undefined) return local;
  if (!PUBLISH_ACTIONS.test(uses)) return false;
  if (/^['"]?changesets\/action\b/i.test(uses)) return withKeys.includes('publish') || withKeys.includes('publish-script');
  return true;
}

/** Whether the local composite action `uses: ./path` publishes, when the context knows it. */
export function localAction(uses: string, context: PublishContext = {}): boolean | undefined {
  if (!uses.startsWith('./')) return undefined;
  const key = uses.replace(/\/+$/, '').replace(/\/action\.ya?ml$/, '');
  return context.actions?.[key];
}

/** What one step does, as both the YAML model and the line scanner read it. */
export interface StepFacts {
  uses?: string;
  run?: string;
  /** Its `with:` input names. */
  withKeys: readonly string[];
  /** A `with:` input hands it an npm token. */
  tokenInput: boolean;
  /** Its own `env:` hands it an npm token. */
  stepToken: boolean;
  /** The job's or the workflow's `env:` hands it an npm token. */
  jobToken: boolean;
  /** Its `working-directory` (its own, or the job's or workflow's `defaults.run`), from the top. */
  workingDirectory?: string;
  /** Its `with:` inputs whose values are scalars, and the variables earlier steps of the job wrote to GITHUB_ENV. */
  withValues?: Readonly<Record<string, string>>;
  handed?: Readonly<Record<string, string>>;
}

/**
 * Does the local JavaScript action a step uses run a publish command it is handed: an input or a
 * variable it runs (`cmd_to_execute: $RELEASE_CMD`), whose value an earlier step wrote to GITHUB_ENV?
 */
function runsHandedPublish(f: StepFacts, context: PublishContext): boolean {
  const action = context.jsActions?.[actionKey(f.uses ?? '')];
  if (!action || action.runs.length === 0) return false;
  const handed = f.handed ?? {};
  const env: Record<string, string> = { ...handed };
  for (const [k, v] of Object.entries(f.withValues ?? {})) env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = expandEnv(v, handed);
  return action.runs.some((name) => env[name] !== undefined && scriptCandidates(env[name]!, context.scripts).some((command) => runPublishesWith(command, context, f.workingDirectory)));
}

/**
 * The `publishes` rule. A step publishes when it runs a publish command (directly or through a
 * package.json script), uses a publishing action or a local action that publishes, or is handed
 * an npm token and is not an install, a token check (or a test that it is set), a build/lint/test script, an
 * `npm deprecate` or the like, or a preview publish: such a step is a publish until proven otherwise.
 */
export function stepFactsPublish(f: StepFacts, context: PublishContext = {}): boolean {
  if (f.run !== undefined) {
    if (runPublishesWith(f.run, context, f.workingDirectory)) return true;
    const lines = f.run.split('\n');
    if (lines.some(isPreviewPublish) || onlyInstalls(f.run) || onlyChecksToken(f.run) || onlyChecksSet(f.run).length > 0 || onlyRunsChecks(f.run) || onlyAdministers(f.run)) return false;
    return f.stepToken || (f.jobToken && looksLikeRelease(f.run));
  }
  if (f.uses === undefined) return false;
  if (actionPublishes(f.uses, f.withKeys, context) || runsHandedPublish(f, context)) return true;
  if (SETUP_ACTIONS.test(f.uses)) return false;
  return f.tokenInput || (f.stepToken && !f.uses.startsWith('./'));
}

/** Actions that set up or install, never publish, even when handed a token (for private dependencies). */
const SETUP_ACTIONS = /^['"]?(?:actions\/[\w.-]+|bahmutov\/npm-install|pnpm\/action-setup)@/i;

export type RegistryKind = 'npmjs' | 'proxy' | 'other';

/** A registry named in a run line or env: `--registry url`, `YARN_NPM_PUBLISH_REGISTRY=url`, `npm config set registry url`. */
export function registryIn(line: string): string | undefined {
  const m = /(?:--registry[=\s]+|\b(?:YARN_NPM_PUBLISH_REGISTRY|YARN_NPM_REGISTRY_SERVER|NPM_CONFIG_REGISTRY|npm_config_registry)=|\bnpm\s+config\s+set\s+registry[=\s]+)['"]?(https?:\/\/[^\s'"]+)/.exec(line);
  return m?.[1];
}

/** Env names that choose the registry a publish goes to. */
export const REGISTRY_ENV = ['YARN_NPM_PUBLISH_REGISTRY', 'YARN_NPM_REGISTRY_SERVER', 'NPM_CONFIG_REGISTRY', 'npm_config_registry'];

/** registry.npmjs.org, a proxy in front of it (Wombat Dressing Room...), or another registry. */
export function registryKind(url: string): RegistryKind {
  const host = /^(?:\w+:)?\/\/([^/:]+)/.exec(url.trim().replace(/^['"]|['"]$/g, ''))?.[1]?.toLowerCase() ?? url.toLowerCase();
  if (host === 'registry.npmjs.org' || host === 'registry.npmjs.com' || host === 'registry.yarnpkg.com') return 'npmjs';
  if (/dressing-room|oss-automation\.appspot|npmjs?-proxy/.test(host)) return 'proxy';
  return 'other';
}
