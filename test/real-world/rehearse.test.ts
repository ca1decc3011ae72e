// Real-world fixtures whose steps can run offline, migrated with `--migrate --force` (and the
// fixture's own migrate flags) and then run by the rehearsal's GitHub or CircleCI runner against
// the loopback registry: the migrated job must publish with the exchanged token only. The fixture's files are used as they are, except package.json
// gains the scripts the workflow runs (the fixture's own only name the package) and the lockfile
// is one npm ci accepts (Yarn and pnpm fixtures keep theirs). A release is one published at once,
// which fires the types created, published and released. Each case has a registry of its own.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ROOT, runCliAsync } from '../helpers/cli.js';
import { makeRepo } from '../helpers/repo.js';
import { filesUnder } from '../migrate/fixtures.js';
import type { TempRepo } from '../helpers/repo.js';
import { startMachine } from '../rehearsal/machine.js';
import { assertOnlyOidcCredentials, logOf, npmLock, rehearseGithub } from '../rehearsal/fixture.js';
import type { GithubEvent, GithubRun } from '../rehearsal/runner-github.js';
import { runCircleciJob } from '../rehearsal/runner-ci.js';

const DIR = join(ROOT, 'test', 'fixtures', 'real-world');

interface Case {
  fixture: string;
  workflow: string;
  job: string;
  event: GithubEvent;
  scripts?: Record<string, string>;
  needs?: GithubRun['needs'];
  /** The branch the commit is made on, when the event is a push to one other than the default. */
  branch?: string;
  /** The package's folder (its package.json gets the scripts), when it is not the repository's top. */
  dir?: string;
  /** What the job publishes, when it is not package.json's name and version. */
  published?: string[];
  /** The job pushes to the repository (a version commit): it gets a bare remote to push to. */
  pushes?: boolean;
}

const release = (tag: string): GithubEvent => ({ name: 'release', ref: `refs/tags/${tag}` });
const tagPush = (tag: string): GithubEvent => ({ name: 'push', ref: `refs/tags/${tag}` });
const BUILD = { build: 'node -e 0' };
/** The `needs` of a job whose earlier jobs (a build, a test) set no outputs. */
const afterJobs = (...jobs: string[]): GithubRun['needs'] => Object.fromEntries(jobs.map((j) => [j, { outputs: {}, result: 'success' as const }]));

