// A step that moves a dist-tag after the publish (`npm dist-tag add … latest`) keeps its token and
// the registry-url that hands it to npm: the npm CLI exchanges the OIDC token for `npm publish`
// only. Shape of the release job of 5minds/node-red-dashboard-2-ui-webcam (v15a sample), through
// the built binary in a real repository.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { runCli } from '../helpers/cli.js';
import { makeRepo } from '../helpers/repo.js';
import { TAG_TOKEN_PUBLISH } from '../helpers/token-workflows.js';

const DIST_TAG = `${TAG_TOKEN_PUBLISH.replace('node-version: 24', 'node-version: 24\n          registry-url: https://registry.npmjs.org')}      - name: Move latest
        run: npm dist-tag add "@acme/widget@\${GITHUB_REF_NAME#v}" latest
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;

test('npm dist-tag add keeps NODE_AUTH_TOKEN and registry-url; the publish step loses its token', () => {
  const repo = makeRepo({
    remote: 'https://github.com/acme/widget.git',
    files: {
      'package.json': { name: '@acme/widget', version: '1.0.0', repository: { type: 'git', url: 'git+https://github.com/acme/widget.git' } },
      '.github/workflows/publish.yml': DIST_TAG,
    },
  });
  try {
    const run = runCli([repo.dir, '--migrate', '--yes', '--force']);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const steps = (parse(readFileSync(join(repo.dir, '.github/workflows/publish.yml'), 'utf8')) as { jobs: { publish: { steps: Array<{ run?: string; env?: Record<string, string>; with?: Record<string, unknown> }> } } }).jobs.publish.steps;
    const publish = steps.find((s) => s.run === 'npm publish');
    const distTag = steps.find((s) => s.run?.startsWith('npm dist-tag'));
    assert.equal(publish?.env, undefined);
    assert.equal(distTag?.env?.NODE_AUTH_TOKEN, '${{ secrets.NPM_TOKEN }}');
    assert.equal(steps.find((s) => s.with?.['registry-url'] !== undefined)?.with?.['registry-url'], 'https://registry.npmjs.org');
    assert.match(run.stdout, /kept registry-url on setup-node: step "Move latest"/);
    // The checklist keeps the secret for that step, with a token that can write (not a read-only one).
    const keep = run.stdout.slice(run.stdout.indexOf('Keep the NPM_TOKEN secret')).replace(/\s+/g, ' ');
    assert.match(keep, /^Keep the NPM_TOKEN secret until nothing else reads it Steps that run npm dist-tag, deprecate or the like read it \(\.github\/workflows\/publish\.yml:\d+\): trusted publishing does not cover them/);
    assert.doesNotMatch(keep, /read-only/);
    // Doctor then calls that token what it is, not a read-only install token.
    const doctor = runCli(['doctor', repo.dir, '--json']);
    const note = (JSON.parse(doctor.stdout) as { findings: Array<{ id: string; message: string }> }).findings.find((f) => f.id === 'install-token');
    assert.match(note?.message ?? '', /on a step that runs npm dist-tag, deprecate or the like/);
  } finally {
    repo.cleanup();
  }
});

// The same move in the publish step's own script (shaka-project/shaka-player, v24a sample): the
// lines after the publish become a step of their own that keeps the token; the publish loses it.
const SAME_STEP = TAG_TOKEN_PUBLISH.replace('node-version: 24', 'node-version: 24\n          registry-url: https://registry.npmjs.org').replace(
  '      - run: npm publish\n',
  `      - name: Publish
        run: |
          npm publish --tag next

          if [[ "$NPM_LATEST" == "true" ]]; then
            VERSION=$(npm version --json | jq -r '."@acme/widget"')
            npm dist-tag add "@acme/widget@$VERSION" latest
          fi
`,
);

const stepsOf = (dir: string) =>
  (parse(readFileSync(join(dir, '.github/workflows/publish.yml'), 'utf8')) as { jobs: { publish: { steps: Array<{ name?: string; run?: string; env?: Record<string, string>; with?: Record<string, unknown> }> } } }).jobs.publish.steps;

test('npm dist-tag add in the publish step moves to a step of its own that keeps the token', () => {
  const repo = makeRepo({
    remote: 'https://github.com/acme/widget.git',
    files: {
      'package.json': { name: '@acme/widget', version: '1.0.0', repository: { type: 'git', url: 'git+https://github.com/acme/widget.git' } },
      '.github/workflows/publish.yml': SAME_STEP,
    },
  });
  try {
    const run = runCli([repo.dir, '--migrate', '--yes', '--force']);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const steps = stepsOf(repo.dir);
    const publish = steps.find((s) => s.name === 'Publish');
    const distTag = steps[steps.indexOf(publish!) + 1];
    assert.equal(publish?.run, 'npm publish --tag next\n');
    assert.equal(publish?.env, undefined);
    assert.equal(distTag?.name, 'Publish (npm dist-tag)');
    assert.match(distTag?.run ?? '', /^if \[\[ "\$NPM_LATEST" == "true" \]\]; then\n[\s\S]*npm dist-tag add[\s\S]*fi\n$/);
    assert.equal(distTag?.env?.NODE_AUTH_TOKEN, '${{ secrets.NPM_TOKEN }}');
    assert.match(run.stdout, /kept registry-url on setup-node: step "Publish \(npm dist-tag\)"/);
    const doctor = JSON.parse(runCli(['doctor', repo.dir, '--json']).stdout) as { findings: Array<{ id: string; level: string }> };
    assert.deepEqual(doctor.findings.filter((f) => f.level === 'error' && f.id !== 'npm-ci-no-lockfile'), []);
  } finally {
    repo.cleanup();
  }
});

test('npm dist-tag add reading a variable the publish lines set: the step keeps its token and says so', () => {
  const repo = makeRepo({
    remote: 'https://github.com/acme/widget.git',
    files: {
      'package.json': { name: '@acme/widget', version: '1.0.0', repository: { type: 'git', url: 'git+https://github.com/acme/widget.git' } },
      '.github/workflows/publish.yml': SAME_STEP.replace('npm publish --tag next', 'TAG=next\n          npm publish --tag "$TAG"').replace(' latest\n', ' "$TAG"\n'),
    },
  });
  try {
    const run = runCli([repo.dir, '--migrate', '--yes', '--force']);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const publish = stepsOf(repo.dir).find((s) => s.name === 'Publish');
    assert.equal(publish?.env?.NODE_AUTH_TOKEN, '${{ secrets.NPM_TOKEN }}');
    assert.match(run.stdout.replace(/\s+/g, ' '), /step "Publish" keeps its token: it also runs npm dist-tag/);
    // The checklist keeps the secret that step still reads.
    assert.doesNotMatch(run.stdout, /gh secret delete NPM_TOKEN/);
  } finally {
    repo.cleanup();
  }
});
