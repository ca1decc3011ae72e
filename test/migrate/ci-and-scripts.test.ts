// GitLab and CircleCI token jobs converted in place, and publish scripts losing their token lines.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { migrateCiFile } from '../../src/migrate/ci-files.js';
import { scriptEdits } from '../../src/migrate/scripts.js';
import { withoutTokenLines } from '../../src/migrate/token-lines.js';
import { MigrateError } from '../../src/migrate/errors.js';

const ci = (provider: 'gitlab' | 'circleci', path: string, content: string) => migrateCiFile({ provider, path, content, publishes: true, tokenUses: [] });

test('GitLab: a job in an included file whose image comes from a template of the including file (node:20) gets node:24', () => {
  const top = { provider: 'gitlab' as const, path: '.gitlab-ci.yml', content: 'include:\n  - local: ci/release.yml\n\n.node:\n  image: node:20\n  before_script:\n    - npm ci\n', publishes: false, tokenUses: [] };
  const release = { provider: 'gitlab' as const, path: 'ci/release.yml', content: "publish:\n  extends: .node\n  script:\n    - echo '//registry.npmjs.org/:_authToken=${NPM_TOKEN}' > .npmrc\n    - npm publish\n", publishes: true, tokenUses: [] };
  const out = migrateCiFile(release, [top, release]);
  assert.equal(parse(out.after).publish.image, 'node:24');
  assert.ok(out.changes.includes('job "publish": image node:24 instead of node:20 (npm 11.5.1 or newer)'), out.changes.join('\n'));
  assert.ok(!out.left.some((line) => line.includes('default image')), out.left.join('\n'));
});

test('GitLab: id_tokens on the publish job, the token lines gone (top-level before_script too), an old node image raised', () => {
  const src = `image: node:14

before_script:
  - echo "//registry.npmjs.org/:_authToken=\${NPM_TOKEN}" > .npmrc
  - npm ci

test:
  script:
    - npm test

publish:
  stage: deploy
  variables:
    NPM_TOKEN: \${NPM_TOKEN}
  script:
    - npm publish --access public
  only:
    - tags
`;
  const out = ci('gitlab', '.gitlab-ci.yml', src);
  const after = parse(out.after);
  assert.deepEqual(after.publish.id_tokens, { NPM_ID_TOKEN: { aud: 'npm:registry.npmjs.org' }, SIGSTORE_ID_TOKEN: { aud: 'sigstore' } });
  assert.equal(after.publish.image, 'node:24');
  assert.equal(after.publish.variables, undefined);
  assert.deepEqual(after.before_script, ['npm ci']);
  assert.equal(after.test.image, undefined, 'the test job keeps the top-level image');
  assert.doesNotMatch(out.after, /_authToken|NPM_TOKEN/);
  assert.match(out.after, /^image: node:14$/m);
});

test('CircleCI: the publish step exports the ID token, the .npmrc step goes, an old image becomes cimg/node 24', () => {
  const src = `version: 2.1
jobs:
  publish:
    docker:
      - image: cimg/node:18.20
    steps:
      - checkout
      - run: echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > ~/.npmrc
      - run:
          name: Publish
          command: npm publish
workflows:
  release:
    jobs: [publish]
`;
  const out = ci('circleci', '.circleci/config.yml', src);
  const job = parse(out.after).jobs.publish;
  assert.equal(job.docker[0].image, 'cimg/node:24.21');
  assert.equal(job.steps.length, 2);
  assert.equal(job.steps[1].run.command, `NPM_ID_TOKEN="$(circleci run oidc get --claims '{"aud": "npm:registry.npmjs.org"}')"\nexport NPM_ID_TOKEN\nnpm publish\n`);
  assert.ok(out.left.some((line) => /organization, project and pipeline definition IDs/.test(line)));
});

test('a publish script loses its _authToken and npm whoami lines; a JavaScript one that writes a token is refused', () => {
  assert.equal(withoutTokenLines('set -e\nnpm config set //registry.npmjs.org/:_authToken "$T"\nnpm whoami\nnpm publish\n'), 'set -e\nnpm publish\n');
  assert.equal(withoutTokenLines('npm publish\n'), undefined);
  // A whoami in front of the publish on its line: the publish never ran without a token.
  assert.equal(withoutTokenLines('set -e\n  npm whoami --registry https://registry.npmjs.org && npm publish\nnpm whoami; npm run release\n'), 'set -e\n  npm publish\nnpm run release\n');
  assert.equal(withoutTokenLines('npm whoami || npm login\nnpm publish\n'), undefined);
  const files: Record<string, string> = { 'scripts/release.sh': 'echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > ~/.npmrc\nnpm publish\n', 'bin/pub.js': 'fs.writeFileSync(".npmrc", `//registry.npmjs.org/:_authToken=${t}`)' };
  const edits = scriptEdits('bash scripts/release.sh', 'job "p"', (p) => files[p]);
  assert.deepEqual([...edits.keys()], ['scripts/release.sh']);
  assert.equal(edits.get('scripts/release.sh')!.after, 'npm publish\n');
  assert.throws(() => scriptEdits('node bin/pub.js', 'job "p"', (p) => files[p]), (e: unknown) => e instanceof MigrateError && /bin\/pub\.js/.test(e.message));
});

