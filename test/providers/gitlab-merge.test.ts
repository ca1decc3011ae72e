// Adding the publish job to a real .gitlab-ci.yml keeps every other byte, replaces only its own job,
// and refuses (with the snippet and a reason) when it cannot do that safely.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDocument } from 'yaml';
import { mergeIntoGitlabCi } from '../../src/providers/gitlab/merge.js';
import { renderGitlabJob } from '../../src/providers/gitlab/job.js';
import type { MergeResult } from '../../src/providers/yaml-merge.js';
import { GITLAB_BASE } from './cases.js';
import { GITLAB_CANNOT, GITLAB_COMMENTS_ONLY, GITLAB_CRLF, GITLAB_NODE_PROJECT } from './fixtures.js';

const JOB = renderGitlabJob(GITLAB_BASE);
const JOB_NOENV = renderGitlabJob({ ...GITLAB_BASE, environment: null });

function merged(result: MergeResult): { content: string; notes: string[] } {
  assert.ok('content' in result, 'cannotMerge' in result ? result.cannotMerge : '');
  return result;
}
const data = (text: string) => parseDocument(text, { uniqueKeys: true, merge: true }).toJS() as Record<string, unknown>;

test('a new file is the job itself', () => {
  assert.deepEqual(mergeIntoGitlabCi(undefined, JOB, 'npm-publish'), { content: JOB, notes: [] });
  assert.deepEqual(mergeIntoGitlabCi('  \n', JOB, 'npm-publish'), { content: JOB, notes: [] });
});

test('appends to a real file: every existing byte is kept, the job follows a blank line', () => {
  const { content, notes } = merged(mergeIntoGitlabCi(GITLAB_NODE_PROJECT, JOB, 'npm-publish'));
  assert.equal(content, `${GITLAB_NODE_PROJECT}\n${JOB}`);
  const before = data(GITLAB_NODE_PROJECT);
  const after = data(content);
  assert.deepEqual(Object.keys(after), [...Object.keys(before), 'npm-publish'], 'key order kept, job last');
  for (const key of Object.keys(before)) assert.deepEqual(after[key], before[key], key);
  assert.ok(notes.some((note) => note.includes('default:')), 'says the job ignores default:');
  assert.ok(notes.some((note) => note.includes('npm token')), 'points at the token publish job left behind');
});

test('a second merge with the same job gives the same bytes', () => {
  const once = merged(mergeIntoGitlabCi(GITLAB_NODE_PROJECT, JOB, 'npm-publish')).content;
  assert.equal(merged(mergeIntoGitlabCi(once, JOB, 'npm-publish')).content, once);
});

test('replaces its own job in place: jobs after it and comments above it stay', () => {
  const after = '\n# added by hand after the generated job\ndocs:\n  stage: deploy\n  script: [make docs]\n';
  const userComment = '# our release job, see RELEASING.md\n';
  const file = `${GITLAB_NODE_PROJECT}\n${userComment}${JOB}${after}`;
  const { content } = merged(mergeIntoGitlabCi(file, JOB_NOENV, 'npm-publish'));
  assert.equal(content, `${GITLAB_NODE_PROJECT}\n${userComment}${JOB_NOENV}${after}`);
  assert.equal(merged(mergeIntoGitlabCi(content, JOB_NOENV, 'npm-publish')).content, content);
});

test('Windows line breaks stay Windows line breaks, and a missing last line break is added', () => {
  const { content } = merged(mergeIntoGitlabCi(GITLAB_CRLF, JOB, 'npm-publish'));
  assert.ok(content.startsWith(`${GITLAB_CRLF}\r\n\r\n`));
  assert.doesNotMatch(content, /[^\r]\n/, 'no bare line feeds');
  assert.equal(content.slice(GITLAB_CRLF.length + 4), JOB.replace(/\n/g, '\r\n'));
  assert.equal(merged(mergeIntoGitlabCi(content, JOB, 'npm-publish')).content, content);
});

test('a file of comments only keeps them above the job', () => {
  const { content } = merged(mergeIntoGitlabCi(GITLAB_COMMENTS_ONLY, JOB, 'npm-publish'));
  assert.equal(content, `${GITLAB_COMMENTS_ONLY}\n${JOB}`);
});

for (const [name, { text, reason }] of Object.entries(GITLAB_CANNOT)) {
  test(`cannot merge: ${name} -> snippet and reason`, () => {
    const result = mergeIntoGitlabCi(text, JOB, 'npm-publish');
    assert.ok('cannotMerge' in result, `expected a refusal for ${name}`);
    assert.match(result.cannotMerge, reason);
    assert.equal(result.snippet, JOB);
  });
}

test('a job name that is a GitLab keyword is refused', () => {
  assert.throws(() => mergeIntoGitlabCi(GITLAB_NODE_PROJECT, JOB, 'stages'), /reserved keyword/);
  assert.throws(() => renderGitlabJob({ ...GITLAB_BASE, jobName: 'default' }), /reserved keyword/);
  assert.throws(() => mergeIntoGitlabCi(GITLAB_NODE_PROJECT, JOB, 'other-name'), /single "other-name:" entry/);
});
