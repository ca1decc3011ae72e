// What the user enters on npmjs.com, in the form's order, and the equivalent `npm trust` commands.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { circleciPublisher, circleciPublisherFields } from '../../src/providers/circleci/config.js';
import { gitlabPublisher, gitlabPublisherFields } from '../../src/providers/gitlab/job.js';
import { CIRCLECI_BASE, GITLAB_BASE } from './cases.js';

const labels = (fields: { label: string }[]) => fields.map((field) => field.label);

test('GitLab fields in the order of npm\'s form', () => {
  const fields = gitlabPublisherFields({ namespace: 'acme/tools', project: 'widget', ciFile: '.gitlab-ci.yml', environment: 'npm' });
  assert.deepEqual(labels(fields), ['Publisher', 'Namespace', 'Project name', 'Top-level CI file path', 'Environment name', 'Allowed actions']);
  assert.deepEqual(
    fields.map((field) => field.value),
    ['GitLab CI/CD', 'acme/tools', 'widget', '.gitlab-ci.yml', 'npm', 'Allow npm publish'],
  );
  const noEnv = gitlabPublisherFields({ ...GITLAB_BASE, environment: null });
  assert.deepEqual(noEnv[4], { label: 'Environment name', value: '', note: 'leave empty' });
});

test('GitLab trust command, and none when the CI file is in a folder (npm trust takes a bare file name)', () => {
  const publisher = gitlabPublisher('@acme/widget', { namespace: 'acme/tools', project: 'widget', ciFile: '.gitlab-ci.yml', environment: 'prod eu' });
  assert.equal(publisher.trustCommand, "npm trust gitlab @acme/widget --file .gitlab-ci.yml --project acme/tools/widget --env 'prod eu' --allow-publish");
  assert.equal(publisher.url, 'https://www.npmjs.com/package/@acme/widget/access');
  assert.equal(publisher.provider, 'GitLab CI/CD');
  const nested = gitlabPublisher('widget', { ...GITLAB_BASE, ciFile: 'ci/release.yml' });
  assert.equal(nested.trustCommand, null);
  assert.equal(nested.fields[3]!.value, 'ci/release.yml');
});

test('CircleCI fields in the order of npm\'s form, IDs lower-cased', () => {
  const fields = circleciPublisherFields({ ...CIRCLECI_BASE, orgId: CIRCLECI_BASE.orgId.toUpperCase() });
  assert.deepEqual(labels(fields), [
    'Publisher', 'Organization ID', 'Project ID', 'Pipeline definition ID', 'VCS origin', 'Context IDs', 'Allowed actions',
  ]);
  assert.equal(fields[1]!.value, CIRCLECI_BASE.orgId);
  assert.deepEqual(fields[5], { label: 'Context IDs', value: '', note: 'leave empty' });
});

test('CircleCI trust command with context IDs', () => {
  const id = '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d';
  const publisher = circleciPublisher('widget', { ...CIRCLECI_BASE, contextIds: [id] });
  assert.equal(
    publisher.trustCommand,
    `npm trust circleci widget --org-id ${CIRCLECI_BASE.orgId} --project-id ${CIRCLECI_BASE.projectId} ` +
      `--pipeline-definition-id ${CIRCLECI_BASE.pipelineDefinitionId} --vcs-origin github.com/acme/widget --context-id ${id} --allow-publish`,
  );
  assert.equal(publisher.fields[5]!.value, id);
});

test('clear messages for values npm or the provider would not accept', () => {
  assert.throws(() => circleciPublisherFields({ ...CIRCLECI_BASE, orgId: 'acme' }), /organization ID "acme" is not a UUID .* Organization Settings → Overview/);
  assert.throws(() => circleciPublisherFields({ ...CIRCLECI_BASE, projectId: '1234' }), /project ID .* Project Settings → Overview/);
  assert.throws(
    () => circleciPublisherFields({ ...CIRCLECI_BASE, pipelineDefinitionId: '' }),
    /pipeline definition ID .* Project Settings → Project Setup/,
  );
  assert.throws(() => circleciPublisherFields({ ...CIRCLECI_BASE, vcsOrigin: 'https://github.com/acme/widget' }), /no https:\/\//);
  assert.throws(() => circleciPublisherFields({ ...CIRCLECI_BASE, vcsOrigin: 'github.com/acme/widget.git' }), /no \.git/);
  assert.throws(() => circleciPublisherFields({ ...CIRCLECI_BASE, vcsOrigin: 'sr.ht/~acme/widget' }), /github\.com, bitbucket\.org and gitlab\.com/);
  assert.throws(() => gitlabPublisherFields({ ...GITLAB_BASE, project: 'My Widget' }), /not the display name/);
  assert.throws(() => gitlabPublisherFields({ ...GITLAB_BASE, ciFile: 'ci.yml@acme/templates' }), /same project/);
  assert.throws(() => gitlabPublisherFields({ ...GITLAB_BASE, ciFile: '../x.yml' }), /inside this project/);
});

test('a package name npm refuses is refused for GitLab and CircleCI too, with the same rules as the questions', () => {
  for (const name of ['node_modules', 'favicon.ico', '-x', '@acme/.dot', 'a b']) {
    assert.throws(() => gitlabPublisher(name, GITLAB_BASE), /is not an npm package name/, name);
    assert.throws(() => circleciPublisher(name, CIRCLECI_BASE), /is not an npm package name/, name);
  }
  assert.equal(gitlabPublisher('JSONStream', GITLAB_BASE).packageName, 'JSONStream', 'an old name with capitals still publishes');
});
