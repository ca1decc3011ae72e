// Yarn's publish commands, which cannot do the OIDC exchange: Yarn 1's `yarn publish` becomes
// npm's, and Yarn Berry before 4.10.3 packs while npm publishes the tarball.
import { isScalar } from 'yaml';
import { berryWithoutOidc, YARN1_PUBLISH, YARN_OIDC_MIN } from '../doctor/packages.js';
import { argWords, commandWithArgs } from './command-args.js';
import { MigrateError } from './errors.js';
import { publishSteps, type JobView } from './jobs.js';
import { withPackageScripts } from './scripts.js';
import { workspaceScriptsRun, type WorkspaceScript } from '../detect/yarn-workspace-scripts.js';
import { mapOf, nodeOf, textOf } from './nodes.js';

/** `yarn publish` and its arguments, up to the end of that command (`&&`, `;`, `|`, end of line). */
export const YARN1_COMMAND = commandWithArgs(YARN1_PUBLISH.source);
const BUMPS = ['major', 'minor', 'patch', 'premajor', 'preminor', 'prepatch', 'prerelease'];

/**
 * One `yarn publish ...` as npm commands. Yarn 1 sets the version first when asked
 * (`--new-version X` or a bump flag; the same version is no change), then publishes:
 * `npm version X --allow-same-version` does that step (committing and tagging unless
 * `--no-git-tag-version`, as yarn does), then `npm publish` with the remaining arguments.
 */
export function npmForYarnPublish(args: string): string {
  const words = argWords(args);
  const publish: string[] = [];
  const version: string[] = [];
  let target: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const [flag, inline] = word.startsWith('--') && word.includes('=') ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)] : [word, undefined];
    const value = () => inline ?? words[++i] ?? '';
    if (flag === '--non-interactive' || flag === '--not-interactive') continue;
    if (flag === '--new-version') target = value();
    else if (BUMPS.includes(flag.slice(2)) && flag.startsWith('--')) target = flag.slice(2);
    else if (flag === '--no-git-tag-version' || flag === '--no-commit-hooks') version.push(flag);
    else if (flag === '--preid' || flag === '--message') version.push(flag, value());
    else publish.push(word);
  }
  const npmPublish = ['npm publish', ...publish].join(' ');
  if (target === undefined) return npmPublish;
  return [['npm version', target, '--allow-same-version', ...version].join(' '), npmPublish].join(' && ');
}

export function yarnPublish(job: JobView, notes: string[]): void {
  for (const step of job.steps) {
    const node = nodeOf(step, 'run');
    if (!isScalar(node) || typeof node.value !== 'string' || !YARN1_PUBLISH.test(node.value)) continue;
    let bumps = false;
    const lines = node.value.split('\n').map((line) => {
      // `//` is no shell comment: the shell hands it on, and Yarn reads it as the folder to publish.
      let slashes = false;
      const npm = line.replace(YARN1_COMMAND, (_whole: string, args: string) => {
        if (argWords(args).includes('//')) slashes = true;
        const command = npmForYarnPublish(args);
        if (command.startsWith('npm version')) bumps = true;
        return command;
      });
      // A second `yarn publish` the rewrite carried along as an argument (in a command
      // substitution, say) would still run Yarn 1's publish, which cannot publish without the token.
      if (YARN1_PUBLISH.test(npm)) {
        const inside = /`[^`]*\byarn\s+publish\b|\$\([^)]*\byarn\s+publish\b/.test(line) ? ' inside a command substitution' : '';
        throw new MigrateError(
          `job "${job.id}" runs \`${line.trim()}\`, which holds a second \`yarn publish\`${inside} that this tool does not rewrite: Yarn 1 cannot publish with trusted publishing. Make that line one \`npm publish\`, then migrate again.`,
        );
      }
      if (slashes) {
        throw new MigrateError(
          `job "${job.id}" runs \`${line.trim()}\`: the shell has no \`//\` comments, so \`yarn publish\` gets \`//\` (the file system root) as the folder to publish, and the words after it as more arguments; this line publishes nothing. Remove the comment (a shell comment starts with #), then migrate again.`,
        );
      }
      return npm;
    });
    node.value = lines.join('\n');
    notes.push(`job "${job.id}": yarn publish -> ${bumps ? 'npm version, then npm publish' : 'npm publish'} (Yarn 1 cannot publish with trusted publishing; it still installs)`);
  }
}

