// Everything the wizard does to the world, behind one small interface: the screens stay
// pure and tests pass fakes (no templates, no files, no browser).
import type { Answers, Detected, FileChange, Plan } from '../../../../core/model.js';
import { applyChanges, type WriteResult } from '../../../../apply/write.js';
import { openUrl, type OpenResult } from '../../../../core/browser.js';
import { planFor } from '../../run.js';
import { repoRoot } from '../../../../core/paths.js';
import { alreadyDone } from '../already-done.js';

export interface Effects {
  /** The plan for complete answers (renders the workflow; the first call loads the templates). */
  plan(answers: Answers): Promise<Plan>;
  /** Writes the changes; consent allows replacing files that need it (a backup is kept). */
  write(changes: readonly FileChange[], consent: boolean): Promise<WriteResult[]>;
  /** Opens a URL in the browser ($BROWSER when set). */
  open(url: string): Promise<OpenResult>;
  /** Checklist items already done (the workflow committed and pushed; with --registry-check, what npm and GitHub show). */
  alreadyDone?(plan: Plan): Promise<string[]>;
}

/** `online`: --registry-check, so the checklist may ask npm and GitHub what is done already. */
export function realEffects(detected: Detected, online = false): Effects {
  return {
    plan: (answers) => planFor(detected, answers),
    write: (changes, consent) => applyChanges(changes, { root: repoRoot(detected), consent }),
    open: (url) => openUrl(url),
    alreadyDone: (plan) => alreadyDone(plan, detected.root, online ? {} : undefined),
  };
}
