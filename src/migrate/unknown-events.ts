// A workflow whose `on:` names an event GitHub does not know is rejected as a whole: it never ran,
// so its token publish never did either, and a migrated copy would not run any better. Refused,
// naming the line: the trigger is the user's to fix (what was meant cannot be known here).
import type { YAMLMap } from 'yaml';
import { unknownEventReason, unknownEvents } from '../audit/trigger-events.js';
import { nodeOf } from './nodes.js';
import { MigrateError } from './errors.js';

export function refuseUnknownEvents(root: YAMLMap, content: string, path: string): void {
  const [first] = unknownEvents(nodeOf(root, 'on'));
  if (!first) return;
  const line = content.slice(0, first.range?.[0] ?? 0).split('\n').length;
  throw new MigrateError(
    `${path} is not migrated: GitHub rejects it (line ${line}: ${unknownEventReason(String(first.value))}), so the workflow never runs and its publish never ran. Fix the trigger first, then migrate again.`,
  );
}
