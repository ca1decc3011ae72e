import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseEnvironment, parseGithubRepo, parseWorkflowFile } from '../../src/validate/github.js';
import { parseNodeVersion } from '../../src/validate/node-version.js';
import { parsePackageName } from '../../src/validate/package-name.js';
import type { Parsed } from '../../src/validate/parsed.js';

// The reason a value is refused, or undefined when it is accepted.
const reasonOf = (parse: (v: string) => Parsed<unknown>) => (v: string) => {
  const parsed = parse(v);
  return parsed.ok ? undefined : parsed.reason;
};
const validatePackageName = reasonOf(parsePackageName);
const validateRepo = reasonOf(parseGithubRepo);
const validateWorkflowFile = reasonOf(parseWorkflowFile);
const validateEnvironment = reasonOf(parseEnvironment);
const validateNodeVersion = reasonOf(parseNodeVersion);

const valid = (fn: (v: string) => string | undefined, values: string[]) => {
  for (const v of values) assert.equal(fn(v), undefined, `expected ${JSON.stringify(v)} to be valid`);
};
const invalid = (fn: (v: string) => string | undefined, values: string[], pattern?: RegExp) => {
  for (const v of values) {
    const error = fn(v);
    assert.ok(error, `expected ${JSON.stringify(v)} to be rejected`);
    if (pattern) assert.match(error, pattern);
  }
};

test('package names follow npm rules', () => {
  valid(validatePackageName, ['widget', '@acme/widget', 'a.b-c_d~e', 'x'.repeat(214)]);
  invalid(validatePackageName, ['', '.hidden', '_under', '@acme/', 'a b', '@a/b/c', ' widget', '$(touch x)', '@acme/.dot', 'node_modules', 'a\nb']);
  // Rules for new names only: npm still publishes new versions of packages named before them.
  valid(validatePackageName, ['JSONStream', 'x'.repeat(215)]);
});

test('owner/repo follows GitHub rules and explains the form', () => {
  valid(validateRepo, ['acme/widget', 'a/b', 'Acme-Corp/my.repo_name', 'user-/x']);
  invalid(validateRepo, ['acme', 'acme/', '/widget', 'a/b/c'], /owner\/name/);
  invalid(validateRepo, ['-acme/widget', 'ac me/widget', 'x'.repeat(40) + '/w'], /user or organization/);
  invalid(validateRepo, ['acme/..', 'acme/wid get', 'acme/w$'], /repository name/);
  invalid(validateRepo, ['acme/widget.git'], /\.git/);
  invalid(validateRepo, ['acme/widget\nfoo: bar', 'acme/${{ secrets.X }}']);
});

test('workflow file is a bare .yml/.yaml name', () => {
  valid(validateWorkflowFile, ['publish.yml', 'release.yaml', 'npm-publish_2.yml']);
  invalid(validateWorkflowFile, ['.github/workflows/publish.yml', 'dir\\x.yml'], /bare file name/);
  invalid(validateWorkflowFile, ['publish', 'publish.json'], /\.yml or \.yaml/);
  invalid(validateWorkflowFile, ['.yml', '-x.yml', 'a b.yml', 'pub"lish.yml']);
});

test('environment names', () => {
  valid(validateEnvironment, ['npm', 'Production', 'release env', 'a.b-c_d']);
  invalid(validateEnvironment, [' npm', 'npm ', 'a:b', 'x\ny', '${{ x }}', 'a#b', 'x'.repeat(256)]);
});

test('node versions below 22.14 are refused with the reason', () => {
  valid(validateNodeVersion, ['22', '24', '26', '24.x', '22.14.0', '24.11.1']);
  invalid(validateNodeVersion, ['20', '18.x', '22.13.1'], /22\.14/);
  invalid(validateNodeVersion, ['lts', 'v24', '24.1', ''], /major/);
});
