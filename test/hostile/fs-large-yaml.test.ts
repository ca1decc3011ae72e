// Issue 12, point 8, for the YAML files other than workflows: a GitLab or CircleCI config and
// a local action the publish step runs. Over 512,000 bytes they are refused with their size
// before they are parsed (the heap is capped well below what parsing them takes); duplicate
// keys are found without the parser's quadratic check and refused with the line.
import { test } from 'node:test';
import { expectClean, run, scene, snapshot } from './harness.js';

// The parser's memory grows to hundreds of bytes per byte of YAML: a heap capped well below
// what parsing 2 MB takes shows the file is refused before it is parsed.
const CAPPED = { NODE_OPTIONS: '--max-old-space-size=160' };

/** `head` (a config that publishes with a token) padded with ordinary jobs to about `bytes`. */
function padded(head: string, bytes: number, job: (i: number) => string): string {
  const parts = [head];
  let size = head.length;
  for (let i = 0; size < bytes; i++) {
    parts.push(job(i));
    size += parts[parts.length - 1]!.length;
  }
  return parts.join('');
}

// SOURCE: krom/.gitlab-ci.yml-samples npm-publish/.gitlab-ci.yml (commit 591dd074175f952c13897f033dda21b1b59d9a5b):
// a release job that echoes the token into .npmrc, then npm publish, on tags. Own text, same shape.
const GITLAB = `stages: [test, deploy]
publish:
  stage: deploy
  image: node:20
  script:
    - echo "//registry.npmjs.org/:_authToken=\${NPM_TOKEN}" > .npmrc
    - npm publish
  rules:
    - if: $CI_COMMIT_TAG
`;
const gitlabJob = (i: number) => `test-${i}:\n  stage: test\n  image: node:20\n  script:\n    - npm ci\n    - npm test -- --shard=${i}\n`;

// SOURCE: andrelmlins/ci-npm-publish examples/.circleci/config.yml (commit 2d4f780147715085c781d584ba37a39191ee3d90):
// a deploy job that echoes the token into .npmrc, then npm publish. Own text, same shape.
const CIRCLECI = `version: 2.1
jobs:
  publish:
    docker:
      - image: cimg/node:20.11
    steps:
      - checkout
      - run: echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > ~/.npmrc
      - run: npm publish
`;
const circleJob = (i: number) => `  test-${i}:\n    docker:\n      - image: cimg/node:20.11\n    steps:\n      - checkout\n      - run: npm test -- --shard=${i}\n`;
const CIRCLE_TAIL = 'workflows:\n  release:\n    jobs: [publish]\n';

const WORKFLOW_WITH_ACTION = `name: Release
on:
  push:
    tags: ['v*']
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: ./.github/actions/release
        env:
          NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
`;
const ACTION = `name: Release
runs:
  using: composite
  steps:
    - run: echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > ~/.npmrc
      shell: bash
    - run: npm publish
      shell: bash
`;
const actionStep = (i: number) => `    - run: echo "step ${i}"\n      shell: bash\n`;

const large = {
  '.gitlab-ci.yml': padded(GITLAB, 2_000_000, gitlabJob),
  '.circleci/config.yml': padded(CIRCLECI, 2_000_000, circleJob) + CIRCLE_TAIL,
};

for (const [path, text] of Object.entries(large)) {
  for (const args of [['--migrate', '--dry-run'], ['--migrate', '--force']]) {
    test(`8. ${args.join(' ')} on a 2 MB ${path} (heap capped at 160 MB): refused with its size before parsing, exit 1, nothing written`, () => {
      const s = scene({ files: { [path]: text } });
      const before = snapshot(s.base);
      const r = run(s, args, { env: CAPPED, timeout: 60_000 });
      expectClean(s, before, r, { code: 1, says: `${path} is not migrated: it is 2.0 MB, and YAML files larger than 500 KB (512,000 bytes) are not read` });
      s.cleanup();
    });
  }
}

test('8. --migrate --dry-run with a 2 MB local action behind the publish step (heap capped at 160 MB): refused with its size, exit 1', () => {
  const action = padded(ACTION, 2_000_000, actionStep);
  const s = scene({ files: { '.github/workflows/release.yml': WORKFLOW_WITH_ACTION, '.github/actions/release/action.yml': action } });
  const before = snapshot(s.base);
  const r = run(s, ['--migrate', '--dry-run'], { env: CAPPED, timeout: 60_000 });
  expectClean(s, before, r, { code: 1, says: '.github/actions/release/action.yml (the local action ./.github/actions/release the publish step runs) is not edited: it is 2.0 MB' });
  s.cleanup();
});

const duplicated = {
  // Thousands of jobs and one repeated key: found in one pass, refused with the line.
  '.gitlab-ci.yml': padded(GITLAB, 400_000, gitlabJob) + gitlabJob(7),
  '.circleci/config.yml': `${padded(CIRCLECI, 400_000, circleJob)}  publish:\n    docker:\n      - image: cimg/node:20.11\n    steps:\n      - run: npm publish\n${CIRCLE_TAIL}`,
};
for (const [path, text] of Object.entries(duplicated)) {
  test(`8. --migrate --dry-run on a 400 kB ${path} with a repeated key: refused as invalid YAML with the reason, exit 1`, () => {
    const s = scene({ files: { [path]: text } });
    const before = snapshot(s.base);
    const r = run(s, ['--migrate', '--dry-run'], { timeout: 120_000 });
    expectClean(s, before, r, { code: 1, says: `${path} is not valid YAML (Map keys must be unique` });
    s.cleanup();
  });
}

test('8. --migrate --dry-run with a local action whose keys repeat: the action is left alone, the workflow still migrates', () => {
  const s = scene({ files: { '.github/workflows/release.yml': WORKFLOW_WITH_ACTION, '.github/actions/release/action.yml': `${ACTION}name: Again\n` } });
  const before = snapshot(s.base);
  const r = run(s, ['--migrate', '--dry-run']);
  expectClean(s, before, r, { code: 0, says: 'Dry run: nothing was written.' });
  s.cleanup();
});
