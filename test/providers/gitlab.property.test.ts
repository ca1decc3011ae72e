// Whatever a user types into a GitLab field is either refused with a clear error, or written as data:
// the job keeps its structure, the value comes back exactly, and no `$` (GitLab or shell expansion)
// is ever added by a value.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { gitlabRulesIf, renderGitlabJob, type GitlabJobInput } from '../../src/providers/gitlab/job.js';
import { GITLAB_BASE } from './cases.js';
import { mixed, parseStrict, quotedIn, renderOrRefuse, shape, Tally } from '../helpers/property-shape.js';

type Job = { image: string; rules: { if: string }[]; environment?: { name: string }; script: string[] };
const RUNS = 1000;

const segment = fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,10}$/);
const VALID: Record<string, fc.Arbitrary<string>> = {
  namespace: fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/')),
  project: segment,
  environment: fc.stringMatching(/^[A-Za-z0-9_.-]([A-Za-z0-9_/. -]{0,18}[A-Za-z0-9_.-])?$/),
  node: fc.tuple(fc.integer({ min: 18, max: 30 }), fc.array(fc.nat(40), { maxLength: 2 })).map(([major, rest]) => [major, ...rest].join('.')),
  packageDir: fc.stringMatching(/^[A-Za-z0-9_@+.~\\/ -]{0,20}$/),
  packageName: fc.stringMatching(/^(@[a-z0-9~._-]{1,8}\/)?[a-z0-9~._-]{1,12}$/),
  ciFile: fc.stringMatching(/^[A-Za-z0-9_./-]{1,16}\.ya?ml$/),
};

/** The input whose rendering has the same shape as `input` with only trusted values. */
function reference(field: string, value: string): GitlabJobInput {
  if (field === 'node') return { ...GITLAB_BASE, node: String(Number(value.split('.')[0])) };
  if (field === 'packageDir') return { ...GITLAB_BASE, packageDir: normalise(value) === '' ? '' : 'x' };
  return GITLAB_BASE;
}
const normalise = (dir: string) => dir.split(/[\\/]+/).filter((part) => part !== '' && part !== '.').join('/');

function checkRoundTrip(field: string, value: string, text: string, job: Job): void {
  const header = text.split('\n').slice(0, 4);
  switch (field) {
    case 'environment':
      return assert.equal(job.environment?.name, value);
    case 'node':
      return assert.equal(job.image, `node:${value}`);
    case 'namespace':
      return assert.equal(job.rules[0]!.if, gitlabRulesIf(`${value}/${GITLAB_BASE.project}`));
    case 'project':
      return assert.equal(job.rules[0]!.if, gitlabRulesIf(`${GITLAB_BASE.namespace}/${value}`));
    case 'packageDir':
      return assert.equal(job.script[0], normalise(value) === '' ? job.script[0] : `cd ${normalise(value)}`);
    case 'packageName':
      return assert.equal(quotedIn(header[0]!), value);
    case 'ciFile':
      return assert.equal(quotedIn(header[2]!.slice(header[2]!.indexOf('CI file'))), value);
  }
}

for (const field of Object.keys(VALID)) {
  test(`GitLab ${field}: refused, or data that round-trips without changing the job`, () => {
    const tally = new Tally();
    fc.assert(
      fc.property(mixed(VALID[field]!), (value) => {
        const text = renderOrRefuse(() => renderGitlabJob({ ...GITLAB_BASE, [field]: value }));
        tally.see(text !== undefined);
        if (text === undefined) return;
        const expected = shape(renderGitlabJob(reference(field, value)));
        assert.deepEqual(shape(text), expected);
        const job = (parseStrict(text) as Record<string, Job>)['npm-publish']!;
        checkRoundTrip(field, value, text, job);
      }),
      { numRuns: RUNS },
    );
    tally.assertSomeAccepted(field);
  });
}

test('a value that names a GitLab variable is refused, never expanded', () => {
  for (const environment of ['$CI_JOB_TOKEN', 'prod-${CI_JOB_TOKEN}', '$$CI_JOB_TOKEN']) {
    assert.throws(() => renderGitlabJob({ ...GITLAB_BASE, environment }), /"\$", "\{" and "\}" are refused/);
  }
  for (const namespace of ['$CI_JOB_TOKEN', "acme' || $X == '"]) {
    assert.throws(() => renderGitlabJob({ ...GITLAB_BASE, namespace }), /not a GitLab path/);
  }
  assert.throws(() => renderGitlabJob({ ...GITLAB_BASE, packageDir: 'a/$(id)' }), /package directory/);
  assert.throws(() => renderGitlabJob({ ...GITLAB_BASE, node: '24$X' }), /version number/);
});
