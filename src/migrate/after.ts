// After a migration: the same npmjs.com values and retire-the-token checklist a new
// workflow gets, for the file npm must be told (the caller's, for a reusable workflow).
import type { Answers, Detected, RepoRef, Trigger } from '../model.js';
import type { Io } from '../cli/main.js';
import { paint } from '../cli/style.js';
import { publisherSettings } from '../plan/publisher.js';
import { checklist } from '../plan/checklist.js';
import { resolveDefaults } from '../questions/resolve.js';
import { formatChecklist, formatPublisher } from '../report/text.js';
import { publishedPackages } from '../doctor/index.js';

/** What starts the migrated workflow, read from its `on:` block (for the "publish a release" step). */
export function triggerOf(content: string): Trigger {
  if (/^\s*release\s*:/m.test(content)) return 'release';
  if (/^\s*tags\s*:/m.test(content)) return 'tag';
  return 'manual';
}

export function printAfterMigration(
  d: Detected,
  migrated: { path: string; content: string; trustFile: string; environment: string | null },
  repo: RepoRef,
  io: Io,
): void {
  const answers: Answers = {
    ...resolveDefaults(d, { repo: `${repo.owner}/${repo.name}`, environment: migrated.environment }),
    workflow: migrated.trustFile,
    trigger: triggerOf(migrated.content),
  };
  const packages = publishedPackages(d).map((p) => ({ name: p.name!, version: p.version }));
  io.out(paint('bold', '\nOn npmjs.com: add a trusted publisher'));
  for (const p of packages) io.out(formatPublisher(publisherSettings(p.name, repo, answers)));
  const items = checklist({ detected: d, answers, repo, packages, written: [migrated.path], workflowPath: migrated.path });
  io.out(`\n${paint('bold', 'Then retire the token, in this order')}\n${formatChecklist(items)}`);
}
