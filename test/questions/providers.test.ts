// The CI provider questions: defaults from the remote and the CI files, which questions apply to
// which provider, validation, and how --yes resolves (or refuses) them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CiFile, Detected, WorkflowFile } from '../../src/core/model.js';
import { QUESTIONS, labelOf, questionApplies, questionFor } from '../../src/questions/list.js';
import { pendingQuestions, resolveDefaults } from '../../src/questions/resolve.js';
import { providerConflict } from '../../src/questions/provider.js';
import { parseContexts } from '../../src/questions/circleci.js';
import { UsageError } from '../../src/core/errors.js';
import { detected } from '../helpers/detected.js';

const ORG = '8f2b1c3d-0a4e-4b6f-9c7d-1e2f3a4b5c6d';
const PROJECT = '0c6e2a4b-7d1f-4e3a-9b8c-5d4e3f2a1b0c';
const PIPELINE = 'f1e2d3c4-b5a6-4978-8695-a4b3c2d1e0f9';

function gitlab(overrides: Partial<Detected> = {}): Detected {
  return detected({
    git: { isRepo: true, remoteUrl: 'git@gitlab.com:group/sub/proj.git', host: 'gitlab.com', slug: 'group/sub/proj', defaultBranch: 'main', prefix: '' },
    ...overrides,
  });
}
const circleConfig: CiFile = { provider: 'circleci', path: '.circleci/config.yml', content: 'version: 2.1\n', publishes: false, tokenUses: [] };
const publishingWorkflow: WorkflowFile = { path: '.github/workflows/release.yml', fileName: 'release.yml', content: '', publishes: true, tokenUses: [] };
const ids = (qs: readonly { id: string }[]) => qs.map((q) => q.id);
const usage = (pattern: RegExp) => (e: unknown) => e instanceof UsageError && pattern.test(e.message);

test('the provider comes from the host; CircleCI is proposed when its config is the only CI that publishes', () => {
  const provider = questionFor('provider');
  assert.equal(provider.defaultValue(detected()), 'github');
  assert.equal(provider.certain(detected()), true);
  assert.equal(provider.defaultValue(gitlab()), 'gitlab');
  assert.equal(provider.certain(gitlab()), true);
  assert.equal(provider.defaultValue(detected({ ciFiles: [circleConfig] })), 'circleci');
  assert.equal(provider.certain(detected({ ciFiles: [circleConfig] })), false, 'a CircleCI config makes it a question');
  assert.equal(provider.defaultValue(detected({ ciFiles: [circleConfig], workflows: [publishingWorkflow] })), 'github');
  const none = detected({ git: { isRepo: true, prefix: '' } });
  assert.equal(provider.defaultValue(none), 'github');
  assert.equal(provider.certain(none), false);
});

test('--provider takes the three names (and spellings like gitlab.com); others get the reason', () => {
  const provider = questionFor('provider');
  assert.deepEqual(provider.parse('circleci'), { ok: true, value: 'circleci' });
  assert.deepEqual(provider.parse('gitlab.com'), { ok: true, value: 'gitlab' });
  const refused = provider.parse('bitbucket');
  assert.equal(refused.ok, false);
  assert.match(refused.ok ? '' : refused.reason, /Bitbucket Pipelines is not a trusted publisher/);
});

test('a GitLab repository asks the GitLab questions, not the GitHub-only ones', () => {
  const d = gitlab();
  const answers = { provider: 'gitlab' as const };
  const asked = pendingQuestions(d, {}).filter((q) => questionApplies(q, answers));
  assert.deepEqual(ids(asked), ['environment', 'ciFile', 'node']);
  for (const id of ['repo', 'workflow', 'trigger', 'release', 'circleciOrgId', 'vcsOrigin'] as const) {
    assert.equal(questionApplies(questionFor(id) as never, answers), false, id);
  }
  assert.equal(labelOf(questionFor('environment') as never, answers), 'GitLab environment');
  assert.equal(labelOf(questionFor('environment') as never, { provider: 'github' }), 'GitHub environment');
});

test('--yes on GitLab: the project from the remote, .gitlab-ci.yml, no GitHub repository needed', () => {
  const answers = resolveDefaults(gitlab(), {});
  assert.equal(answers.provider, 'gitlab');
  assert.equal(answers.gitlabProject, 'group/sub/proj');
  assert.equal(answers.ciFile, '.gitlab-ci.yml');
  assert.equal(answers.repo, undefined);
  assert.equal(answers.circleciOrgId, undefined);
  assert.equal('vcsOrigin' in answers, false);
});

