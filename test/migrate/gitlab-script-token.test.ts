// A GitLab CI job that publishes through a repository shell script which writes the token itself
// (`echo //registry.npmjs.org/:_authToken="$NPM_PUBLISH_TOKEN" > .npmrc`, the token a project
// variable the CI file never names): --migrate removes that line from the script and gives the job
// the GitLab ID token npm exchanges; a token line joined to other commands stops it, naming the line.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scanCiFile } from '../../src/detect/ci-files.js';
import { migrateCiFile } from '../../src/migrate/ci-files.js';
import { MigrateError } from '../../src/migrate/errors.js';

const CONFIG = `stages:
  - publish

publish-npm:
  stage: publish
  image: node:24
  rules:
    - if: $CI_COMMIT_TAG
  script:
    - |
      bash ci/bin/publish.sh
      bash ci/bin/notify.sh "published $CI_COMMIT_TAG"
`;
const SCRIPT = `#!/usr/bin/env bash
set -eu

echo //registry.npmjs.org/:_authToken="$NPM_PUBLISH_TOKEN" > .npmrc
echo email="$NPM_PUBLISH_EMAIL" >> .npmrc

npm publish
`;
const NOTIFY = '#!/usr/bin/env bash\necho "$1"\n';
const files = (script: string) => ({ readFile: (path: string) => ({ 'ci/bin/publish.sh': script, 'ci/bin/notify.sh': NOTIFY })[path] });
const PATH = '.gitlab-ci.yml';
const migrate = (script: string) => migrateCiFile({ provider: 'gitlab', path: PATH, content: CONFIG, ...scanCiFile(PATH, CONFIG, files(script)) }, [], files(script));

test('--migrate removes the token line from the script a GitLab job runs and gives the job NPM_ID_TOKEN', () => {
  const out = migrate(SCRIPT);
  assert.match(out.after, /\n {2}id_tokens:\n {4}NPM_ID_TOKEN:\n {6}aud: npm:registry\.npmjs\.org\n/);
  assert.match(out.after, /bash ci\/bin\/publish\.sh\n/);
  assert.deepEqual([...out.scripts.keys()], ['ci/bin/publish.sh']);
  assert.equal(out.scripts.get('ci/bin/publish.sh')!.after, SCRIPT.replace(/^echo \/\/registry.*\n/m, ''));
  assert.ok(out.changes.some((c) => /job "publish-npm": ci\/bin\/publish\.sh no longer writes or checks the npm token/.test(c)));
});

test('a token line joined to other commands in that script stops the migration, naming the file and line', () => {
  const joined = SCRIPT.replace('> .npmrc\n', '> .npmrc && npm whoami\n');
  assert.throws(() => migrate(joined), (e: unknown) => e instanceof MigrateError && /ci\/bin\/publish\.sh:4 writes the npm _authToken together with other commands/.test(e.message));
  // `;` or `|` inside the quoted token text is not a joint.
  const quoted = SCRIPT.replace('"$NPM_PUBLISH_TOKEN"', '"${NPM_PUBLISH_TOKEN};x|y"');
  assert.equal(migrate(quoted).scripts.get('ci/bin/publish.sh')!.after, SCRIPT.replace(/^echo \/\/registry.*\n/m, ''));
});
