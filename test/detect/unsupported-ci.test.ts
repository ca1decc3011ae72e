// CI files of services npm's trusted publishing does not accept, found by path and a publish/token
// line: doctor names them, and --migrate refuses rather than strip a token that must stay.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { unsupportedCiFindings, unsupportedPublishLine } from '../../src/detect/unsupported-ci.js';

test('a publish line with a token anywhere in the file: the npm plugin, npm/pnpm publish, Jenkins sh, Travis deploy', () => {
  const woodpecker = 'steps:\n  publish:\n    image: plugins/npm\n    settings:\n      token:\n        from_secret: npm_token\n';
  assert.equal(unsupportedPublishLine(woodpecker), 3);
  const drone = 'steps:\n- name: publish\n  image: node:22\n  environment:\n    NPM_TOKEN:\n      from_secret: npm\n  commands:\n  - echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > .npmrc\n  - pnpm publish --no-git-checks\n';
  assert.equal(unsupportedPublishLine(drone), 9);
  const jenkins = "pipeline {\n  stages {\n    stage('Publish') {\n      steps {\n        withCredentials([string(credentialsId: 'npm', variable: 'NPM_TOKEN')]) {\n          sh 'npm publish --access public'\n        }\n      }\n    }\n  }\n}\n";
  assert.equal(unsupportedPublishLine(jenkins), 6);
  const travis = 'language: node_js\ndeploy:\n  provider: npm\n  email: dev@example.com\n  api_token:\n    secure: abc\n  on:\n    tags: true\n';
  assert.equal(unsupportedPublishLine(travis), 3);
});

test('no publish, a dry run, a commented publish, or a publish without any token: nothing to name', () => {
  assert.equal(unsupportedPublishLine('steps:\n  test:\n    image: node:22\n    commands:\n      - npm ci\n      - npm test\n    environment:\n      NPM_TOKEN:\n        from_secret: npm_token\n'), undefined);
  assert.equal(unsupportedPublishLine('steps:\n  p:\n    commands:\n      - npm publish --dry-run\n    environment:\n      NPM_TOKEN: x\n'), undefined);
  assert.equal(unsupportedPublishLine('steps:\n  p:\n    commands:\n      # - npm publish\n      - npm pack\n    environment:\n      NPM_TOKEN: x\n'), undefined);
  assert.equal(unsupportedPublishLine('steps:\n  p:\n    image: plugins/docker\n    settings:\n      repo: acme/app\n'), undefined);
});

test('doctor finds them by path only (.woodpecker/, .drone.yml, Jenkinsfile...), with the reason npm does not trust the service', () => {
  const top = mkdtempSync(join(tmpdir(), 'unsupported-ci-'));
  try {
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(top, path)), { recursive: true });
      writeFileSync(join(top, path), text);
    };
    const publish = 'steps:\n  publish:\n    image: node:22\n    commands:\n      - npm publish\n    environment:\n      NPM_TOKEN:\n        from_secret: npm_token\n';
    write('.woodpecker/release.yml', publish);
    write('.drone.yml', publish);
    // Not a file of such a service: another tool's YAML with the same lines is not read.
    write('ci/release.yml', publish);
    const findings = unsupportedCiFindings(top);
    assert.deepEqual(findings.map((f) => [f.id, f.level, f.file, f.line]), [
      ['unsupported-ci', 'warning', '.drone.yml', 5],
      ['unsupported-ci', 'warning', '.woodpecker/release.yml', 5],
    ]);
    assert.match(findings[1]!.message, /Woodpecker CI, where npm's trusted publishing is not available/);
    assert.match(findings[1]!.fix!, /Woodpecker CI is not a trusted publisher for npm\..*GitHub Actions.*GitLab.*CircleCI/);
  } finally {
    rmSync(top, { recursive: true, force: true });
  }
});
