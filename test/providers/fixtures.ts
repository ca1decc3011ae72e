// Realistic CI files as projects have them: comments everywhere, anchors, odd spacing, a token publish.

export const GITLAB_NODE_PROJECT = `# CI for widget. Owner: @release-team
# Keep jobs small; see CONTRIBUTING.md.

stages:            # build, then test, then ship
  - build
  - test
  - deploy

default:
  image: node:22   # matches .nvmrc
  cache:
    key:
      files: [package-lock.json]
    paths: [.npm/]
  before_script:
    - npm ci --cache .npm --prefer-offline

variables:
  npm_config_cache: "$CI_PROJECT_DIR/.npm"

.node-job: &node-job
  tags: [docker]
  interruptible: true

lint:
  <<: *node-job
  stage: build
  script:
    - npm run lint   # eslint + prettier

test:
  <<: *node-job
  stage: test
  script:
    - npm test
  coverage: '/Lines\\s*:\\s*(\\d+\\.?\\d*)%/'
  artifacts:
    reports:
      junit: junit.xml

# The old way: a token in a CI/CD variable.
publish:
  stage: deploy
  script:
    - echo "//registry.npmjs.org/:_authToken=\${NPM_TOKEN}" > .npmrc
    - npm publish
  rules:
    - if: $CI_COMMIT_TAG
`;

/** No stages, Windows line breaks, and a last line without a line break after a trailing comment. */
export const GITLAB_CRLF = ['image: node:24', '', 'test:', '  script:', '    - npm test', '# end'].join('\r\n');

export const GITLAB_COMMENTS_ONLY = '# TODO: set up CI\n# (nothing yet)\n';

export const GITLAB_CANNOT: Record<string, { text: string; reason: RegExp }> = {
  'invalid YAML': { text: 'test:\n  script:\n    - npm test\n   bad: [\n', reason: /not valid YAML/ },
  'duplicate keys': { text: 'test:\n  script: [a]\ntest:\n  script: [b]\n', reason: /not valid YAML/ },
  'include-only layout': {
    text: '# Everything lives in ci/\ninclude:\n  - local: ci/build.yml\n  - project: acme/ci-templates\n    file: node.yml\nstages: [build, test, deploy]\n',
    reason: /only includes other files/,
  },
  'hand-written job of the same name': {
    text: 'npm-publish:\n  script:\n    - npm publish\n',
    reason: /already has a "npm-publish" entry that this tool did not write/,
  },
  'stages without deploy': { text: 'stages: [build, test, release]\nbuild:\n  stage: build\n  script: [make]\n', reason: /no `deploy` stage/ },
  'spec header (two documents)': {
    text: 'spec:\n  inputs:\n    node:\n      default: "24"\n---\ntest:\n  script: [npm test]\n',
    reason: /more than one YAML document/,
  },
  'top level is a list': { text: '- a\n- b\n', reason: /not a block mapping/ },
  // A `|+` scalar keeps every line after it: anything appended would become part of its value.
  'keep-chomped block scalar at the end': {
    text: 'notes:\n  script:\n    - |+\n      echo hi\n\n',
    reason: /would not hold the same data plus the new entry/,
  },
  'flow-style top level': { text: '{test: {script: [x]}}\n', reason: /not a block mapping/ },
};

export const CIRCLECI_PROJECT = `# CircleCI for widget
version: 2.1

orbs:
  node: circleci/node@7.1.0 # keep in sync with renovate.json

executors:
  node:
    docker:
      - image: cimg/node:24.21

jobs:
  test:
    executor: node
    steps:
      - checkout
      - node/install-packages
      - run: npm test
    # tests are fast; no parallelism

  # The old publish job, with a token from the "npm" context.
  publish:
    executor: node
    steps:
      - checkout
      - run: echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > ~/.npmrc
      - run: npm publish

workflows:
  ci:
    jobs:
      - test
      - publish:
          context: npm
          requires: [test]
          filters:
            branches: { ignore: /.*/ }
            tags: { only: /^v.*/ }
# end of config
`;

export const CIRCLECI_FOUR_SPACES = `version: 2.1
jobs:
    test:
        docker:
            - image: cimg/node:24.21
        steps:
            - checkout
            - run: npm test
`;

export const CIRCLECI_CANNOT: Record<string, { text: string; reason: RegExp }> = {
  'invalid YAML': { text: 'version: 2.1\njobs:\n  test: [\n', reason: /not valid YAML/ },
  'version 2.0': { text: 'version: 2\njobs:\n  build:\n    docker: [{image: x}]\n    steps: [checkout]\n', reason: /version 2\b/ },
  'setup configuration': { text: 'version: 2.1\nsetup: true\norbs:\n  path-filtering: circleci/path-filtering@1\n', reason: /setup \(dynamic\)/ },
  'hand-written job of the same name': {
    text: 'version: 2.1\njobs:\n  npm-publish:\n    docker: [{image: x}]\n    steps: [checkout]\n',
    reason: /`jobs:`: it already has a "npm-publish" entry that this tool did not write/,
  },
  'flow-style jobs': { text: 'version: 2.1\njobs: {test: {docker: [{image: x}], steps: [checkout]}}\n', reason: /`jobs:` is not a block mapping/ },
};
