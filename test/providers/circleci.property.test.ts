// Whatever a user types into a CircleCI field is either refused with a clear error, or written as data:
// the config keeps its structure, the value comes back exactly, and no `$` or `<<` (CircleCI
// parameter) is ever added by a value.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { circleciPublisherFields, renderCircleciConfig, type CircleciInput } from '../../src/providers/circleci/config.js';
import { CIRCLECI_BASE } from './cases.js';
import { hostileString } from '../helpers/hostile-strings.js';
import { mixed, parseStrict, quotedIn, renderOrRefuse, shape, Tally } from '../helpers/property-shape.js';

type Config = {
  jobs: Record<string, { docker: { image: string }[] }>;
  workflows: Record<string, { jobs: Record<string, { context?: string[] }>[] }>;
};
const RUNS = 800;

const uuid = fc.uuid().chain((id) => fc.constantFrom(id, id.toUpperCase(), ` ${id}`));
const name = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,12}$/);
const VALID: Record<string, fc.Arbitrary<string>> = {
  orgId: uuid,
  projectId: uuid,
  pipelineDefinitionId: uuid,
  vcsOrigin: fc
    .tuple(fc.constantFrom('github.com', 'bitbucket.org', 'gitlab.com', 'example.com'), fc.array(name, { minLength: 1, maxLength: 3 }))
    .map(([host, parts]) => [host, ...parts].join('/')),
  node: fc.tuple(fc.integer({ min: 20, max: 30 }), fc.array(fc.nat(40), { maxLength: 2 })).map(([major, rest]) => [major, ...rest].join('.')),
  packageName: fc.stringMatching(/^(@[a-z0-9~._-]{1,8}\/)?[a-z0-9~._-]{1,12}$/),
  packageDir: fc.stringMatching(/^[A-Za-z0-9_@+.~\\/ -]{0,20}$/),
};

function reference(field: string, value: string): CircleciInput {
  if (field === 'packageDir') {
    const dir = value.split(/[\\/]+/).filter((part) => part !== '' && part !== '.').join('/');
    return { ...CIRCLECI_BASE, packageDir: dir === '' ? '' : 'x' };
  }
  return CIRCLECI_BASE;
}

function checkRoundTrip(field: string, value: string, text: string, config: Config): void {
  const header = text.split('\n').slice(3, 8).join('\n');
  switch (field) {
    case 'orgId':
    case 'projectId':
    case 'pipelineDefinitionId':
      assert.ok(header.includes(value.trim().toLowerCase()));
      return;
    case 'vcsOrigin':
      return assert.equal(quotedIn(header.slice(header.indexOf('VCS origin'))), value);
    case 'node':
      return assert.equal(config.jobs['npm-publish']!.docker[0]!.image, `cimg/node:${value.includes('.') ? value : '24.21'}`);
    case 'packageName':
      return assert.equal(quotedIn(header), value);
  }
}

for (const field of Object.keys(VALID)) {
  test(`CircleCI ${field}: refused, or data that round-trips without changing the config`, () => {
    const tally = new Tally();
    fc.assert(
      fc.property(mixed(VALID[field]!), (value) => {
        const text = renderOrRefuse(() => renderCircleciConfig({ ...CIRCLECI_BASE, [field]: value }));
        tally.see(text !== undefined);
        if (text === undefined) return;
        assert.deepEqual(shape(text), shape(renderCircleciConfig(reference(field, value))));
        checkRoundTrip(field, value, text, parseStrict(text) as Config);
      }),
      { numRuns: RUNS },
    );
    tally.assertSomeAccepted(field);
  });
}

test('CircleCI context names: refused, or listed exactly; never a parameter', () => {
  const tally = new Tally();
  const names = fc.array(mixed(name), { minLength: 1, maxLength: 3 });
  fc.assert(
    fc.property(names, (contextNames) => {
      const contextIds = contextNames.map((_, i) => `5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1${i}`);
      const text = renderOrRefuse(() => renderCircleciConfig({ ...CIRCLECI_BASE, contextIds, contextNames }));
      tally.see(text !== undefined);
      if (text === undefined) return;
      const referenceNames = contextNames.map(() => 'ctx');
      assert.deepEqual(shape(text), shape(renderCircleciConfig({ ...CIRCLECI_BASE, contextIds, contextNames: referenceNames })));
      const config = parseStrict(text) as Config;
      assert.deepEqual(config.workflows['npm-publish']!.jobs[0]!['npm-publish']!.context, contextNames);
    }),
    { numRuns: RUNS },
  );
  tally.assertSomeAccepted('context names');
});

test('context IDs: any value is refused unless it is a UUID', () => {
  fc.assert(
    fc.property(fc.oneof(hostileString, uuid), (id) => {
      const fields = renderOrRefuse(() => circleciPublisherFields({ ...CIRCLECI_BASE, contextIds: [id] }));
      const isUuid = /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i.test(id.trim());
      assert.equal(fields !== undefined, isUuid);
      if (fields) assert.equal(fields.find((field) => field.label === 'Context IDs')!.value, id.trim().toLowerCase());
    }),
    { numRuns: RUNS },
  );
});

test('"<<" in a context name is refused: CircleCI would read it as a parameter', () => {
  assert.throws(
    () => renderCircleciConfig({ ...CIRCLECI_BASE, contextIds: [CIRCLECI_BASE.orgId], contextNames: ['<< pipeline.git.branch >>'] }),
    /"<<" is refused/,
  );
});