const CASES: Case[] = [
  { fixture: 'alpha-tag-on-main-push-node14', workflow: 'npm-publish.yml', job: 'alpha', event: { name: 'push', ref: 'refs/heads/main' }, scripts: { test: 'node -e 0' } },
  { fixture: 'oidc-without-token-node20-release-branch', workflow: 'npm-publish.yml', job: 'ship', event: { name: 'push', ref: 'refs/heads/release' }, scripts: { build: 'node -e 0', test: 'node -e 0' }, branch: 'release' },
  {
    fixture: 'pull-request-trigger-publish-on-release-only',
    workflow: 'npm-publish.yml',
    job: 'publish-npm',
    event: { name: 'release', ref: 'refs/tags/v1.0.3' },
    needs: { build: { outputs: {}, result: 'success' } },
  },
  { fixture: 'push-main-publish-node20x', workflow: 'npm-publish.yml', job: 'build', event: { name: 'push', ref: 'refs/heads/main' } },
  {
    fixture: 'custom-secret-npm-registry-node18-exact',
    workflow: 'npm-publish.yml',
    job: 'publish-npm',
    event: { name: 'push', ref: 'refs/heads/master' },
    scripts: { build: 'node -e 0' },
    branch: 'master',
  },
  { fixture: 'push-main-package-json-paths-setup-node-v1', workflow: 'publish.yml', job: 'build', event: { name: 'push', ref: 'refs/heads/main' }, scripts: { build: 'node -e 0' } },
  { fixture: 'tag-push-node18-npm-install-build-publish-registry-url', workflow: 'publish-on-tag.yml', job: 'publish', event: tagPush('v0.3.1') },
  { fixture: 'tag-npm-i-echo-project-npmrc-node-auth-token-secret-bump-version-pr-job', workflow: 'publish-on-tag.yml', job: 'publish', event: tagPush('v1.0.4') },
  { fixture: 'tag-push-node22-quoted-version-scoped-public', workflow: 'npm-publish.yml', job: 'publish', event: { name: 'push', ref: 'refs/tags/v0.2.20' }, scripts: { build: 'node -e 0' } },
  {
    fixture: 'token-guard-whoami-always-auth-id-token-granted',
    workflow: 'npm-publish.yml',
    job: 'publish',
    event: { name: 'push', ref: 'refs/tags/v1.0.1' },
    scripts: { build: 'node -e 0', test: 'node -e 0' },
  },
  {
    fixture: 'dispatch-only-starter-node20-shorthand-on',
    workflow: 'npm-publish.yml',
    job: 'publish-npm',
    event: { name: 'workflow_dispatch', ref: 'refs/heads/main' },
    needs: { build: { outputs: {}, result: 'success' } },
  },
  { fixture: 'build-job-then-publish-yarn-node16', workflow: 'npm-publish.yml', job: 'publish-npm', event: release('v2.1.0'), needs: afterJobs('test') },
  { fixture: 'custom-secret-node16-release-created', workflow: 'npm-publish.yml', job: 'npm', event: release('v1.4.0'), scripts: BUILD },
  { fixture: 'kurtosis-verify-npm-token-file', workflow: 'publish.yml', job: 'npm', event: tagPush('v1.4.0') },
  { fixture: 'jules-publishconfig-wombat-switched', workflow: 'release.yml', job: 'npm', event: release('v0.0.2'), scripts: BUILD },
  { fixture: 'release-created-npm-i-node16', workflow: 'npm-publish.yml', job: 'publish-npm', event: release('v1.3.4'), scripts: BUILD, needs: afterJobs('build') },
  { fixture: 'starter-gpr-job-packages-write-node12', workflow: 'npm-publish.yml', job: 'publish-npm', event: release('v2.0.0'), scripts: BUILD, needs: afterJobs('build') },
  { fixture: 'starter-node16-dispatch-ci-env', workflow: 'npm-publish.yml', job: 'publish-npm', event: release('v5.0.1'), needs: afterJobs('build') },
  { fixture: 'starter-npm-and-gpr-node12-v1', workflow: 'npm-publish.yml', job: 'publish-npm', event: release('v0.3.2'), needs: afterJobs('build') },
  { fixture: 'storybook-curl-token-check-file', workflow: 'release.yml', job: 'release', event: { name: 'push', ref: 'refs/heads/main' } },
  {
    fixture: 'openai-node-publish-script',
    workflow: 'publish-npm.yml',
    job: 'publish',
    event: release('v4.2.0'),
    // Its build writes the package to dist/, which bin/publish-npm publishes from.
    scripts: { build: "node -e \"require('fs').mkdirSync('dist'); require('fs').copyFileSync('package.json', 'dist/package.json')\"" },
  },
  { fixture: 'yarn1-publish-run', workflow: 'release.yml', job: 'publish', event: release('v4.1.0') },
  // The job sets the version from the release's tag.
  { fixture: 'yarn1-publish-new-version', workflow: 'release.yml', job: 'publish', event: release('v4.2.0'), published: ['widget-yarn@4.2.0'] },
  { fixture: 'setup-node-v1-yarn-install', workflow: 'release.yml', job: 'build', event: release('v0.9.2') },
  { fixture: 'prebuild-matrix-release-assets', workflow: 'build.yml', job: 'publish', event: release('v9.1.0'), needs: afterJobs('prebuild', 'prebuild-linux') },
  { fixture: 'nvmrc-node-version-file', workflow: 'publish.yml', job: 'publish', event: tagPush('v1.0.0') },
  { fixture: 'nvmrc-npm-cache-custom-secret', workflow: 'npm-publish.yml', job: 'publish', event: release('v1.0.0'), scripts: BUILD },
  { fixture: 'node-version-file-package-json-tag', workflow: 'npm-publish.yml', job: 'publish', event: tagPush('v1.0.0') },
  { fixture: 'storybook-subdir-package-top-nvmrc', workflow: 'publish.yml', job: 'publish', event: { name: 'push', ref: 'refs/heads/latest-release' }, branch: 'latest-release', dir: 'code' },
  { fixture: 'tangsy-ci-publish-script-heredoc', workflow: 'publish.yml', job: 'publish', event: tagPush('v1.0.0'), scripts: BUILD },
  // changesets/action v1 after the version pull request is merged: its `publish` runs the
  // release script, here a stand-in for `changeset publish` that publishes what it would.
  { fixture: 'changesets-sha-pinned-old-v1', workflow: 'release.yml', job: 'release', event: { name: 'push', ref: 'refs/heads/main' }, scripts: { release: 'npm publish' } },
  { fixture: 'js-devtools-npm-publish-token-input', workflow: 'publish.yml', job: 'publish', event: { name: 'push', ref: 'refs/heads/main' }, scripts: { test: 'node -e 0' } },
  { fixture: 'npm-publish-action-v1', workflow: 'publish.yml', job: 'publish', event: { name: 'push', ref: 'refs/heads/main' }, scripts: { test: 'node -e 0' } },
  {
    fixture: 'npm-publish-action-v1-pnpm-subpackage',
    workflow: 'npm-publish.yml',
    job: 'publish',
    event: { name: 'push', ref: 'refs/heads/develop' },
    branch: 'develop',
    dir: 'packages/widget-ripple',
    scripts: { build: 'node -e 0', 'test:unit': 'node -e 0' },
  },
  { fixture: 'release-published-yarn-install-npm-publish-node12-v1', workflow: 'publish-to-npm.yml', job: 'build', event: release('v1.4.0'), scripts: BUILD },
  { fixture: 'push-main-node20-npm-ci-build-no-final-newline', workflow: 'publish-to-npm.yml', job: 'publish', event: { name: 'push', ref: 'refs/heads/main' }, scripts: BUILD },
  { fixture: 'push-and-pull-request-publish-job-node16', workflow: 'publish-to-npm.yml', job: 'publish-npm', event: { name: 'push', ref: 'refs/heads/main' }, scripts: {}, needs: afterJobs('build') },
  // The package is in a subfolder, named by the job's defaults.run; a top-level script copies assets into it first.
  { fixture: 'release-run-defaults-subdir-node24-id-token-and-token', workflow: 'publish-to-npm.yml', job: 'build-and-publish', event: release('v1.3.0'), dir: 'bundlecode-js', scripts: { test: 'node -e 0' } },
  // Its misspelt branch filter renamed: a tag push still runs the publish.
  { fixture: 'push-tags-branch-key-typo-node12-build-job', workflow: 'npmpublish.yml', job: 'publish-npm', event: tagPush('v1.4.0'), scripts: BUILD, needs: afterJobs('build') },
  { fixture: 'stencil-release-npmrc-step', workflow: 'release-production.yml', job: 'release-production', event: { name: 'workflow_dispatch', ref: 'refs/heads/main' }, scripts: { 'release.ci': 'npm publish' } },
  { fixture: 'release-published-test-matrix-then-publish-node20-npm-cache', workflow: 'publish-package.yml', job: 'publish', event: release('v0.1.0'), scripts: BUILD, needs: afterJobs('test') },
  // The repository's url is the bare owner/repo shorthand; doctor and migrate leave it as it is.
  { fixture: 'release-created-node16-emoji-steps-repository-url-shorthand', workflow: 'release-package.yml', job: 'build', event: release('v1.3.1') },
  // A prerelease version: npm 11 publishes it only with a --tag.
  { fixture: 'starter-gpr-job-name-npmjs-prerelease-version', workflow: 'release-package.yml', job: 'publish-gpr', event: release('v1.5.0-beta.1'), needs: afterJobs('build') },
  { fixture: 'push-main-no-install-lowercase-secret-emoji-names', workflow: 'publish-package.yml', job: 'release', event: { name: 'push', ref: 'refs/heads/main' } },
  { fixture: 'yarn1-publish-gpr-and-npm-echo-home-npmrc-node12', workflow: 'publish-package.yml', job: 'publish-npm', event: { name: 'push', ref: 'refs/heads/master' }, branch: 'master' },
  { fixture: 'release-published-test-job-node16-lowercase-npm-token', workflow: 'npm-publish.yml', job: 'publish-npm', event: release('v1.6.2'), scripts: BUILD, needs: afterJobs('test') },
  // Migrated from the top of the repository, which has no package.json: the job's defaults.run.working-directory names the package.
  { fixture: 'go-shim-defaults-working-directory-tag-check', workflow: 'npm.yml', job: 'npm-publish', event: tagPush('v0.0.2'), dir: 'npm/widget-chat' },
  { fixture: 'release-created-setup-node-v1-node12-lowercase-secret', workflow: 'npm.yml', job: 'publish-npm', event: release('v2.7.3') },
  { fixture: 'push-main-release-dispatch-publish-access-public', workflow: 'npm.yml', job: 'build', event: { name: 'push', ref: 'refs/heads/main' } },
  { fixture: 'dispatch-provenance-input-publish-fallback-node-auth-token-id-token', workflow: 'publish.yml', job: 'publish', event: { name: 'workflow_dispatch', ref: 'refs/heads/main' } },
  { fixture: 'gpr-starter-renamed-npmjs-packages-write-dispatch', workflow: 'npm-publish-github-packages.yml', job: 'build', event: { name: 'workflow_dispatch', ref: 'refs/heads/main' } },
  { fixture: 'release-published-checkout-v1-node12-no-final-newline', workflow: 'npm.yml', job: 'build', event: release('v1.0.2') },
  // The job writes the release tag's version into package.json (sed) before it publishes.
  { fixture: 'release-created-sed-version-scoped-npm-latest-prerelease-tag', workflow: 'publisher.yml', job: 'publisher', event: release('v1.2.0'), scripts: BUILD, published: ['@acme/toolkit@1.2.0'] },
  { fixture: 'yarn1-publish-tag-push-node14-lint-test-lowercase-secret', workflow: 'publish.yaml', job: 'publish-npm', event: tagPush('v1.2.0'), scripts: { lint: 'node -e 0', test: 'node -e 0', build: 'node -e 0' } },
  // The v12a sample (npm-publish.yaml): a publish that waited on a step output saying the token was set.
  { fixture: 'workflow-env-token-config-set-secret-presence-guard-node18', workflow: 'npm-publish.yaml', job: 'publish', event: { name: 'push', ref: 'refs/heads/main' }, scripts: { test: 'node -e 0', build: 'node -e 0' } },
  { fixture: 'tag-push-any-build-job-node16-lowercase-secret', workflow: 'npm-publish.yaml', job: 'publish-npm', event: tagPush('v4.0.1'), needs: afterJobs('build') },
  { fixture: 'release-published-node16x-custom-secret-access-public', workflow: 'npm-publish.yaml', job: 'build', event: release('v1.4.2'), scripts: BUILD },
  { fixture: 'push-master-bump-version-job-beside-publish-job-node12', workflow: 'npm_publish.yml', job: 'build', event: { name: 'push', ref: 'refs/heads/master' }, scripts: BUILD, branch: 'master' },
  { fixture: 'push-package-json-paths-any-branch-ubuntu-1804-node15', workflow: 'npm_publish.yml', job: 'publish-npm', event: { name: 'push', ref: 'refs/heads/main' }, scripts: BUILD },
  { fixture: 'release-created-token-without-secrets-context-node12', workflow: 'npm_publish.yml', job: 'build', event: release('v0.0.3') },
  { fixture: 'js-devtools-npm-publish-v1-push-master-node12-no-install', workflow: 'npm_publish.yml', job: 'publish', event: { name: 'push', ref: 'refs/heads/master' }, branch: 'master' },
  { fixture: 'dispatch-bun-build-then-setup-node20-packages-write', workflow: 'npm_publish.yml', job: 'publish', event: { name: 'workflow_dispatch', ref: 'refs/heads/main' } },
  { fixture: 'release-created-node18x-setup-node-v2-npm-install-build-setup-test-publish', workflow: 'publish.yml', job: 'build', event: release('v3.3.1'), scripts: { build: 'node -e 0', setup: 'node -e 0', test: 'node -e 0' } },
  // The v13d sample (publish_npm.yml and the like). A tag filter with `[0-9]+`: one or more digits.
  { fixture: 'yarn1-publish-semver-tag-node16-frozen-lockfile', workflow: 'publish_npm.yml', job: 'deploy', event: tagPush('v2.3.1') },
  // The job sets package.json's version from the pushed tag before it publishes.
  { fixture: 'tag-push-home-npmrc-echo-cat-no-setup-node-version-from-tag', workflow: 'publish_npm.yml', job: 'release', event: tagPush('v1.0.0'), published: ['pgquery-cli@1.0.0'] },
  { fixture: 'tag-push-semver-node20-npm-ci-build-test-publish-public', workflow: 'publish_npm.yml', job: 'publish', event: tagPush('v1.2.0'), scripts: { build: 'node -e 0', test: 'node -e 0' } },
  // The source's lone `npm login` step is gone after the migration.
  { fixture: 'release-published-unity-package-npm-login-step-node12-v1', workflow: 'publish_npm.yml', job: 'build', event: release('v7.3.1') },
  // The v14a sample (publish-npm-package.yml, npm-release.yaml, publish-to-npm.yaml).
  { fixture: 'release-created-npm-clean-install-build-node22-indented-4', workflow: 'publish-to-npm.yaml', job: 'build', event: release('v1.0.0'), scripts: BUILD },
  { fixture: 'release-created-yarn-install-npm-publish-access-equals-node16x-v2', workflow: 'publish-npm-package.yml', job: 'publish-npmjs', event: release('v1.0.0') },
  {
    fixture: 'push-main-test-job-then-publish-always-auth-env-on-setup-or-true-node16',
    workflow: 'publish-to-npm.yaml',
    job: 'publish-to-npm',
    event: { name: 'push', ref: 'refs/heads/main' },
    scripts: { test: 'node -e 0' },
    needs: afterJobs('test'),
  },
  // The build makes the lib folder the job copies package.json into; the action publishes the top package.
  {
    fixture: 'js-devtools-v1-push-node12-build-lint-copy-package-to-lib',
    workflow: 'publish-to-npm.yaml',
    job: 'publish',
    event: { name: 'push', ref: 'refs/heads/main' },
    scripts: { build: 'node -e "require(\'fs\').mkdirSync(\'lib\')"', lint: 'node -e 0' },
  },
  { fixture: 'tag-push-node12-npm-publish-or-true-no-install', workflow: 'tag.yml', job: 'publish-to-npm', event: tagPush('v2.3.1') },
  // The v15c sample (repository names of plugin ecosystems: homebridge-, node-red-, n8n-nodes-, ...).
  { fixture: 'release-created-lts-minus-one-publish-job-push-pr-same-file', workflow: 'ci.yml', job: 'publish-npm', event: release('v7.4.0') },
  { fixture: 'release-created-node16-one-step-install-build-lint-publish', workflow: 'publish-to-npm.yml', job: 'build', event: release('v1.16.3'), scripts: { build: 'node -e 0', 'lint-codebase': 'node -e 0' } },
  {
    fixture: 'js-devtools-npm-publish-v1-pr-push-branches-matrix-master-guard',
    workflow: 'build.yml',
    job: 'publish',
    event: { name: 'push', ref: 'refs/heads/master' },
    scripts: { test: 'node -e 0' },
    needs: afterJobs('build'),
    branch: 'master',
  },
  // The v15a sample (build-and-publish.yml, publish-packages.yml, deploy-npm.yml). The job sets the version from the pushed tag.
  { fixture: 'tag-push-job-env-token-npm-version-from-ref-node16', workflow: 'publish-packages.yml', job: 'build', event: tagPush('v1.4.0'), published: ['portal-cloud-auth@1.4.0'] },
  { fixture: 'tag-or-branch-push-npm-version-from-ref-node12-matrix-tests', workflow: 'deploy-npm.yml', job: 'deploy', event: tagPush('1.4.0'), needs: afterJobs('tests'), published: ['toolchain-sdk@1.4.0'] },
  { fixture: 'release-created-scalar-yarn1-build-publish-scope-octocat-node16', workflow: 'deploy-npm.yml', job: 'build', event: release('v0.3.1'), scripts: BUILD },
  { fixture: 'release-created-node16-npm-install-then-npm-ci-test-publish-no-final-newline', workflow: 'npm-publish-package.yml', job: 'build', event: release('v1.0.7'), scripts: { test: 'node -e 0' } },
  { fixture: 'release-published-docs-comment-header-node18-npm-ci-build-create-cli', workflow: 'npm-publish-package.yml', job: 'build', event: release('v0.9.2'), scripts: BUILD },
  {
    fixture: 'tag-push-semver-glob-four-space-indent-multiline-build-copy-css-node20',
    workflow: 'publish-npm.yaml',
    job: 'publish',
    event: tagPush('v1.2.0'),
    scripts: { 'build-lib': "node -e \"require('fs').mkdirSync('dist/lib/utils', { recursive: true })\"" },
  },
  // The v16a sample (npm-deploy.yml, deploy-package.yml, release-npm.yaml). The Cucumber publish action became its npm publish line.
  {
    fixture: 'release-branch-cucumber-action-publish-npm-token-tag-environment-node16',
    workflow: 'release-npm.yaml',
    job: 'publish-npm',
    event: { name: 'push', ref: 'refs/heads/release/v1.0.0' },
    scripts: { 'build:release': 'node -e 0' },
    branch: 'release/v1.0.0',
  },
  {
    fixture: 'release-branch-flow-cucumber-action-publish-npm-token-npm-ci-node18',
    workflow: 'release-npm.yaml',
    job: 'publish-npm',
    event: { name: 'push', ref: 'refs/heads/release/v0.4.2' },
    scripts: { build: 'node -e 0', prepublishOnly: 'npm run build' },
    branch: 'release/v0.4.2',
  },
  { fixture: 'push-main-js-devtools-npm-publish-v1-node10-install-test-no-name', workflow: 'npm-deploy.yml', job: 'publish', event: { name: 'push', ref: 'refs/heads/main' }, scripts: { test: 'node -e 0' } },
  // The v17b sample (publish-on-release.yml, release-publish.yml, npm-publish-on-release.yml).
  { fixture: 'release-created-npm-i-build-publish-access-node16-v3', workflow: 'publish-on-release.yml', job: 'publish-npm', event: release('v1.2.0'), scripts: BUILD },
  { fixture: 'release-published-home-npmrc-echo-step-then-publish-packages-write-node20', workflow: 'publish-on-release.yml', job: 'publish', event: release('v2.1.0'), scripts: BUILD },
  {
    fixture: 'release-published-yarn-install-build-lint-test-npm-publish-node14',
    workflow: 'publish-on-release.yml',
    job: 'publish-npm',
    event: release('v0.9.1'),
    scripts: { build: 'node -e 0', lint: 'node -e 0', test: 'node -e 0' },
  },
  // The v17c sample (publish-package.yaml, release-package.yaml, node-publish.yml): a token written by `npm config set --`, and a publish from a folder the job copies package.json into.
  { fixture: 'tag-push-npm-config-set-double-dash-authtoken-secret-node20', workflow: 'node-publish.yml', job: 'node-publish', event: tagPush('v1.4.0'), scripts: { build: 'node -e 0', prepublishOnly: 'npm run build' } },
  {
    fixture: 'release-created-token-on-setup-node-step-publish-copied-dir-node20',
    workflow: 'node-publish.yml',
    job: 'build_and_publish',
    event: release('v2.0.1'),
    scripts: { test: 'node -e 0', build: "node -e \"require('fs').mkdirSync('build/dts', { recursive: true })\"" },
  },
  { fixture: 'release-published-yarn1-publish-no-git-tag-version-non-interactive-node12', workflow: 'release_npm.yml', job: 'deploy', event: release('v1.4.1'), scripts: BUILD },
  // The v18c sample (repository names holding tree-sitter-, stylelint-, electron-, cypress-, ngx-, hexo-): a bare `on: push` with no install before the publish.
  { fixture: 'push-every-branch-no-install-npm-publish-node12-theme', workflow: 'npm-publish.yml', job: 'publish', event: { name: 'push', ref: 'refs/heads/main' } },
  { fixture: 'release-released-npm-publish-lts-tag-owner-guard-turbo-env', workflow: 'publish-release.yml', job: 'npm-publish', event: release('v13.17.1') },
  { fixture: 'release-published-id-token-node24-token-kept-dist-tag-from-version', workflow: 'npm-publish.yml', job: 'publish-npm', event: release('v3.2.1'), scripts: BUILD },
  // The v19a sample (publish-library.yml, release-library.yml, npm-package.yml): a package in src/ beside a GitHub Packages job.
  { fixture: 'src-dir-package-npm-and-gpr-jobs-setup-node-v1-node14', workflow: 'publish-library.yml', job: 'publish-npm', event: release('v1.3.0'), dir: 'src' },
  // The v20a sample (repository names holding serverless-, ember-, cordova-, markdown-it-, eleventy-, strapi-): the npm tag
  // comes from $GITHUB_ENV (`env.tag`, cut from the release tag's major).
  { fixture: 'release-created-node22-npm-tag-from-major-version-github-env', workflow: 'release.yml', job: 'npm', event: release('v8.2.0') },
  // The v20b sample (held out): the version set from the release tag by `npm version`, the commit pushed back after the publish.
  {
    fixture: 'release-published-npm-version-tag-npm-config-set-authtoken-latest-or-beta-empty-matrix-node-push-back',
    workflow: 'publish.yml',
    job: 'build',
    // Its release tags carry no `v`: `npm version v1.0.1` would fail on the tag the release already made.
    event: release('1.0.1'),
    scripts: { build: 'node -e 0', test: 'node -e 0' },
    published: ['@acme/uikit@1.0.1'],
    branch: 'master',
    pushes: true,
  },
  // pascalgn/npm-publish-action, replaced by its steps: a push one of whose commits names the package.json version is tagged and
  // published (the dist/ workspace fixture is not here: its setup-node names no version, the runner's own Node, which the rehearsal has not).
  {
    fixture: 'pascalgn-publish-action-create-tag-no-setup-node',
    workflow: 'publish.yaml',
    job: 'publish',
    event: { name: 'push', ref: 'refs/heads/main', commits: ['Version 3.0.0', 'Fix a typo in the readme'] },
    scripts: { prepublish: 'npm run build', build: 'node -e 0' },
  },
  { fixture: 'pascalgn-publish-action-yarn1-skip-ci-guard', workflow: 'npm.yml', job: 'publish', event: { name: 'push', ref: 'refs/heads/master', commits: ['Release 1.4.0'] }, scripts: BUILD, branch: 'master' },
  // The v21b sample (held out): plain release jobs, one with Yarn 1's `yarn publish` turned into `npm publish`.
  { fixture: 'release-released-npm-ci-publish-npmjs-token-node24-checkout-v2', workflow: 'publish-to-npmjs.yml', job: 'build-and-publish', event: release('v1.1.0') },
  { fixture: 'release-created-yarn1-publish-setup-node-v1-node14-test-job', workflow: 'npm-publish-release.yml', job: 'publish-npm', event: release('v0.3.4'), scripts: { test: 'node -e 0' }, needs: afterJobs('build') },
  { fixture: 'release-published-yarn1-frozen-install-npm-publish-node16-setup-node-v3-cache', workflow: 'publish-to-npmjs.yml', job: 'build', event: release('v6.2.0'), scripts: { test: 'node -e 0' } },
  // The v21c sample: the npmjs.com job of a workflow that also publishes to GitHub Packages, after a version-bump job.
  { fixture: 'push-any-branch-bump-job-node14-npmjs-job-then-github-packages-job', workflow: 'publish.yml', job: 'publish-npmjs', event: { name: 'push', ref: 'refs/heads/main' }, needs: afterJobs('build') },
  // The v23a sample (held out): a Yarn 1 package in js/ whose publish step echoed the token into .npmrc and ran yarn publish,
  // gated by a script that exits non-zero when the version is already on npm (here it is not).
  {
    fixture: 'push-main-paths-package-json-defaults-subdir-yarn1-echo-npmrc-token-yarn-publish-check-npm-version-node20-id-token',
    workflow: 'release_js.yml',
    job: 'if_release',
    event: { name: 'push', ref: 'refs/heads/main' },
    dir: 'js',
  },
  // The v23b sample: the npm job of a workflow that also uploads to PyPI and force-pushes gh-pages.
  { fixture: 'pypi-npm-ghpages-deploy-push-branches-tags-node12', workflow: 'deployment.yml', job: 'npm', event: tagPush('v1.4.2') },
  // The v23c sample (npmpublish.yaml, publish_to_npm.yml, npm_publish.yaml): plain jobs, one whose project .npmrc held a bare _authToken line.
  { fixture: 'release-created-setup-node-v2-node16-npm-ci-publish', workflow: 'publish_to_npm.yml', job: 'build', event: release('v1.2.0') },
  { fixture: 'push-main-node22-publish-access-public-no-install', workflow: 'npm_publish.yaml', job: 'publish-npm', event: { name: 'push', ref: 'refs/heads/main' } },
  { fixture: 'push-master-setup-node-v3-node16-lowercase-secret-ci-build-publish', workflow: 'npmpublish.yaml', job: 'publish-npm', event: { name: 'push', ref: 'refs/heads/master' }, branch: 'master' },
  { fixture: 'push-master-echo-bare-authtoken-project-npmrc-custom-secret-node20', workflow: 'publish_to_npm.yml', job: 'prod_build', event: { name: 'push', ref: 'refs/heads/master' }, branch: 'master' },
  // The v24c sample (package-publish.yml, publish-lib.yml, release-npm-packages.yml): a dispatch-only Yarn 1 publish, now npm publish.
  { fixture: 'dispatch-only-yarn1-install-yarn-publish-node16-setup-node-v2', workflow: 'package-publish.yml', job: 'package-publish', event: { name: 'workflow_dispatch', ref: 'refs/heads/main' }, scripts: { prepare: 'node -e 0' } },
  // The v25a sample (held out): a dev-branch push whose environment job publishes after a Node-matrix build job.
  { fixture: 'dev-push-node-matrix-build-then-environment-job-npm-publish-lowercase-secret-node16', workflow: 'publish-to-npm.yml', job: 'publish-npm', event: { name: 'push', ref: 'refs/heads/dev' }, scripts: BUILD, needs: afterJobs('build'), branch: 'dev' },
  // Its one-line `npm whoami && npm publish` (whoami fails without a token): migrate cuts the whoami.
  {
    fixture: 'dispatch-only-yarn1-clean-build-whoami-and-publish-one-line-node20-setup-node-v2',
    workflow: 'package-publish.yml',
    job: 'package-publish',
    event: { name: 'workflow_dispatch', ref: 'refs/heads/main' },
    scripts: { clean: 'node -e 0', build: 'node -e 0' },
  },
  { fixture: 'release-created-setup-node-v2-node12-npm-install-no-lockfile', workflow: 'publish-to-npm-registry.yml', job: 'release', event: release('v0.1.0') },
];

