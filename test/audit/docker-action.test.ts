// A local Docker container action publishes when the repository script its container runs does:
// the script is found through runs.entrypoint / runs.args or the Dockerfile's ENTRYPOINT / CMD
// (and its COPY lines), read within bounds, and judged as a `run:` step (make targets included).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { dockerActionScript } from '../../src/audit/docker-action.js';
import { readPublishContext, repoReader } from '../../src/detect/workflows.js';

const tops: string[] = [];
after(() => tops.forEach((top) => rmSync(top, { recursive: true, force: true })));

function repo(files: Record<string, string>): string {
  const top = mkdtempSync(join(tmpdir(), 'docker-action-'));
  tops.push(top);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(top, path)), { recursive: true });
    writeFileSync(join(top, path), text);
  }
  return top;
}

const DIR = '.github/actions/release';
const ACTION = "name: Release\nruns:\n  using: 'docker'\n  image: 'Dockerfile'\n";
const WORKFLOW = `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: ./${DIR}\n        env:\n          NPM_TOKEN: \${{ secrets.NPM_TOKEN }}\n`;
const PUBLISH_SH = '#!/bin/sh\necho "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > ~/.npmrc\nmake release\n';
const MAKEFILE = 'release:\n\tcd dist && \\\n\t  npm publish\n';

const script = (files: Record<string, string>, action = ACTION) => {
  const top = repo({ [`${DIR}/action.yml`]: action, ...files });
  return dockerActionScript(DIR, action, repoReader(top));
};

test('the script the Dockerfile ENTRYPOINT runs, through its COPY line, an ADD into a folder, or a shell', () => {
  assert.equal(script({ [`${DIR}/Dockerfile`]: 'FROM node:24\nCOPY entrypoint.sh /entrypoint.sh\nENTRYPOINT ["/entrypoint.sh", "$NPM_TOKEN"]\n' }), `${DIR}/entrypoint.sh`);
  assert.equal(script({ [`${DIR}/Dockerfile`]: 'FROM node:24\nADD --chmod=755 publish.sh /usr/local/bin/\nENTRYPOINT /usr/local/bin/publish.sh\n' }), `${DIR}/publish.sh`);
  assert.equal(script({ [`${DIR}/Dockerfile`]: 'FROM node:24\nCOPY scripts/go.sh /go.sh\nENTRYPOINT ["bash"]\nCMD ["-e", "/go.sh"]\n' }), `${DIR}/scripts/go.sh`);
  // The workspace is mounted at /github/workspace, the container's working directory.
  assert.equal(script({ [`${DIR}/Dockerfile`]: 'FROM node:24\nENTRYPOINT ["/github/workspace/scripts/publish.sh"]\n' }), 'scripts/publish.sh');
});

test('runs.entrypoint replaces the ENTRYPOINT, runs.args the CMD', () => {
  const dockerfile = { [`${DIR}/Dockerfile`]: 'FROM node:24\nCOPY a.sh /a.sh\nCOPY b.sh /b.sh\nENTRYPOINT ["/a.sh"]\n' };
  assert.equal(script(dockerfile, `${ACTION}  entrypoint: '/b.sh'\n`), `${DIR}/b.sh`);
  assert.equal(script(dockerfile, `${ACTION}  entrypoint: sh\n  args:\n    - '/b.sh'\n    - \${{ inputs.tag }}\n`), `${DIR}/b.sh`);
  assert.equal(script(dockerfile, `${ACTION}  entrypoint: /bin/bash\n  args: ['scripts/release.sh']\n`), 'scripts/release.sh');
});

test('no script: a registry image, a program of the image, a path that climbs out, a Dockerfile too large to read', () => {
  const copy = 'FROM node:24\nCOPY entrypoint.sh /entrypoint.sh\nENTRYPOINT ["/entrypoint.sh"]\n';
  assert.equal(script({ [`${DIR}/Dockerfile`]: copy }, "runs:\n  using: docker\n  image: 'docker://node:24'\n"), undefined);
  assert.equal(script({ [`${DIR}/Dockerfile`]: 'FROM node:24\nENTRYPOINT ["npm", "publish"]\n' }), undefined);
  assert.equal(script({ [`${DIR}/Dockerfile`]: 'FROM node:24\nCOPY ../../../../etc/x.sh /x.sh\nENTRYPOINT ["/x.sh"]\n' }), undefined);
  assert.equal(script({ [`${DIR}/Dockerfile`]: `${copy}${'# padding\n'.repeat(10_000)}` }), undefined);
  assert.equal(script({ [`${DIR}/Dockerfile`]: copy }, "runs:\n  using: 'composite'\n  steps: []\n"), undefined);
});

test('detect: the Docker action publishes when its entrypoint script runs a make target that publishes, not when it only builds', () => {
  const files = { '.github/workflows/release.yml': WORKFLOW, [`${DIR}/action.yml`]: ACTION, [`${DIR}/Dockerfile`]: 'FROM acme/tools\nCOPY entrypoint.sh /entrypoint.sh\nENTRYPOINT ["/entrypoint.sh"]\n' };
  const publishes = readPublishContext(repo({ ...files, [`${DIR}/entrypoint.sh`]: PUBLISH_SH, Makefile: MAKEFILE }));
  assert.equal(publishes.actions?.[`./${DIR}`], true);
  const builds = readPublishContext(repo({ ...files, [`${DIR}/entrypoint.sh`]: '#!/bin/sh\nmake build\n', Makefile: 'build:\n\tnpm run build\n' }));
  assert.equal(builds.actions?.[`./${DIR}`], false);
});

test('detect: a Dockerfile whose ENTRYPOINT is the publish itself', () => {
  const top = repo({ '.github/workflows/release.yml': WORKFLOW, [`${DIR}/action.yml`]: ACTION, [`${DIR}/Dockerfile`]: 'FROM node:24\nENTRYPOINT ["npm", "publish", "--access", "public"]\n' });
  assert.equal(readPublishContext(top).actions?.[`./${DIR}`], true);
});

test('detect: a composite action that uses a local Docker action that publishes, publishes', () => {
  const composite = `runs:\n  using: composite\n  steps:\n    - uses: ./${DIR}\n`;
  const top = repo({ '.github/actions/wrap/action.yml': composite, [`${DIR}/action.yml`]: ACTION, [`${DIR}/Dockerfile`]: 'FROM node:24\nENTRYPOINT ["npm", "publish"]\n' });
  assert.equal(readPublishContext(top).actions?.['./.github/actions/wrap'], true);
});
