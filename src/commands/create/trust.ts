// `--yes --trust` (or `--dry-run --trust`): after the workflow is written (or shown), the
// same answers give the npm trust commands.
import type { Options } from './args.js';
import { EXIT } from '../../core/errors.js';
import type { Io } from '../../core/io.js';
import { planFor } from './run.js';
import type { Detected } from '../../core/model.js';
import { resolveDefaults } from '../../questions/resolve.js';
import { trustStep, trustTarget } from '../../trust/index.js';

export async function trustAfterPlan(d: Detected, options: Options, io: Io): Promise<number> {
  const plan = await planFor(d, resolveDefaults(d, options.given));
  const ok = await trustStep(trustTarget(plan), { dryRun: options.dryRun, io, cwd: d.root });
  return ok ? EXIT.ok : EXIT.failed;
}