describe('migrated real-world workflows, rehearsed', { concurrency: 2 }, () => {
  for (const c of CASES) {
    test(`${c.fixture}: publishes once, with the exchanged token`, async (t) => {
      const fixture = JSON.parse(readFileSync(join(DIR, c.fixture, 'fixture.json'), 'utf8')) as { remote: string; migrateArgs?: string[]; cwd?: string };
      const files: Record<string, string | object> = filesUnder(join(DIR, c.fixture, 'repo'));
      const at = (file: string) => (c.dir ? `${c.dir}/${file}` : file);
      const pkg = JSON.parse(String(files[at('package.json')])) as { name: string; version: string };
      files[at('package.json')] = { ...pkg, ...(c.scripts ? { scripts: c.scripts } : {}) };
      if (!files['yarn.lock'] && !files['pnpm-lock.yaml']) files[at('package-lock.json')] = npmLock(pkg.name, pkg.version);
      const slug = /github\.com\/(.+?)\.git$/.exec(fixture.remote)![1]!;
      // A registry of its own: fixtures may name the same package.
      const machine = await startMachine();
      t.after(() => machine.close());
      const r = await rehearseGithub(machine, {
        files,
        args: ['--migrate', '--force', ...(fixture.migrateArgs ?? [])],
        ...(fixture.cwd ? { sub: fixture.cwd } : {}),
        remote: fixture.remote,
        repository: slug,
        workflow: `.github/workflows/${c.workflow}`,
        job: c.job,
        event: c.event,
        tags: c.event.ref.startsWith('refs/tags/') ? [c.event.ref.slice('refs/tags/'.length)] : [],
        ...(c.needs ? { needs: c.needs } : {}),
        ...(c.pushes ? { pushes: true } : {}),
        ...(c.branch ? { edit: (repo: TempRepo) => repo.git('checkout', '-q', '-b', c.branch!) } : {}),
      });
      if (r.result.status === 'skipped-tool') return t.skip(r.result.reason);
      assert.equal(r.result.status, 'passed', logOf(r.result));
      assert.deepEqual(r.published, c.published ?? [`${pkg.name}@${pkg.version}`]);
      assertOnlyOidcCredentials(machine);
    });
  }
});

