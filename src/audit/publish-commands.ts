// What one line of shell runs that publishes: the publish commands of npm, pnpm, Yarn, Bun and the
// release tools, read without comments or the text echo prints, and the package.json scripts a line
// runs. The publish rule (publish-rule.ts) and the readers it follows a step into (program files,
// script chains) share these; this module imports none of them.
import { NPX_NPM_PUBLISH } from './npx-npm.js';
import { shellCode } from './script-files.js';
import { blankQuotedData, prints } from './shell-quotes.js';
import { versionScriptsRun } from './version-scripts.js';

/**
 * The Dart cli_pkg package's grinder task (`dart run grinder pkg-npm-deploy`): it builds the npm
 * package into CLI_PKG_FOLDER and runs `npm publish` there, after writing NPM_TOKEN into the
 * project .npmrc when it is set (from cli_pkg 2.15.0 it publishes without one, with npm's own credentials).
 */
export const CLI_PKG_DEPLOY = /\bgrind(?:er)?\s+(?:[\w:-]+\s+)*pkg-npm-deploy\b/;
/** The folder, from where the task runs, that cli_pkg's deploy task publishes. */
export const CLI_PKG_FOLDER = 'build/npm';

const PUBLISH_COMMANDS = [
  /\bnpm\s+(?:--?[\w-]+(?:=\S+)?\s+)*(?:stage\s+)?publish\b/,
  // A newer npm fetched for the one command: `npx --yes npm@^11.5.1 publish`, `pnpm dlx npm@11 publish`.
  NPX_NPM_PUBLISH,
  /\bpnpm\s+(?:(?:-r|--recursive|-F\s+\S+|--filter(?:=|\s+)\S+|-C\s+\S+|--dir(?:=|\s+)\S+)\s+)*publish\b/,
  /\byarn\s+(?:workspaces\s+foreach\b[^;&|#]*?\s)?(?:npm\s+)?publish\b/,
  /\bbun\s+publish\b/,
  /\bsemantic-release\b/,
  // multi-semantic-release as @qiwi/semrel-toolkit names it: semantic-release per workspace package.
  /\bmulti-semrel\b/,
  // aegir's `release` command runs semantic-release (the monorepo plugin in a workspace).
  /\baegir\s+release\b/,
  /\bchangeset\s+publish\b/,
  /\blerna\s+publish\b/,
  /\bauto\s+shipit\b/,
  // Ship.js: `shipjs trigger` runs `npm publish` (then tags, pushes and makes the GitHub release).
  /\bshipjs\s+trigger\b(?![^;&|#]*\s-D\b)/,
  /\bnapi\s+(?:prepublish|pre-publish)\b/,
  /\bnx\s+release\s+publish\b/,
  CLI_PKG_DEPLOY,
  // publib (cdklabs, run by projen's release workflows): `npm publish` of each tarball in dist/js.
  /\bpublib-npm\b/,
  /\bbeachball(?:\.js)?\s+publish\b/,
  /\brelease-it\b(?![^;&|#]*--no-npm)/,
  // Without --publish (-p), `rush publish` only shows what it would change. CI often runs Rush
  // through the install-run-rush.js script Rush generates.
  /\b(?:rush|install-run-rush\.js)\s+publish\b(?=[^;&|#]*\s(?:--publish|-p)\b)/,
];

/** Publishes to a preview registry (pkg.pr.new and the like), not to npm. */
export const PREVIEW = /\bpkg-pr-new\b|\bpkg\.pr\.new\b|\bcontinuous-release\b/;

export const code = shellCode;

/**
 * `--dry-run`, unless a value follows it that may turn it off: npm and pnpm read `--dry-run false`
 * (or `=false`) as no dry run, and `--dry-run "${DRY_RUN}"` is one only when the variable says so.
 */
export const DRY_RUN = /--dry-run\b(?![=\s]+["']?(?:false\b|\$))/;

/** Output piped into a shell or eval: what echo or printf prints there runs. */
const PIPED_TO_SHELL = /\|\s*(?:(?:ba|z|da)?sh|xargs|source)\b|\beval\b/;

/**
 * A line of shell without its comment, and without the quoted text echo and printf only print
 * (`echo "… npm publish was skipped."`), unless it is piped into a shell.
 */
const commandText = (line: string): string => {
  const text = code(line);
  return PIPED_TO_SHELL.test(text) ? text : blankQuotedData(text, prints);
};

/** Does one line of shell publish to npm? Dry runs, preview publishers and text echo prints do not. */
export function commandPublishes(line: string): boolean {
  const text = commandText(line);
  if (!text || DRY_RUN.test(text) || PREVIEW.test(text)) return false;
  return PUBLISH_COMMANDS.some((re) => re.test(text));
}

/** A preview publisher (pkg-pr-new...): it never needs npm's trusted publishing. */
export function isPreviewPublish(line: string): boolean {
  return PREVIEW.test(code(line));
}

/**
 * The names of the package.json scripts a line runs (`npm run x`, `pnpm x`, `yarn x`, `bun run x`),
 * and the version scripts a bump runs (`pnpm version patch`: preversion, version, postversion;
 * none under Yarn 2+, `yarnBerry`).
 */
export function scriptsRun(line: string, scripts: Readonly<Record<string, string>> = {}, yarnBerry = false): string[] {
  const names: string[] = [];
  const text = commandText(line);
  for (const m of text.matchAll(/\b(?:npm|pnpm|yarn|bun)\s+(?:(?:-w|-r|--filter(?:=|\s+)\S+|-F\s+\S+|--silent|-s)\s+)*(run(?:-script)?\s+)?([@\w:.-]+)/g)) {
    // `npm version` is the package manager's own command; `npm run version` runs the script.
    if (m[2] === 'version' && !m[1]) continue;
    if (Object.hasOwn(scripts, m[2]!)) names.push(m[2]!);
  }
  for (const name of versionScriptsRun(text, scripts, yarnBerry)) if (!names.includes(name)) names.push(name);
  return names;
}
