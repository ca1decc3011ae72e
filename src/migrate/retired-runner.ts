// [retired-runner]: a publishing job on a runner image GitHub has removed never starts, nor does a
// job it waits for (then the publish never runs). The label becomes the one GitHub advised for the
// removal; every other label stays as written.
import { isMap, isScalar, isSeq, type Scalar } from 'yaml';
import { retiredRunnerReplacement } from '../audit/retired-runners.js';
import { nodeOf } from './nodes.js';
import type { JobView } from './jobs.js';

export function replaceRetiredRunner(job: JobView, changes: string[]): void {
  const runsOn = nodeOf(job.node, 'runs-on');
  const list = isMap(runsOn) ? nodeOf(runsOn, 'labels') : runsOn;
  const labels: unknown[] = isSeq(list) ? list.items : [list];
  for (const label of labels.filter((item): item is Scalar => isScalar(item) && typeof item.value === 'string')) {
    const before = String(label.value);
    const replacement = retiredRunnerReplacement(before);
    if (!replacement) continue;
    label.value = replacement;
    changes.push(`job "${job.id}": runs-on ${before} -> ${replacement} (GitHub has removed the ${before} image: the job could not start)`);
  }
}
