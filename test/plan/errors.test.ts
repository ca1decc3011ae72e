// The plan and the writer throw facts (which answer, what is wrong; which files need consent)
// and name no flag; the create command words them for its flags, as it always did.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makePlan } from '../../src/plan/index.js';
import { renderer } from '../../src/providers/github/workflow.js';
import { resolveDefaults } from '../../src/questions/resolve.js';
import { AnswerError, ConsentNeededError, FailedError, UsageError } from '../../src/core/errors.js';
import { inFlagWords } from '../../src/commands/create/args.js';
import { detected } from '../helpers/detected.js';

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return assert.fail('nothing was thrown');
}

test('a missing repository: the plan says which answer, the command says which flag', () => {
  const error = thrown(() => makePlan(detected(), { ...resolveDefaults(detected(), {}), repo: '' }, renderer));
  assert.ok(error instanceof AnswerError);
  assert.deepEqual([error.answer, error.problem], ['repo', 'missing']);
  assert.doesNotMatch(error.message, /--/);
  const worded = inFlagWords(error);
  assert.ok(worded instanceof UsageError);
  assert.equal(worded.message, 'Could not work out the GitHub repository from this repository: pass --repo.');
});

test('no package chosen: an invalid answer, worded as its flag', () => {
  const error = thrown(() => makePlan(detected(), { ...resolveDefaults(detected(), {}), packages: [] }, renderer));
  assert.ok(error instanceof AnswerError);
  assert.deepEqual([error.answer, error.problem], ['packages', 'invalid']);
  assert.equal((inFlagWords(error) as Error).message, '--packages: name at least one package to publish.');
});

test('a refused replace: the files are facts, the consent flag is the command\'s', () => {
  const refused = new ConsentNeededError(['.github/workflows/publish.yml already exists and differs.']);
  assert.doesNotMatch(refused.message, /--force/);
  const worded = inFlagWords(refused);
  assert.ok(worded instanceof FailedError);
  assert.match(worded.message, /^\.github\/workflows\/publish\.yml already exists and differs\.\nNothing was written\.\nRe-run with --force/);
});
