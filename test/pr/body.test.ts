// The pull request's checklist is the one Markdown checklist (report/checklist.ts): the same
// task list a pipe gets, its commit step reading "merge", the all-at-once alternative no step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prBody } from '../../src/pr/body.js';
import { checklistMarkdown } from '../../src/report/checklist.js';

const checklist = [
  { id: 'commit', title: 'Commit and push the workflow', detail: 'Push it.', command: 'git push' },
  { id: 'publisher:@acme/a', title: 'Add the trusted publisher for @acme/a', detail: 'On npmjs.com.' },
  { id: 'publisher:all', title: 'Or add all 2 trusted publishers from a terminal', detail: 'One call each.', command: 'npm trust github @acme/a' },
  { id: 'publisher:@acme/b', title: 'Add the trusted publisher for @acme/b', detail: 'On npmjs.com.' },
];

test('the pull request body carries the shared Markdown checklist: steps numbered 1-3, the alternative not a task', () => {
  const body = prBody({ provider: 'github', repo: { owner: 'acme', name: 'widget' }, files: [], publishers: [], checklist, notes: [] }, { viaPr: true });
  assert.ok(body.includes(checklistMarkdown(checklist, { viaPr: true })), body);
  assert.match(body, /^- \[ \] \*\*1\. Merge this pull request\*\*$/m);
  assert.match(body, /^- \[ \] \*\*3\. Add the trusted publisher for @acme\/b\*\*$/m);
  assert.match(body, /^ {2}- \*\*Or add all 2 trusted publishers from a terminal:\*\*$/m);
  assert.doesNotMatch(body, /\[ \] \*\*\d\. Or add all/);
});
