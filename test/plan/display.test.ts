// The checklist and notes are display-only and drawn by the Ink wizard itself: they leave the
// planner already filtered (control characters visible), for every provider.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makePlan } from '../../src/plan/index.js';
import { makeCiPlan } from '../../src/plan/ci.js';
import { renderer } from '../../src/providers/github/workflow.js';
import { resolveDefaults } from '../../src/questions/resolve.js';
import { detected, packageInfo } from '../helpers/detected.js';

const RAW = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;
const hostileVersion = `1.0.0\x1b[8m\x1b]0;pwned\x07`;

function displayed(plan: { checklist: Array<{ title: string; detail: string; command?: string }>; notes: string[] }): string {
  return [...plan.checklist.flatMap((c) => [c.title, c.detail, c.command ?? '']), ...plan.notes].join('\n');
}

test('GitHub: a version with escapes reaches the checklist only as visible text', () => {
  const d = detected({ pkg: packageInfo({ name: '@acme/widget', version: hostileVersion, repository: 'github:acme/widget' }) });
  const text = displayed(makePlan(d, resolveDefaults(d, { trigger: 'tag' }), renderer));
  assert.doesNotMatch(text, RAW);
  assert.match(text, /v1\.0\.0\\x1b\[8m/);
});

test('GitLab: the same for the CI job checklist', () => {
  const d = detected({
    pkg: packageInfo({ name: '@acme/widget', version: hostileVersion, repository: 'gitlab:acme/widget' }),
    git: { isRepo: true, remoteUrl: 'git@gitlab.com:acme/widget.git', host: 'gitlab.com', slug: 'acme/widget', defaultBranch: 'main', prefix: '' },
  });
  const text = displayed(makeCiPlan(d, resolveDefaults(d, {})));
  assert.doesNotMatch(text, RAW);
  assert.match(text, /\\x1b\[8m/);
});
