// Merging into arbitrary .gitlab-ci.yml files (any indentation, comments anywhere, either line break,
// with or without a last line break): the file either is refused because it does not parse, or gets
// exactly one new job and keeps every byte and every value it had. The one other refusal allowed is
// the final check's (a `|+` block scalar at the end of the file would swallow what follows it).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseDocument, stringify } from 'yaml';
import { GITLAB_GLOBAL_KEYWORDS, renderGitlabJob } from '../../src/providers/gitlab/job.js';
import { mergeIntoGitlabCi } from '../../src/providers/gitlab/merge.js';
import { parseExisting } from '../../src/providers/yaml-merge.js';
import { GITLAB_BASE } from './cases.js';
import { hostileString } from '../helpers/hostile-strings.js';

const JOB = renderGitlabJob(GITLAB_BASE);
const OPTIONS = { uniqueKeys: true, merge: true } as const;

const jobKey = fc
  .stringMatching(/^[a-z][a-z0-9_-]{0,8}$/)
  .filter((key) => !(GITLAB_GLOBAL_KEYWORDS as readonly string[]).includes(key) && key !== 'npm-publish');
const jobValue = fc.record(
  { stage: fc.constantFrom('build', 'test', 'deploy'), script: fc.array(hostileString, { minLength: 1, maxLength: 3 }) },
  { requiredKeys: ['script'] },
);
const comment = hostileString.map((text) => `#${text.replace(/[\r\n\u0085\u2028\u2029]/g, ' ')}`);

const file = fc
  .record({
    jobs: fc.dictionary(jobKey, jobValue, { minKeys: 1, maxKeys: 4 }),
    indent: fc.constantFrom(2, 4),
    indentSeq: fc.boolean(),
    comments: fc.array(fc.tuple(fc.nat(), fc.nat(6), comment), { maxLength: 6 }),
    eol: fc.constantFrom('\n', '\r\n'),
    finalBreak: fc.boolean(),
  })
  .map(({ jobs, indent, indentSeq, comments, eol, finalBreak }) => {
    const lines = stringify(jobs, { indent, indentSeq }).replace(/\n$/, '').split('\n');
    for (const [at, depth, text] of comments) lines.splice(at % (lines.length + 1), 0, ' '.repeat(depth) + text);
    return lines.join(eol) + (finalBreak ? eol : '');
  });

test('any file: refused only when it does not parse; otherwise one job more and every byte kept', () => {
  let merged = 0;
  let refusedByCheck = 0;
  fc.assert(
    fc.property(file, (existing) => {
      const result = mergeIntoGitlabCi(existing, JOB, 'npm-publish');
      if (typeof parseExisting(existing) === 'string') {
        assert.ok('cannotMerge' in result);
        return;
      }
      if ('cannotMerge' in result && result.cannotMerge.endsWith('would not hold the same data plus the new entry')) {
        refusedByCheck++;
        return;
      }
      assert.ok('content' in result, 'cannotMerge' in result ? result.cannotMerge : '');
      merged++;
      const eol = existing.includes('\r\n') ? '\r\n' : '\n';
      const inserted = eol + JOB.replace(/\n/g, eol);
      const stripped = result.content.replace(inserted, '');
      assert.ok(stripped === existing || stripped === existing + eol, 'only the job (and a missing last line break) added');
      const before = parseDocument(existing, OPTIONS).toJS() as Record<string, unknown>;
      const after = parseDocument(result.content, OPTIONS).toJS() as Record<string, unknown>;
      assert.deepEqual(after, { ...before, 'npm-publish': (parseDocument(JOB).toJS() as Record<string, unknown>)['npm-publish'] });
      assert.equal((mergeIntoGitlabCi(result.content, JOB, 'npm-publish') as { content: string }).content, result.content);
    }),
    { numRuns: 1500 },
  );
  assert.ok(merged > 500, `only ${merged} files merged`);
  assert.ok(refusedByCheck < merged / 20, `${refusedByCheck} files refused by the final check`);
});
