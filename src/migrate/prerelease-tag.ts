// npm 11 refuses to publish a prerelease version (1.5.0-beta.1) without --tag, where npm 10 put it
// on `latest`. The job moves to npm 11.5.1 or newer for the OIDC exchange, so an `npm publish` of a
// package whose version is a prerelease gets `--tag latest`: the dist-tag it got before, and no
// change for a release version. A publish that names its tag (a flag, or publishConfig.tag), a
// folder or a tarball, or runs where the package cannot be read, is left as it is.
import { isScalar } from 'yaml';
import { argWords, commandWithArgs } from './command-args.js';
import { publishSteps, type JobView } from './jobs.js';
import { mapOf, nodeOf, textOf } from './nodes.js';

const NPM_PUBLISH = commandWithArgs(String.raw`\bnpm\s+publish\b`, 'g');
const PRERELEASE = /^\d+\.\d+\.\d+-[0-9A-Za-z.-]+(?:\+[0-9A-Za-z.-]+)?$/;

/** npm publish flags that take the next word as their value. */
const VALUED = new Set(['--access', '--otp', '--registry']);

/** The publish names no tag, folder, tarball or workspace: only flags (and the values of those above). */
function onlyFlags(words: string[]): boolean {
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (!word.startsWith('-') || /^(?:--tag|--workspaces?|-w)(?:=|$)/.test(word)) return false;
    if (VALUED.has(word)) i++;
  }
  return true;
}

/** The version of the package in `dir` when it is a prerelease with no publishConfig.tag. */
function prereleaseIn(dir: string, readFile: (path: string) => string | undefined): string | undefined {
  if (dir.includes('${{')) return undefined;
  const path = [...dir.split('/').filter((part) => part !== '' && part !== '.'), 'package.json'].join('/');
  try {
    const pkg = JSON.parse(readFile(path) ?? 'null') as { version?: unknown; publishConfig?: { tag?: unknown } } | null;
    if (typeof pkg?.version !== 'string' || !PRERELEASE.test(pkg.version) || pkg.publishConfig?.tag !== undefined) return undefined;
    return pkg.version;
  } catch {
    return undefined;
  }
}

export function prereleaseTag(job: JobView, notes: string[], readFile: ((path: string) => string | undefined) | undefined): void {
  if (!readFile) return;
  const jobDir = textOf(mapOf(mapOf(job.node, 'defaults'), 'run'), 'working-directory');
  for (const step of publishSteps(job)) {
    const run = nodeOf(step, 'run');
    if (!isScalar(run) || typeof run.value !== 'string') continue;
    const version = prereleaseIn(textOf(step, 'working-directory') ?? jobDir ?? '', readFile);
    if (!version) continue;
    let tagged = false;
    run.value = run.value.replace(NPM_PUBLISH, (whole: string, args: string) => {
      if (!onlyFlags(argWords(args))) return whole;
      tagged = true;
      return `${whole} --tag latest`;
    });
    if (tagged) notes.push(`job "${job.id}": npm publish --tag latest (version ${version} is a prerelease: npm 11 publishes one only with a --tag, npm 10 put it on latest)`);
  }
}