test('a shell publish script: an `if ! WHO=$(npm whoami)` block that only says and stops goes, with the line that printed WHO; a whoami used otherwise is refused', () => {
  const files: Record<string, string> = {
    'scripts/snapshot.sh': 'set -euo pipefail\ncat > ~/.npmrc <<EOF\n//registry.npmjs.org/:_authToken=${NPM_TOKEN}\nEOF\nif ! WHO=$(npm whoami 2>/dev/null); then\n  echo "not logged in" >&2\n  exit 1\nfi\necho "Logged in as $WHO"\nnpx lerna publish from-package --yes\n',
    'scripts/owner.sh': 'set -e\nOWNER=$(npm whoami)\nnpm publish --tag "$OWNER"\n',
    'scripts/login.sh': 'if ! npm whoami; then\n  npm login\nfi\nnpm publish\n',
    'scripts/plain.sh': '# log in, then check it with npm whoami\nnpm whoami\nnpm publish\n',
  };
  assert.equal(scriptEdits('./scripts/snapshot.sh', 'job "snapshot"', (p) => files[p]).get('scripts/snapshot.sh')!.after, 'set -euo pipefail\ncat > ~/.npmrc <<EOF\nEOF\nnpx lerna publish from-package --yes\n');
  for (const script of ['owner', 'login']) {
    assert.throws(
      () => scriptEdits(`./scripts/${script}.sh`, 'job "snapshot"', (p) => files[p]),
      (e: unknown) => e instanceof MigrateError && e.message.includes(`job "snapshot" runs scripts/${script}.sh, which checks the npm token with npm whoami`),
      script,
    );
  }
  // A whoami on a line of its own goes with the line; one named in a comment is no check.
  assert.equal(scriptEdits('bash scripts/plain.sh', 'job "p"', (p) => files[p]).get('scripts/plain.sh')!.after, '# log in, then check it with npm whoami\nnpm publish\n');
});

// A preflight job whose node script only checks the token, modelled on ever-co/ever-cli@cdd50d3
// (scripts/check-npm-publish-prereqs.js): the refusal names the script's whoami line.
test('a program that checks the token with npm whoami is refused with the line that does it', () => {
  const files: Record<string, string> = {
    'scripts/check.js': "// Fails unless npm whoami works.\nconst { execFileSync } = require('node:child_process');\nconst user = execFileSync('npm', ['whoami'], { encoding: 'utf8' }).trim();\nconsole.log(user);\n",
  };
  assert.throws(
    () => scriptEdits('node ./scripts/check.js', 'job "preflight"', (p) => files[p]),
    (e: unknown) => e instanceof MigrateError && e.message.includes('job "preflight" runs scripts/check.js, which checks the npm token with npm whoami (scripts/check.js:3)') && e.message.includes('or the step that runs it'),
  );
});

test('GitLab: the image comes through extends, and a template the publish job `!reference`s loses its token line (and the reference, once empty)', () => {
  const content = `.auth:
  before_script:
    - echo "//registry.npmjs.org/:_authToken=\${NPM_TOKEN}" > .npmrc

.node:
  image: node:20
  before_script:
    - npm ci

test:
  extends: .node
  script:
    - npm test

publish:
  extends: .node
  before_script:
    - !reference [.node, before_script]
    - !reference [.auth, before_script]
  script:
    - npm publish
`;
  const warnings: unknown[] = [];
  const warn = process.emitWarning;
  process.emitWarning = ((w: unknown) => void warnings.push(w)) as typeof process.emitWarning;
  let result;
  try {
    result = ci('gitlab', '.gitlab-ci.yml', content);
  } finally {
    process.emitWarning = warn;
  }
  assert.deepEqual(warnings, [], 'no YAML warning about the !reference tag');
  assert.doesNotMatch(result.after, /_authToken|\.auth/);
  assert.match(result.after, /- !reference \[\.node, before_script\]/, 'the other reference stays as written');
  const doc = parse(result.after, { customTags: [{ tag: '!reference', collection: 'seq', default: false, resolve: (v: unknown) => v } as never] }) as Record<string, Record<string, unknown>>;
  assert.equal(doc['publish']!['image'], 'node:24', 'node:20 from .node is raised on the job');
  assert.equal(doc['.node']!['image'], 'node:20', 'the template other jobs use stays');
  assert.deepEqual(Object.keys(doc['publish']!['id_tokens'] as object), ['NPM_ID_TOKEN', 'SIGSTORE_ID_TOKEN']);
  assert.equal(doc['test']!['id_tokens'], undefined);
  assert.deepEqual(result.left, []);
});

test('GitLab: the line naming a token left behind survives the output masking intact', async () => {
  const { maskSecrets } = await import('../../src/text/mask.js');
  const result = ci('gitlab', '.gitlab-ci.yml', 'install:\n  script:\n    - NPM_TOKEN=$READ_TOKEN npm ci\n\npublish:\n  image: node:24\n  script:\n    - npm publish\n');
  const line = result.left.find((l) => /still names/.test(l));
  assert.ok(line, result.left.join('\n'));
  assert.equal(maskSecrets(line), line);
});