// CircleCI: migrate cannot know the project's IDs and leaves the trusted publisher for the user to
// add on npmjs.com with them ("Left for you"); the registry gets the publisher the user adds.
const IDS = { orgId: '8f2b1c3d-0a4e-4b6f-9c7d-1e2f3a4b5c6d', projectId: '0c6e2a4b-7d1f-4e3a-9b8c-5d4e3f2a1b0c', pipelineDefinitionId: 'f1e2d3c4-b5a6-4978-8695-a4b3c2d1e0f9' };
const CIRCLECI_CASES = [{ fixture: 'circleci-third-party-orb-login-command', job: 'publish', tag: 'v3.1.0', scripts: { test: 'node -e 0' } }];

describe('migrated real-world CircleCI configs, rehearsed', { concurrency: 2 }, () => {
  for (const c of CIRCLECI_CASES) {
    test(`${c.fixture}: publishes once, with the exchanged token`, async (t) => {
      const fixture = JSON.parse(readFileSync(join(DIR, c.fixture, 'fixture.json'), 'utf8')) as { remote: string };
      const files: Record<string, string | object> = filesUnder(join(DIR, c.fixture, 'repo'));
      const pkg = JSON.parse(String(files['package.json'])) as { name: string; version: string };
      files['package.json'] = { ...pkg, scripts: c.scripts };
      files['package-lock.json'] = npmLock(pkg.name, pkg.version);
      const machine = await startMachine();
      t.after(() => machine.close());
      const repo = makeRepo({ remote: fixture.remote, files });
      t.after(() => repo.cleanup());
      const run = await runCliAsync([repo.dir, '--yes', '--no-open', '--migrate', '--force'], { env: { NO_COLOR: '1' } });
      assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
      assert.match(run.stdout, /CircleCI trusted publisher/);
      repo.git('add', '-A');
      repo.git('commit', '-q', '-m', 'ci: publish with trusted publishing');
      repo.git('tag', c.tag);
      const vcsOrigin = `github.com/${/github\.com\/(.+?)\.git$/.exec(fixture.remote)![1]!}`;
      machine.registry.addPackage(pkg.name, { versions: ['0.0.1'], publishers: [{ kind: 'circleci', allowPublish: true, ...IDS, vcsOrigin, contextIds: [] }] });
      const r = await runCircleciJob(machine, { source: repo.dir, tag: c.tag, ids: { ...IDS, vcsOrigin }, contexts: { npm: '5e4d3c2b-1a09-4f8e-8d7c-6b5a4f3e2d1c' } }, c.job);
      if (r.status === 'skipped-tool') return t.skip(r.reason);
      assert.equal(r.status, 'passed', logOf(r));
      assert.deepEqual(machine.registry.published.map((p) => `${p.name}@${p.version}`), [`${pkg.name}@${pkg.version}`]);
      assertOnlyOidcCredentials(machine);
    });
  }
});
