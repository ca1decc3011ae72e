// Workflow rule 1: pins stay fresh only if something updates them. A repository without a
// Dependabot configuration gets one for github-actions; one that has a configuration
// without a github-actions entry gets a note with the entry to add (its file is the
// user's: no edit without review).
import type { FileChange } from '../core/model.js';
import type { Renderer } from '../providers/github/workflow.js';

export const DEPENDABOT_PATH = '.github/dependabot.yml';
const HAS_ACTIONS = /package-ecosystem:\s*["']?github-actions["']?/;

export type DependabotPlan = { change: FileChange } | { note: string } | undefined;

export function dependabotPlan(existing: { path: string; content: string } | undefined, render: Pick<Renderer, 'dependabot' | 'dependabotEntry'>): DependabotPlan {
  if (!existing) {
    return {
      change: {
        path: DEPENDABOT_PATH,
        kind: 'create',
        after: render.dependabot(),
        reason: 'Dependabot keeps the pinned action SHAs current',
        needsConsent: false,
      },
    };
  }
  if (HAS_ACTIONS.test(existing.content)) return undefined;
  const entry = render.dependabotEntry();
  return {
    note: `${existing.path} has no github-actions entry, so nothing will update the pinned action SHAs. Add under "updates:":\n${entry.trimEnd()}`,
  };
}
