// A package.json a step writes whole in CI from JSON text it holds (`echo '{ "name": … }' >
// package.json`, a heredoc to `cat > package.json`, `jq -n '…' > package.json`) where a publish
// runs: its name is read from that text, and --migrate adds "repository" there (npm compares it
// with the repository in the OIDC token: E422 without it).
import { posix } from 'node:path';
import type { Job, Step, Workflow } from '../audit/workflow-model.js';
import { checkPackageName } from '../text/package-name.js';
import { cleanFolder, workingDirectory } from './publish-folders.js';

/** `"name": "<literal>"` in the JSON text (not an escaped `\"name\"`, nor a value with a variable). */
const NAME = /"name"\s*:\s*"([^"\\$]+)"/g;

/** The folder a step writes package.json into: its working directory, a `cd` before the write, then the path written. */
function writtenFolder(workflow: Workflow, job: Job, step: Step): string | undefined {
  const run = step.run ?? '';
  const write = />\s*["']?([^\s"'<>;&|]*package\.json)["']?(?=[\s;&|)]|$)/.exec(run);
  if (!write || !/\{/.test(run)) return undefined;
  const cd = [...run.slice(0, write.index).matchAll(/^\s*cd\s+([^\s;&|]+)\s*(?:&&|;|$)/gm)].map((m) => m[1]!);
  const dir = posix.dirname(posix.join(workingDirectory(workflow, job, step) ?? '', ...cd, write[1]!));
  return /[$~]/.test(dir) || dir.startsWith('/') ? undefined : cleanFolder(dir);
}

/**
 * The last step of `job` before `publish` that writes `dir`/package.json from JSON text naming
 * one literal, valid package name; undefined when there is none.
 */
export function writtenManifest(workflow: Workflow, job: Job, dir: string, publish: Step): { step: Step; name: string } | undefined {
  const step = job.steps
    .slice(0, job.steps.indexOf(publish))
    .reverse()
    .find((s) => writtenFolder(workflow, job, s) === dir);
  const names = [...(step?.run ?? '').matchAll(NAME)].map((m) => m[1]!);
  return step && names.length === 1 && checkPackageName(names[0]!).errors.length === 0 ? { step, name: names[0]! } : undefined;
}

/**
 * The JSON text of such a step with `"repository"` beside its name (after it when a comma follows,
 * else before it), on a line of its own where the name is; undefined when it has one already.
 */
export function withRepository(run: string, url: string): string | undefined {
  if (/"repository"\s*:/.test(run)) return undefined;
  const at = new RegExp(NAME.source).exec(run);
  if (!at) return undefined;
  const field = `"repository": { "type": "git", "url": "${url}" },`;
  const lineStart = run.lastIndexOf('\n', at.index) + 1;
  const indent = /^\s*$/.test(run.slice(lineStart, at.index)) ? run.slice(lineStart, at.index) : undefined;
  const sep = indent === undefined ? ' ' : `\n${indent}`;
  const comma = /^\s*,/.exec(run.slice(at.index + at[0].length));
  const after = comma ? at.index + at[0].length + comma[0].length : -1;
  return after >= 0 ? `${run.slice(0, after)}${sep}${field}${run.slice(after)}` : `${run.slice(0, at.index)}${field}${sep}${run.slice(at.index)}`;
}