test('--provider gitlab on a GitHub remote needs --gitlab-project, and takes subgroups', () => {
  assert.throws(() => resolveDefaults(detected(), { provider: 'gitlab' }), usage(/--gitlab-project .*gitlab\.com\//));
  const project = questionFor('gitlabProject');
  assert.deepEqual(project.parse('acme/tools/widget'), { ok: true, value: 'acme/tools/widget' });
  assert.deepEqual(project.parse('https://gitlab.com/acme/widget'), { ok: true, value: 'acme/widget' });
  assert.equal(project.parse('widget').ok, false);
  assert.equal(project.parse('acme/widget.git').ok, false);
  assert.equal(project.parse('acme/-widget').ok, false);
  assert.equal(resolveDefaults(detected(), { provider: 'gitlab', gitlabProject: 'acme/widget' }).gitlabProject, 'acme/widget');
});

test('CircleCI with --yes and no IDs: exit 2 naming every flag and where the value is shown', () => {
  const d = detected({ ciFiles: [circleConfig] });
  assert.throws(
    () => resolveDefaults(d, {}),
    usage(/--circleci-org-id +CircleCI organization ID: CircleCI → Organization Settings → Overview\n.*--circleci-project-id .*Project Settings → Overview\n.*--circleci-pipeline-id .*Project Settings → Project Setup/s),
  );
  const answers = resolveDefaults(d, { circleciOrgId: ORG, circleciProjectId: PROJECT, circleciPipelineId: PIPELINE });
  assert.equal(answers.vcsOrigin, 'github.com/acme/widget', 'from the remote');
  assert.deepEqual(answers.circleciContexts, []);
  assert.equal(answers.gitlabProject, undefined);
});

test('CircleCI IDs are UUIDs (lower-cased, as CircleCI writes its claims); contexts are id=name', () => {
  const org = questionFor('circleciOrgId');
  assert.deepEqual(org.parse(ORG.toUpperCase()), { ok: true, value: ORG });
  const bad = org.parse('my-org');
  assert.match(bad.ok ? '' : bad.reason, /not a UUID .*Organization Settings → Overview/);
  assert.deepEqual(parseContexts(''), { ok: true, value: [] });
  assert.deepEqual(parseContexts(`${PROJECT}=npm release, ${ORG}=other`), {
    ok: true,
    value: [{ id: PROJECT, name: 'npm release' }, { id: ORG, name: 'other' }],
  });
  assert.equal(parseContexts('npm-release').ok, false);
  assert.equal(parseContexts(`${ORG}=<< pipeline.x >>`).ok, false);
  const origin = questionFor('vcsOrigin');
  assert.deepEqual(origin.parse('https://github.com/acme/widget'), { ok: true, value: 'github.com/acme/widget' });
  assert.equal(origin.parse('example.com/acme/widget').ok, false);
});

test('flags of another provider are refused, naming the provider', () => {
  assert.throws(() => resolveDefaults(gitlab(), { workflow: 'x.yml' }), usage(/^--workflow does not apply to GitLab CI\/CD \(detected; --provider changes it\)\.$/));
  assert.throws(() => resolveDefaults(detected(), { gitlabProject: 'a/b' }), usage(/--gitlab-project does not apply to GitHub Actions/));
  assert.throws(() => resolveDefaults(detected(), { provider: 'circleci', environment: 'npm' }), usage(/--environment does not apply to CircleCI \(--provider circleci\)/));
  // A "no" is harmless everywhere.
  const ok = resolveDefaults(detected(), { provider: 'circleci', environment: null, circleciOrgId: ORG, circleciProjectId: PROJECT, circleciPipelineId: PIPELINE });
  assert.equal(ok.provider, 'circleci');
});

test('GitLab and CircleCI jobs publish one package, on a Node their images have', () => {
  assert.equal(providerConflict({ provider: 'github', packages: ['a', 'b'], node: '22' }), undefined);
  assert.equal(providerConflict({ provider: 'gitlab', packages: ['a', 'b'], node: '24' })?.id, 'packages');
  assert.equal(providerConflict({ provider: 'gitlab', packages: ['a'], node: '22.14.0' }), undefined);
  assert.equal(providerConflict({ provider: 'gitlab', packages: ['a'], node: '24.x' })?.id, 'node');
  const circle = providerConflict({ provider: 'circleci', packages: ['a'], node: '22' });
  assert.equal(circle?.id, 'node');
  assert.match(circle?.message ?? '', /npm 11\.11\.0/);
  assert.throws(() => resolveDefaults(gitlab(), { node: '24.x' }), usage(/^--node: /));
});

test('every provider question names a flag and has help; the optional ones are provider-specific', () => {
  for (const q of QUESTIONS) {
    assert.ok(q.flag && q.help, q.id);
    if (q.optional) assert.ok(q.applies, `${q.id} is optional only because it belongs to a provider`);
  }
});
