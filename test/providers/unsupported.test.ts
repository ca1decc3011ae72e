// Refusals name the reason and what to do instead; supported providers get no refusal.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderCircleciConfig } from '../../src/providers/circleci/config.js';
import { renderGitlabJob } from '../../src/providers/gitlab/job.js';
import { gitlabCiHostReason, providerForHost, unsupportedProviderReason } from '../../src/providers/unsupported.js';
import { CIRCLECI_BASE, GITLAB_BASE } from './cases.js';

test('supported providers and hosts are not refused', () => {
  for (const name of ['github.com', 'GitHub', 'gitlab.com', 'www.gitlab.com', 'circleci', 'CircleCI']) {
    assert.equal(unsupportedProviderReason(name), null, name);
  }
  assert.equal(providerForHost('gitlab.com'), 'gitlab');
  assert.equal(providerForHost('github.com'), 'github');
  assert.equal(providerForHost('gitlab.example.com'), undefined);
});

test('each refusal says why and what to do instead, and names the supported providers', () => {
  const cases: Record<string, RegExp> = {
    'gitlab.example.com': /self-managed GitLab.*Mirror the project to GitLab\.com/,
    'github.example.com': /GitHub Enterprise Server.*github\.com/,
    'bitbucket.org': /Bitbucket Pipelines.*CircleCI cloud/,
    'dev.azure.com': /Azure Pipelines/,
    jenkins: /Jenkins.*self-hosted/,
    'self-hosted': /E422.*hosted runner/,
    'circleci-server': /CircleCI server/,
    'codeberg.org': /Codeberg/,
    'git.example.org': /"git\.example\.org" is not a CI service npm trusts/,
  };
  for (const [name, pattern] of Object.entries(cases)) {
    const reason = unsupportedProviderReason(name);
    assert.match(reason ?? '', pattern, name);
    assert.match(reason ?? '', /GitHub Actions .*GitLab CI\/CD on GitLab\.com .*CircleCI cloud/, name);
  }
});

test('a GitLab CI file publishes only from GitLab.com (or a project it mirrors from GitHub or Bitbucket Cloud)', () => {
  for (const host of ['gitlab.com', 'GitLab.com', 'github.com', 'bitbucket.org']) assert.equal(gitlabCiHostReason(host), null, host);
  for (const host of ['gitlab.acme.example', 'git.example.org']) assert.match(gitlabCiHostReason(host) ?? '', /only for projects on GitLab\.com.*self-managed GitLab/, host);
});

test('generated files only target hosted runners', () => {
  assert.match(renderGitlabJob(GITLAB_BASE), /tags:\n {4}- saas-linux-small-amd64\n/);
  assert.match(renderCircleciConfig(CIRCLECI_BASE), /docker:\n {6}- image: "cimg\/node:24\.21"\n/);
  assert.doesNotMatch(renderCircleciConfig(CIRCLECI_BASE), /resource_class|machine:/);
});

test('CircleCI refuses Node versions whose npm cannot publish from it, and needs major.minor past the known table', () => {
  assert.throws(() => renderCircleciConfig({ ...CIRCLECI_BASE, node: '22' }), /npm 11\.11\.0/);
  assert.throws(() => renderCircleciConfig({ ...CIRCLECI_BASE, node: '26' }), /no major-only tag; give major\.minor, e\.g\. 26\.0/);
  assert.match(renderCircleciConfig({ ...CIRCLECI_BASE, node: '26.1' }), /cimg\/node:26\.1"/);
  assert.throws(() => renderGitlabJob({ ...GITLAB_BASE, node: '20' }), /22\.14\.0/);
  assert.throws(() => renderGitlabJob({ ...GITLAB_BASE, node: '22.12' }), /22\.14\.0/);
});
