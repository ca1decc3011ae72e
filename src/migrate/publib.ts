// publib's publib-npm (cdklabs/publib) writes NPM_TOKEN into ~/.npmrc and stops without it, unless
// NPM_TRUSTED_PUBLISHER is set (from publib 0.2.1008): then it leaves the token out and its
// `npm publish` does the OIDC exchange (npm 11.5.1+). projen generates such workflows; its
// npmTrustedPublishing option sets the variable there.
import type { Document } from 'yaml';
import { isScalar } from 'yaml';
import { publishSteps, type JobView } from './jobs.js';
import { insertBefore, mapOf, nodeOf, setScalar, textOf } from './nodes.js';

export const PUBLIB_NPM = /\bpublib-npm\b/;
const FIRST = [0, 2, 1008] as const;
/** `publib@0.2.900`, `-p "publib@^0.1.5"`: an exact version, or a range, too old for NPM_TRUSTED_PUBLISHER. */
const PIN = /(?<![\w@/.-])publib@(["']?)([\^~]?)(\d+)\.(\d+)(?:\.(\d+))?(?![\w.])/g;
const older = (v: number[]) => v[0]! - FIRST[0] || v[1]! - FIRST[1] || v[2]! - FIRST[2];

/** Sets NPM_TRUSTED_PUBLISHER on the steps that run publib-npm, and raises an old publib named on their run lines. */
export function publibTrustedPublisher(doc: Document, job: JobView, notes: string[], left: string[] | undefined, readFile?: (path: string) => string | undefined): void {
  const steps = publishSteps(job).filter((step) => PUBLIB_NPM.test(textOf(step, 'run') ?? ''));
  for (const step of steps) {
    if (!mapOf(step, 'env')) insertBefore(doc, step, 'env', {}, ['run']);
    setScalar(doc, mapOf(step, 'env')!, 'NPM_TRUSTED_PUBLISHER', 'true');
    notes.push(`job "${job.id}": publib-npm publishes with trusted publishing (NPM_TRUSTED_PUBLISHER: "true")`);
    const run = nodeOf(step, 'run');
    if (!isScalar(run) || typeof run.value !== 'string') continue;
    run.value = run.value.replace(PIN, (all, quote: string, op: string, ...v: string[]) => {
      const version = v.slice(0, 3).map((n) => Number(n ?? 0));
      if (op ? version[0]! > 0 || version[1]! >= FIRST[1] : older(version) >= 0) return all;
      notes.push(`job "${job.id}": runs publib@${FIRST.join('.')} (was ${all.slice(7).replace(/["']/g, '')}), the first with NPM_TRUSTED_PUBLISHER`);
      return `publib@${quote}${FIRST.join('.')}`;
    });
  }
  const projenrc = ['.projenrc.ts', '.projenrc.js', '.projenrc.py', '.projenrc.json', '.projenrc.java'].find((path) => readFile?.(path) !== undefined);
  if (steps.length > 0 && projenrc) left?.push(`job "${job.id}": projen generates this workflow (${projenrc}): set npmTrustedPublishing: true there and drop the npm token, or the next \`projen\` run writes the token back.`);
}
