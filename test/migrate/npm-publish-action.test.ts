// pascalgn/npm-publish-action publishes from a Docker image (node:12-alpine: npm 6, and Yarn 1's
// `yarn publish` by default), neither of which can do the OIDC exchange. The migration replaces
// the step with plain steps in the job that do what the action's index.js does: find a pushed
// commit whose message matches commit_pattern and names the package.json version, tag and push
// unless create_tag is "false" or the tag exists, then `npm publish` with the same arguments.
// The finder step is run here for real (bash, node, git) on event payloads like GitHub's.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { loadPins } from '../../src/render/pins.js';
import { MigrateError, migrateWorkflow } from '../../src/migrate/index.js';

const pins = loadPins();
const repo = { owner: 'acme', name: 'widget' };

const workflow = (uses: string, inputs: string) => `on:
  push:
    branches: [main]
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
      - run: npm ci
      - name: Publish if the version changed
        uses: ${uses}
${inputs ? `        with:\n${inputs}` : ''}        env:
          GITHUB_TOKEN: \${{ secrets.GITHUB_TOKEN }}
          NPM_AUTH_TOKEN: \${{ secrets.NPM_PUBLISH_TOKEN }}
`;

const migrate = (uses: string, inputs = '') =>
  migrateWorkflow(workflow(uses, inputs), '.github/workflows/npm-publish.yml', {
    pins,
    repo,
    readFile: (path) => (path.endsWith('package.json') ? JSON.stringify({ name: 'widget', version: '1.0.0' }) : undefined),
  });

type Step = Record<string, unknown> & { env?: Record<string, string>; run?: string; name?: string };
const job = (after: string) => (parse(after) as { jobs: { publish: { steps: Step[]; permissions: Record<string, string> } } }).jobs.publish;

