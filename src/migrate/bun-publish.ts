// `bun publish` has no OIDC exchange (none in a bun release up to 1.4.5): npm publishes the same
// package. The command is rewritten where the job runs it (`run:`) or hands it to
// changesets/action (`publish:`). npm does not resolve bun's `workspace:` and `catalog:` versions,
// and has no counterpart for some bun flags: there the migration stops and says why. bun's
// `--tolerate-republish` (exit 0 when the version is already published) becomes a check with
// `npm view` before `npm publish`, where the command is a line of a bash script of its own.
import { isScalar, Scalar, type YAMLMap } from 'yaml';
import { argWords, commandWithArgs } from './command-args.js';
import { MigrateError } from './errors.js';
import type { JobView } from './jobs.js';
import { mapOf, nodeOf, textOf } from './nodes.js';
import { refuseBunScriptPublish } from './bun-script-publish.js';

/** `bun publish` and its arguments, up to the end of that command (`&&`, `;`, `|`, end of line). */
const BUN_COMMAND = commandWithArgs(String.raw`\bbun\s+publish\b(?![:\w-])`, 'g');
/** bun publish flags npm publish reads the same way (with or without a value). */
const SAME_IN_NPM = new Set(['--access', '--tag', '--dry-run', '--otp', '--auth-type', '--registry', '--ignore-scripts']);
const TOLERATE = '--tolerate-republish';
const WITH_VALUE = new Set(['--access', '--tag', '--otp', '--auth-type', '--registry']);

function npmArgs(args: string, where: string): string {
  const words = argWords(args);
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (!word.startsWith('-')) continue;
    const flag = word.includes('=') ? word.slice(0, word.indexOf('=')) : word;
    if (!SAME_IN_NPM.has(flag)) {
      const own = flag === TOLERATE ? ' (migrate rewrites it where `bun publish` is a line of its own in a bash script, with no tarball argument)' : '';
      throw new MigrateError(`${where} runs \`bun publish ${args.trim()}\`: bun cannot publish with trusted publishing, and npm publish has no ${flag}${own}. Publish with \`npm publish\` (npm 11.5.1+ does the OIDC exchange), then migrate again.`);
    }
    if (WITH_VALUE.has(flag) && !word.includes('=')) i++;
  }
  return args;
}

/** The `workspace:`/`catalog:` dependency bun would rewrite on publish, if the package has one. */
function bunOnlyVersion(readFile: ((path: string) => string | undefined) | undefined, dir: string): string | undefined {
  const text = readFile?.(dir ? `${dir.replace(/\/+$/, '')}/package.json` : 'package.json');
  if (text === undefined) return undefined;
  try {
    const pkg = JSON.parse(text) as Record<string, unknown>;
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
      const deps = pkg[field];
      if (typeof deps !== 'object' || deps === null) continue;
      for (const [name, range] of Object.entries(deps)) if (typeof range === 'string' && /^(?:workspace|catalog):/.test(range)) return `${name}@${range}`;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** A script line that is only `bun publish` and its arguments: group 1 the indent, group 2 the arguments. */
const BUN_LINE = new RegExp(String.raw`^([ \t]*)bun\s+publish${commandWithArgs('').source}[ \t]*$`);

/** True when the step's `run:` is a bash script (the default shell on Linux and macOS runners). */
function runsBash(step: YAMLMap, job: JobView): boolean {
  const shell = textOf(step, 'shell') ?? textOf(mapOf(mapOf(job.node, 'defaults'), 'run'), 'shell');
  if (shell !== undefined) return /^(?:bash|sh)\b/.test(shell);
  return !/windows/i.test(textOf(job.node, 'runs-on') ?? '');
}

/**
 * The lines that stand for `bun publish <args> --tolerate-republish`: npm publish runs unless the
 * registry already lists the version of the package.json in the step's folder.
 */
function publishUnlessPublished(indent: string, npmFlags: string): string {
  return [
    `pkg_name=$(node -p "require('./package.json').name")`,
    `pkg_version=$(node -p "require('./package.json').version")`,
    `if [ "$(npm view "$pkg_name@$pkg_version" version 2>/dev/null)" = "$pkg_version" ]; then`,
    `  echo "$pkg_name@$pkg_version is already published: skipped"`,
    'else',
    `  npm publish${npmFlags}`,
    'fi',
  ].map((line) => indent + line).join('\n');
}

/** Rewrites each line that is only `bun publish … --tolerate-republish …`; other lines stay as they are. */
function tolerateRepublish(script: string, where: string): string {
  return script.split('\n').map((line) => {
    const m = BUN_LINE.exec(line);
    if (!m) return line;
    const words = argWords(m[2]!);
    if (!words.includes(TOLERATE)) return line;
    const rest = words.filter((w) => w !== TOLERATE);
    // A tarball argument: no package.json in the folder to read the name and version from.
    if (rest.some((w, i) => !w.startsWith('-') && !(i > 0 && WITH_VALUE.has(rest[i - 1]!)))) return line;
    return publishUnlessPublished(m[1]!, npmArgs(rest.map((w) => ` ${w}`).join(''), where));
  }).join('\n');
}

function rewrite(step: YAMLMap, node: unknown, job: JobView, notes: string[], readFile: ((path: string) => string | undefined) | undefined, isRun = false): void {
  if (!isScalar(node) || typeof node.value !== 'string' || !new RegExp(BUN_COMMAND.source).test(node.value)) return;
  const where = `job "${job.id}"`;
  const dep = bunOnlyVersion(readFile, textOf(step, 'working-directory') ?? '');
  if (dep) {
    throw new MigrateError(`${where} publishes with \`bun publish\`, which has no trusted publishing, and the package depends on ${dep}, a version only bun resolves when it packs: pack with \`bun pm pack\` and publish the tarball with \`npm publish <file>.tgz\`, then migrate again.`);
  }
  const before = node.value;
  let value = isRun && runsBash(step, job) ? tolerateRepublish(before, where) : before;
  const tolerated = value !== before;
  value = value.replace(BUN_COMMAND, (_whole: string, args: string) => `npm publish${npmArgs(args, where)}`);
  if (value.includes('\n') && !before.includes('\n')) {
    // A one-line `run:` that became a script: a `run: |` block.
    value += '\n';
    node.type = Scalar.BLOCK_LITERAL;
  }
  node.value = value;
  notes.push(`${where}: bun publish -> npm publish (bun cannot publish with trusted publishing; it still installs and builds)`);
  if (tolerated) notes.push(`${where}: bun publish --tolerate-republish -> npm publish, skipped when \`npm view\` already lists the package's version`);
}

/** Rewrites `bun publish` in the job's `run:` steps and in changesets/action's `publish:` input. */
export function bunPublish(job: JobView, notes: string[], readFile?: (path: string) => string | undefined): void {
  refuseBunScriptPublish(job, readFile);
  for (const step of job.steps) {
    rewrite(step, nodeOf(step, 'run'), job, notes, readFile, true);
    if (/^changesets\/action@/i.test(textOf(step, 'uses') ?? '')) {
      const withMap = mapOf(step, 'with');
      if (withMap) rewrite(step, nodeOf(withMap, 'publish'), job, notes, readFile);
    }
  }
}
