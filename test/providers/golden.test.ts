// Golden files: the rendered GitLab job and CircleCI config, byte for byte.
// To rewrite them after an intended change: UPDATE_GOLDEN=1 node --import tsx --test test/providers/golden.test.ts
// (then review the diff of test/golden/gitlab/ and test/golden/circleci/ before committing).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { renderCircleciConfig } from '../../src/providers/circleci/config.js';
import { renderGitlabJob } from '../../src/providers/gitlab/job.js';
import { CIRCLECI_GOLDEN, GITLAB_GOLDEN } from './cases.js';

const update = process.env.UPDATE_GOLDEN === '1';

function compare(dir: string, file: string, actual: string): void {
  const path = join(dir, file);
  if (update) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path, actual);
  }
  assert.ok(existsSync(path), `${path} is missing: run with UPDATE_GOLDEN=1`);
  assert.equal(actual, readFileSync(path, 'utf8'));
}

const GITLAB_DIR = fileURLToPath(new URL('../golden/gitlab/', import.meta.url));
for (const [file, input] of Object.entries(GITLAB_GOLDEN)) {
  test(`golden gitlab/${file}`, () => compare(GITLAB_DIR, file, renderGitlabJob(input)));
}

const CIRCLECI_DIR = fileURLToPath(new URL('../golden/circleci/', import.meta.url));
for (const [file, input] of Object.entries(CIRCLECI_GOLDEN)) {
  test(`golden circleci/${file}`, () => compare(CIRCLECI_DIR, file, renderCircleciConfig(input)));
}