/** `yarn npm publish`, alone or run by `yarn workspaces foreach`, on a line that is not a comment. */
const YARN_NPM_PUBLISH = /^[^#]*\byarn\b[^#;&|]*\bnpm\s+publish\b/;

/** The packageManager field that applies in `dir`: the nearest package.json up to the top that names one (as Corepack reads it). */
function packageManagerIn(dir: string, readFile: (path: string) => string | undefined): string | undefined {
  const parts = dir.includes('${{') ? [] : dir.split('/').filter((part) => part !== '' && part !== '.');
  for (let depth = parts.length; depth >= 0; depth--) {
    const path = [...parts.slice(0, depth), 'package.json'].join('/');
    try {
      const field = (JSON.parse(readFile(path) ?? 'null') as { packageManager?: unknown } | null)?.packageManager;
      if (typeof field === 'string') return field;
    } catch {
      // Not JSON: the next package.json up decides.
    }
  }
  return undefined;
}

/** `yarn npm publish` and its arguments, up to the end of that command (`&&`, `;`, `|`, end of line). */
const YARN_NPM_COMMAND = commandWithArgs(String.raw`\byarn\s+npm\s+publish\b`, 'g');
/** `workspace <name>` with a package name written out (no expression, quote or variable). */
const WORKSPACE = /^workspace\s+(?:@[\w.~-]+\/)?[\w.~-]+$/;
/** `yarn workspace <name> npm publish` and its arguments: group 1 the name, group 2 the arguments. */
const YARN_WORKSPACE_NPM_COMMAND = commandWithArgs(String.raw`\byarn\s+workspace\s+((?:@[\w.~-]+\/)?[\w.~-]+)\s+npm\s+publish\b`, 'g');
/** `yarn npm publish` flags npm publish reads the same way. */
const SAME_IN_NPM = /^--(?:access|tag|otp|provenance|dry-run)(?:=|$)/;

/**
 * Yarn Berry before 4.10.3 has no OIDC exchange: once the token is gone its `yarn npm publish`
 * cannot publish. Yarn still packs (resolving `workspace:` ranges and publishConfig as it would
 * for publishing), and npm publishes the tarball with the exchange: `yarn pack --out package.tgz
 * && npm publish package.tgz`. Through `yarn workspace <name>`, Yarn runs the command in that
 * workspace's folder and resolves a relative `--out` from there, so the tarball path is made
 * absolute by the shell (`$PWD`) before Yarn changes folder, and npm publishes that same path.
 * Run across workspaces, through another command, or with a flag npm lacks, the migration stops.
 */
/**
 * The workspace script a step runs through `yarn workspace <name> run <script>` (in its own lines or
 * in a top package.json script they name) that runs `yarn npm publish`; `workspaces` maps each
 * workspace's name to its folder.
 */
function workspaceScriptPublish(run: string, readFile: (path: string) => string | undefined, workspaces: Readonly<Record<string, string>>): WorkspaceScript | undefined {
  const manifest = (name: string) => {
    const dir = workspaces[name];
    const file = dir === undefined ? undefined : dir === '' ? 'package.json' : `${dir}/package.json`;
    const raw = file === undefined ? undefined : readFile(file);
    return file !== undefined && raw !== undefined ? { file, raw } : undefined;
  };
  return workspaceScriptsRun(withPackageScripts(run, readFile), manifest).find((s) => s.text.split(/&&|;|\|\|/).some((part) => YARN_NPM_PUBLISH.test(part)));
}

export function packOldBerryPublish(job: JobView, notes: string[], readFile: ((path: string) => string | undefined) | undefined, workspaces: Readonly<Record<string, string>> = {}): void {
  if (!readFile) return;
  const jobDir = textOf(mapOf(mapOf(job.node, 'defaults'), 'run'), 'working-directory');
  for (const step of publishSteps(job)) {
    const run = nodeOf(step, 'run');
    if (!isScalar(run) || typeof run.value !== 'string') continue;
    const direct = run.value.split('\n').some((line) => YARN_NPM_PUBLISH.test(line));
    // The package.json scripts the step runs (one level, as the publish rule follows them).
    const scripted = !direct && withPackageScripts(run.value, readFile).split('\n').slice(run.value.split('\n').length).some((line) => YARN_NPM_PUBLISH.test(line));
    const inWorkspace = direct || scripted ? undefined : workspaceScriptPublish(run.value, readFile, workspaces);
    if (!direct && !scripted && !inWorkspace) continue;
    const field = packageManagerIn(textOf(step, 'working-directory') ?? jobDir ?? '', readFile);
    if (!berryWithoutOidc(field)) continue;
    const stop = (why: string) =>
      new MigrateError(`job "${job.id}" publishes with \`yarn npm publish\` on ${field}, and Yarn supports trusted publishing from ${YARN_OIDC_MIN}; ${why}: run \`yarn set version stable\` (or publish with \`npm publish\`), then migrate again.`);
    if (scripted) throw stop('it runs in a package.json script the step calls, which this migration does not rewrite');
    if (inWorkspace) throw stop(`it runs in the "${inWorkspace.script}" script of ${inWorkspace.file}, which \`yarn workspace ${inWorkspace.name} run ${inWorkspace.script}\` starts, and this migration does not rewrite package.json scripts`);
    const lines = run.value.split('\n').filter((line) => YARN_NPM_PUBLISH.test(line));
    if (lines.some((line) => /\bworkspaces\s+foreach\b/.test(line))) throw stop('it runs across workspaces, where no one tarball can be handed to npm');
    // The words between `yarn` and `npm publish`: none, or `workspace <name>` with a literal name.
    const through = lines.map((line) => /\byarn\s+([^#;&|]*?)\s*\bnpm\s+publish\b/.exec(line)?.[1]).find((words) => words !== undefined && words !== '' && !WORKSPACE.test(words));
    if (through) throw stop(`it runs through \`yarn ${through}\`, and this migration does not work out which folder's tarball npm would publish`);
    run.value = run.value.replace(YARN_NPM_COMMAND, (_whole: string, args: string) => {
      const other = argWords(args).find((word) => word.startsWith('-') && !SAME_IN_NPM.test(word));
      if (other) throw stop(`npm publish has no ${other.replace(/=.*$/, '')}`);
      return `yarn pack --out package.tgz && npm publish package.tgz${args}`;
    });
    run.value = (run.value as string).replace(YARN_WORKSPACE_NPM_COMMAND, (_whole: string, name: string, args: string) => {
      const other = argWords(args).find((word) => word.startsWith('-') && !SAME_IN_NPM.test(word));
      if (other) throw stop(`npm publish has no ${other.replace(/=.*$/, '')}`);
      const tarball = `"$PWD/${name.replace(/^@/, '').replace('/', '-')}.tgz"`;
      return `yarn workspace ${name} pack --out ${tarball} && npm publish ${tarball}${args}`;
    });
    notes.push(`job "${job.id}": yarn npm publish -> yarn pack, then npm publish of the tarball (${field} cannot publish with trusted publishing; npm 11.5.1 or newer does the exchange)`);
  }
}
