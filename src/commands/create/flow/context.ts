// What every front-end of the create flow is started with.
import type { Detected, Plan } from '../../../core/model.js';
import type { Options } from '../args.js';
import type { Io } from '../../../core/io.js';

export interface RunContext {
  detected: Detected;
  options: Options;
  io: Io;
  /** The in-place edit of the existing workflow (ui/migrate-plan.ts): no questions, its own review. */
  migration?: Plan;
  /** Token workflows left as they are while a new one is written: the review says what to do with them. */
  oldWorkflows?: string[];
}