test('1.3.9 becomes a release-commit check, a tag push and npm publish with the same arguments, in its workspace, without the token', () => {
  const result = migrate('pascalgn/npm-publish-action@1.3.9', '          commit_pattern: "^chore: release (\\\\S+)"\n          tag_name: "release-%s"\n          workspace: packages/widget\n          publish_args: "--non-interactive --access public --tag next"\n');
  const { steps, permissions } = job(result.after);
  const names = steps.map((s) => s.name ?? s.uses);
  assert.deepEqual(names.slice(-3), ['Find the release commit of the package.json version', 'Tag the release', 'Publish if the version changed']);
  const [find, tag, publish] = steps.slice(-3) as [Step, Step, Step];
  assert.equal(find.env?.COMMIT_PATTERN, '^chore: release (\\S+)');
  assert.equal(find.env?.TAG_NAME, 'release-%s');
  assert.equal(find.env?.TAG_MESSAGE, 'v%s');
  assert.equal(find['working-directory'], 'packages/widget');
  assert.equal(tag['working-directory'], 'packages/widget');
  assert.match(tag.run!, /git push origin "refs\/tags\/\$TAG_NAME"/);
  assert.deepEqual(publish, { name: 'Publish if the version changed', if: "steps.release-commit.outputs.changed == 'true'", 'working-directory': 'packages/widget', run: 'npm publish --access public --tag next' });
  assert.deepEqual(permissions, { contents: 'write', 'id-token': 'write' });
  assert.ok(result.droppedSecrets.includes('NPM_PUBLISH_TOKEN'), result.droppedSecrets.join());
  assert.doesNotMatch(result.after, /NPM_AUTH_TOKEN|NPM_PUBLISH_TOKEN|GITHUB_TOKEN|pascalgn/);
  // Nothing from the event reaches a script through an expression.
  for (const step of steps) assert.doesNotMatch(step.run ?? '', /\$\{\{/);
  assert.ok(result.left.some((line) => /pascalgn\/npm-publish-action is gone/.test(line)), result.left.join('\n'));
});

test('create_tag "false" (1.3.6 and later) leaves out the tag step; publish_command npm publishes with npm and its arguments', () => {
  const { steps } = job(migrate('pascalgn/npm-publish-action@1.3.8', '          create_tag: "false"\n          publish_command: npm\n          publish_args: --dry-run\n').after);
  assert.ok(!steps.some((s) => s.name === 'Tag the release'));
  assert.equal(steps.at(-1)!.run, 'npm publish --dry-run');
  assert.doesNotMatch(steps.at(-2)!.run!, /git|TAG_NAME/);
});

test('a commit SHA of the 1.2 line publishes only on a push to master, as its default-branch check did', () => {
  const { steps } = job(migrate('pascalgn/npm-publish-action@4f4bf159e299f65d21cd1cbd96fc5d53228036df').after);
  const find = steps.find((s) => s.id === 'release-commit')!;
  assert.equal(find.if, "github.ref == 'refs/heads/master'");
  assert.equal(find.env?.COMMIT_PATTERN, '^(?:Release|Version) (\\S+)');
});

test('what cannot be reproduced is refused with its reason', () => {
  const refusal = (uses: string, inputs: string) => {
    try {
      migrate(uses, inputs);
    } catch (error) {
      assert.ok(error instanceof MigrateError, String(error));
      return error.message;
    }
    return assert.fail('no refusal');
  };
  assert.match(refusal('pascalgn/npm-publish-action@1.3.5', '          tag_name: ${{ steps.info.outputs.version }}\n'), /an expression that yields no %s placeholder: the action stops with "missing placeholder in variable: TAG_NAME"/);
  assert.match(refusal('pascalgn/npm-publish-action@1.3.9', '          tag_name: latest\n'), /which has no %s placeholder/);
  assert.match(refusal('pascalgn/npm-publish-action@1.3.3', '          publish_command: npm\n'), /the input publish_command, which that version does not read/);
  assert.match(refusal('pascalgn/npm-publish-action@v1', ''), /a ref this tool has not read/);
  assert.match(refusal('pascalgn/npm-publish-action@1.3.9', '          publish_args: --registry https://npm.example.com\n'), /can only replace Yarn 1's or npm's publish/);
  assert.match(refusal('pascalgn/npm-publish-action@1.3.9', '          publish_command: pnpm\n'), /can only replace Yarn 1's or npm's publish/);
  assert.match(refusal('pascalgn/npm-publish-action@1.3.9', '          dry_run: true\n'), /the input dry_run, which its action.yml does not declare/);
});

/** Runs the finder step as the runner would (bash -e, its env, GITHUB_OUTPUT, GITHUB_EVENT_PATH) in a git repository; returns its outputs. */
function runFinder(find: Step, version: string, messages: string[], tags: string[] = []): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'ctp-npa-'));
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
    git('init', '-q');
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'widget', version }));
    git('add', '.');
    git('-c', 'user.name=a', '-c', 'user.email=a@example.com', 'commit', '-qm', messages.at(-1) ?? 'x');
    for (const tag of tags) git('tag', tag);
    const event = { ref: 'refs/heads/main', commits: messages.map((message, i) => ({ id: `c${i}`, message })), repository: { owner: { name: 'acme', email: 'acme@example.com' } } };
    writeFileSync(join(dir, '.event.json'), JSON.stringify(event));
    writeFileSync(join(dir, '.output'), '');
    execFileSync('bash', ['-e', '-c', find.run!], { cwd: dir, stdio: 'pipe', env: { ...process.env, ...find.env, GITHUB_EVENT_PATH: join(dir, '.event.json'), GITHUB_OUTPUT: join(dir, '.output') } });
    return Object.fromEntries(readFileSync(join(dir, '.output'), 'utf8').split('\n').filter(Boolean).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the finder step does what the action checked: a pushed commit naming the version, a tag not there yet', () => {
  const find = job(migrate('pascalgn/npm-publish-action@1.3.9', '          commit_pattern: "^Release (\\\\S+)"\n').after).steps.find((s) => s.id === 'release-commit')!;
  // Any commit of the push counts, not only the head one; the first group must be the version.
  assert.deepEqual(runFinder(find, '1.2.3', ['Release 1.2.3', 'Fix the docs']), {
    tag: 'v1.2.3',
    'tag-message': 'v1.2.3',
    'tagger-name': 'acme',
    'tagger-email': 'acme@example.com',
    changed: 'true',
    version: '1.2.3',
    commit: 'c0',
  });
  assert.deepEqual(runFinder(find, '1.2.3', ['Release 1.2.2']), {});
  assert.deepEqual(runFinder(find, '1.2.3', ['chore: Release 1.2.3']), {});
  // An existing tag stops it quietly: nothing is tagged or published.
  assert.deepEqual(runFinder(find, '1.2.3', ['Release 1.2.3'], ['v1.2.3']), {});
  // A message with shell metacharacters is only data.
  assert.deepEqual(runFinder(find, '1.2.3', ['Release 1.2.3 $(touch pwned) `id` \'"']).changed, 'true');
});
