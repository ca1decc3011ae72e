// Every variant of the GitLab job and the CircleCI config is valid YAML and meets the publish rules:
// exact ID token audiences, no npm token anywhere, an npm version check, tag-only triggers, no cache.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDocument } from 'yaml';
import { renderCircleciConfig } from '../../src/providers/circleci/config.js';
import { renderGitlabJob } from '../../src/providers/gitlab/job.js';
import { circleciVariants, gitlabVariants } from './cases.js';

type Json = Record<string, unknown>;
const TOKEN_NAMES = /NPM_TOKEN|NODE_AUTH_TOKEN|_authToken|always-auth/;

function parse(text: string): Json {
  const doc = parseDocument(text, { uniqueKeys: true });
  assert.deepEqual(doc.errors, [], 'parses without errors or duplicate keys');
  assert.deepEqual(doc.warnings, []);
  return doc.toJS() as Json;
}

test('GitLab job: every variant parses and meets the publish rules', () => {
  for (const input of gitlabVariants()) {
    const text = renderGitlabJob(input);
    const label = JSON.stringify(input);
    const data = parse(text);
    assert.deepEqual(Object.keys(data), ['npm-publish'], label);
    const job = data['npm-publish'] as Json & { script: string[] };
    assert.deepEqual(job.id_tokens, {
      NPM_ID_TOKEN: { aud: 'npm:registry.npmjs.org' },
      SIGSTORE_ID_TOKEN: { aud: 'sigstore' },
    });
    assert.doesNotMatch(text, TOKEN_NAMES, label);
    assert.equal(job.variables, undefined, 'no job variables that could carry a token');
    assert.deepEqual(job.inherit, { default: false, variables: false });
    assert.deepEqual(job.cache, [], 'no cache in the release job');
    assert.deepEqual(job.tags, ['saas-linux-small-amd64'], 'GitLab-hosted runners only');
    assert.equal(job.image, `node:${input.node}`);
    assert.equal(job.stage, 'deploy');
    assert.deepEqual(job.rules, [
      { if: "$CI_PROJECT_PATH == 'acme/widget' && $CI_COMMIT_TAG =~ /^v[0-9]+[.][0-9]+[.][0-9]+/" },
    ]);
    assert.deepEqual(job.environment, input.environment === null ? undefined : { name: input.environment });
    // The npm check comes before any install, and publish is the last command, with no flags.
    const check = job.script.findIndex((line) => line.includes('11.5.1 "$npm_version"'));
    const install = job.script.findIndex((line) => / (ci|install)\b/.test(line) && !line.includes('-g'));
    assert.ok(check >= 0 && check < install, label);
    assert.equal(job.script.at(-1), 'npm publish');
    assert.ok(job.script.some((line) => line.includes('"$CI_COMMIT_TAG" != "v$version"')));
    assert.equal(job.script[0] === 'cd packages/a', input.packageDir !== '', 'cd first when the package is in a folder');
    assert.equal(job.script.includes('npm install -g npm@^11.5.1'), input.node === '22');
    assert.equal(job.script.includes(`${input.packageManager} run build`), input.hasBuild);
  }
});

test('CircleCI config: every variant parses and meets the publish rules', () => {
  for (const input of circleciVariants()) {
    const text = renderCircleciConfig(input);
    const label = JSON.stringify(input);
    const data = parse(text) as { version: number; jobs: Record<string, Json>; workflows: Record<string, Json> };
    assert.equal(data.version, 2.1);
    assert.deepEqual(Object.keys(data.jobs), ['npm-publish']);
    const job = data.jobs['npm-publish']! as { docker: Json[]; steps: (string | { run: Json })[] } & Json;
    assert.deepEqual(job.docker, [{ image: 'cimg/node:24.21' }], 'cloud Docker executor');
    assert.equal(job.resource_class, undefined, 'no self-hosted runner class');
    assert.equal(job.environment, undefined, 'no job environment that could carry a token');
    assert.doesNotMatch(text, TOKEN_NAMES, label);
    assert.doesNotMatch(text, /save_cache|restore_cache|<</, 'no cache, no parameters');
    assert.equal(job.steps[0], 'checkout');
    const runs = job.steps.slice(1).map((step) => (step as { run: Json }).run);
    assert.match(String(runs[0]!.command), /11\.11\.0 "\$npm_version"/, 'npm 11.11.0 check first');
    const publish = runs.at(-1)!;
    assert.equal(
      publish.command,
      `NPM_ID_TOKEN="$(circleci run oidc get --claims '{"aud": "npm:registry.npmjs.org"}')"\nexport NPM_ID_TOKEN\nnpm publish\n`,
    );
    // Steps after the npm check run in the package's folder, except installing the package manager.
    for (const run of runs.slice(1).filter((r) => !/^(Enable corepack|Install Bun)$/.test(String(r.name)))) {
      assert.equal(run.working_directory, input.packageDir || undefined, label);
    }
    assert.ok(runs.some((run) => String(run.command).includes('"$CIRCLE_TAG" != "v$version"')));
    const workflow = data.workflows['npm-publish'] as { jobs: Record<string, Json>[] };
    assert.deepEqual(workflow.jobs, [
      {
        'npm-publish': {
          ...(input.contextNames ? { context: input.contextNames } : {}),
          filters: { tags: { only: '/^v[0-9]+[.][0-9]+[.][0-9]+.*/' }, branches: { ignore: '/.*/' } },
        },
      },
    ]);
  }
});
