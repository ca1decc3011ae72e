// `bun publish` has no OIDC exchange: npm publishes the same package. The command is rewritten
// where the job runs it (`run:`) or hands it to changesets/action (`publish:`). npm does not
// resolve bun's `workspace:` and `catalog:` versions, and has no counterpart for some bun flags:
// there the migration stops and says why.
import { isScalar, type YAMLMap } from 'yaml';
import { argWords, commandWithArgs } from './command-args.js';
import { MigrateError } from './errors.js';
import type { JobView } from './jobs.js';
import { mapOf, nodeOf, textOf } from './nodes.js';

/** `bun publish` and its arguments, up to the end of that command (`&&`, `;`, `|`, end of line). */
const BUN_COMMAND = commandWithArgs(String.raw`\bbun\s+publish\b(?![:\w-])`, 'g');
/** bun publish flags npm publish reads the same way (with or without a value). */
const SAME_IN_NPM = new Set(['--access', '--tag', '--dry-run', '--otp', '--auth-type', '--registry', '--ignore-scripts']);
const WITH_VALUE = new Set(['--access', '--tag', '--otp', '--auth-type', '--registry']);

function npmArgs(args: string, where: string): string {
  const words = argWords(args);
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (!word.startsWith('-')) continue;
    const flag = word.includes('=') ? word.slice(0, word.indexOf('=')) : word;
    if (!SAME_IN_NPM.has(flag)) {
      throw new MigrateError(`${where} runs \`bun publish ${args.trim()}\`: bun cannot publish with trusted publishing, and npm publish has no ${flag}. Publish with \`npm publish\` (npm 11.5.1+ does the OIDC exchange), then migrate again.`);
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

function rewrite(step: YAMLMap, node: unknown, job: JobView, notes: string[], readFile: ((path: string) => string | undefined) | undefined): void {
  if (!isScalar(node) || typeof node.value !== 'string' || !new RegExp(BUN_COMMAND.source).test(node.value)) return;
  const where = `job "${job.id}"`;
  const dep = bunOnlyVersion(readFile, textOf(step, 'working-directory') ?? '');
  if (dep) {
    throw new MigrateError(`${where} publishes with \`bun publish\`, which has no trusted publishing, and the package depends on ${dep}, a version only bun resolves when it packs: pack with \`bun pm pack\` and publish the tarball with \`npm publish <file>.tgz\`, then migrate again.`);
  }
  node.value = node.value.replace(BUN_COMMAND, (_whole: string, args: string) => `npm publish${npmArgs(args, where)}`);
  notes.push(`${where}: bun publish -> npm publish (bun cannot publish with trusted publishing; it still installs and builds)`);
}

/** Rewrites `bun publish` in the job's `run:` steps and in changesets/action's `publish:` input. */
export function bunPublish(job: JobView, notes: string[], readFile?: (path: string) => string | undefined): void {
  for (const step of job.steps) {
    rewrite(step, nodeOf(step, 'run'), job, notes, readFile);
    if (/^changesets\/action@/i.test(textOf(step, 'uses') ?? '')) {
      const withMap = mapOf(step, 'with');
      if (withMap) rewrite(step, nodeOf(withMap, 'publish'), job, notes, readFile);
    }
  }
}
