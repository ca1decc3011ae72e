// An actions/cache step in a job that publishes [cache-poisoning]. A dependency cache goes, and
// so does what read its id: a step that only skipped work on a cache hit (`if:
// steps.<id>.outputs.cache-hit != 'true'`, the install) now runs every time, and one that ran
// only on a hit goes with it. A cache that carries build output from another job of the same run
// (its key from github.sha or run_id, or its paths a build folder the job does not build itself)
// stays (see audit/cache-build.ts), named under "Left for you": without it the job would publish
// packages that were never built. Any other read of the id stops the migration: no step may
// point at a removed one.
import type { YAMLMap } from 'yaml';
import type { JobView } from './jobs.js';
import { MigrateError } from './errors.js';
import { nodeOf, removeItem, removeKey, textOf } from './nodes.js';
import { references, unwrap } from './token-presence-output.js';
import { carriedBuild } from '../audit/cache-build.js';

/** actions/cache, actions/cache/restore or actions/cache/save, at any ref. */
export const isCacheStep = (step: YAMLMap): boolean => /^actions\/cache(?:\/(?:restore|save))?@/i.test(textOf(step, 'uses') ?? '');

type Read = { kind: 'miss' | 'hit'; rest: string[] };

/** `steps.<id>.` as a pattern (a step id holds letters, digits, `_` and `-`). */
const stepRef = (id: string) => String.raw`\bsteps\.${id.replace(/-/g, '\\-')}\.`;

/** How often a text names `steps.<id>.`. */
const mentions = (text: string, id: string) => text.match(new RegExp(stepRef(id), 'g'))?.length ?? 0;

/**
 * What a condition asks of `steps.<id>.outputs.cache-hit`: runs on a miss (skips work the cache
 * would have done) or only on a hit, with its other conjuncts; undefined for anything else.
 */
function readCacheHit(condition: string, id: string): Read | undefined {
  const body = unwrap(condition.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1'));
  if (/\|\|/.test(body)) return undefined;
  const hit = String.raw`${stepRef(id)}outputs\.cache-hit`;
  // `'true'` or `true`, `'false'` or `false`, on either side of the comparison.
  const is = (op: string, value: string) => String.raw`${hit}\s*${op}\s*(?:'${value}'|${value})|(?:'${value}'|${value})\s*${op}\s*${hit}`;
  const miss = new RegExp(String.raw`^(?:${is('!=', 'true')}|${is('==', 'false')}|!\s*${hit})$`, 'i');
  const onHit = new RegExp(String.raw`^(?:${is('==', 'true')}|${hit})$`, 'i');
  const rest: string[] = [];
  let kind: Read['kind'] | undefined;
  for (const part of body.split('&&').map(unwrap)) {
    if (miss.test(part)) kind ??= 'miss';
    else if (onHit.test(part)) kind = 'hit';
    else if (mentions(part, id) > 0) return undefined;
    else rest.push(part);
  }
  return kind ? { kind, rest } : undefined;
}

/**
 * Removes a cache step from a job that publishes, with the conditions that read its id, or keeps
 * one that carries build output and says why in `left`.
 */
export function retireCacheStep(job: JobView, step: YAMLMap, notes: string[], left?: string[]): void {
  const uses = (textOf(step, 'uses') ?? 'actions/cache').replace(/@.*$/, '');
  const name = textOf(step, 'name') ?? uses;
  const carried = carriedBuild(step, job.steps);
  if (carried) {
    left?.push(
      `job "${job.id}": kept the ${uses} step "${name}", a cache written by another job of the run (${carried}): without it the job would publish packages that were never built. Hand the build over as an artifact instead, as the cache finding above says.`,
    );
    return;
  }
  const id = textOf(step, 'id');
  const readers = id === undefined ? [] : job.steps.flatMap((s) => {
    const condition = textOf(s, 'if');
    const read = s === step || condition === undefined || mentions(condition, id) === 0 ? undefined : readCacheHit(condition, id);
    return read ? [{ step: s, condition: condition!, ...read }] : [];
  });
  if (id !== undefined && references(job, id) !== readers.reduce((n, r) => n + mentions(r.condition, id), 0)) {
    throw new MigrateError(
      `job "${job.id}" is not migrated: it reads steps.${id}, the outputs of the ${uses} step "${name}", other than to skip work on a cache hit, and that step has to go from a job that publishes (a poisoned cache would run with publish rights). Make the job work without it, then migrate again.`,
    );
  }
  const seq = nodeOf(job.node, 'steps');
  for (const reader of readers) {
    const readerName = textOf(reader.step, 'name') ?? textOf(reader.step, 'uses') ?? 'a step';
    if (reader.kind === 'hit') {
      removeItem(seq, reader.step);
      job.steps.splice(job.steps.indexOf(reader.step), 1);
      notes.push(`job "${job.id}": removed "${readerName}", which ran only on a hit of the cache step "${name}" (removed)`);
      continue;
    }
    if (reader.rest.length === 0) removeKey(reader.step, 'if');
    else {
      const rest = reader.rest.join(' && ');
      (nodeOf(reader.step, 'if') as { value: unknown }).value = rest.startsWith('!') ? `\${{ ${rest} }}` : rest;
    }
    const now = reader.rest.length === 0 ? 'now runs every time' : 'no longer waits for a cache miss';
    notes.push(`job "${job.id}": "${readerName}" ${now} (its if: skipped it on a hit of the removed cache step "${name}")`);
  }
  removeItem(seq, step);
  job.steps.splice(job.steps.indexOf(step), 1);
  notes.push(`job "${job.id}": removed the ${uses} step`);
}
