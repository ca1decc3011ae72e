// The secret filter: every shape is hidden, references and ordinary text stay as they are.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { maskAll, maskSecrets } from '../../src/text/mask.js';

test('token shapes keep their prefix and lose the value', () => {
  const cases: Array<[string, string]> = [
    ['npm_AbCdEf0123456789AbCdEf0123456789abcd', 'npm_***'],
    ['ghp_AbCdEf0123456789AbCdEf0123456789abcd', 'ghp_***'],
    ['gho_AbCdEf0123456789AbCdEf0123456789abcd', 'gho_***'],
    ['github_pat_11ABC0123456789_abcdefghijklmnop', 'github_pat_***'],
    ['glpat-AbCdEf0123456789xyz', 'glpat-***'],
    ['AKIAIOSFODNN7EXAMPLE', 'AKIA***'],
    ['https://user:pa55word@github.com/o/r.git', 'https://user:***@github.com/o/r.git'],
    ['git+https://x-access-token:abc@github.com/o/r', 'git+https://x-access-token:***@github.com/o/r'],
    ['https://0123456789abcdef0123456789@github.com/o/r', 'https://***@github.com/o/r'],
    ['//registry.npmjs.org/:_authToken=abcdef123456', '//registry.npmjs.org/:_authToken=***'],
    ['_auth = "dXNlcjpwYXNz"', '_auth = "***"'],
    ['          NODE_AUTH_TOKEN: plainsecretvalue', '          NODE_AUTH_TOKEN: ***'],
    ['export NPM_TOKEN=plainsecretvalue', 'export NPM_TOKEN=***'],
    ['    token: plainsecretvalue', '    token: ***'],
    ['Authorization: Bearer abcdefghijklmnopqrstuvwxyz', 'Authorization: Bearer ***'],
  ];
  for (const [input, expected] of cases) assert.equal(maskSecrets(input), expected, input);
});

test('references, permissions and ordinary prose are left alone', () => {
  for (const text of [
    'NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}',
    '//registry.npmjs.org/:_authToken=${NODE_AUTH_TOKEN}',
    'id-token: write',
    'token: ${{ secrets.GITHUB_TOKEN }}',
    'git@github.com:acme/widget.git',
    'ssh://git@github.com/acme/widget',
    'https://github.com/acme/widget',
    'npm trust github @acme/widget --file publish.yml',
    '{"name": "npm_x"}',
    // Names, not values: a step output, a secret's name, a key whose value is a block below it.
    'run: npm version "${{ steps.npm_version_output.outputs.version }}"',
    'NPM_PASSWORD: ${{ secrets.npm_password }}',
    '      NPM_TOKEN:\n        description: The npm token\n        required: true',
  ]) {
    assert.equal(maskSecrets(text), text, text);
  }
});

test('JSON text stays JSON after masking', () => {
  const doc = { message: 'https://u:p4ssw0rd@host/x and npm_AbCdEf0123456789AbCdEf0123456789abcd', file: 'NPM_TOKEN=abcdefgh' };
  const masked = maskSecrets(JSON.stringify(doc, null, 2));
  const back = JSON.parse(masked) as typeof doc;
  assert.equal(back.message, 'https://u:***@host/x and npm_***');
  assert.equal(back.file, 'NPM_TOKEN=***');
});

// maskSecrets runs the replacements only on text that has what one of them needs: on any
// text, it must give what the replacements give. Text is built from the pieces the patterns
// look for, and near misses, so most generated strings come close to a secret.
const PIECES = [
  'npm_', 'ghp_', 'ghs_', 'github_pat_', 'glpat-', 'gldt-', 'xoxb-', 'AKIA', 'IOSFODNN7EXAMPLE', 'https', '://', 'git+ssh', '@', ':', '/',
  ' ', '\t', '\n', '=', '{', ',', "'", '"', '`', '#', '$', '_authToken', '_auth', '_password', 'TOKEN', 'NPM_', 'SECRET', 'PASSWORD',
  'PASSWD', 'API_KEY', 'token', 'password', 'secret', 'api-key', 'api_key', 'Bearer', 'Basic', 'abcdefghij', '0123456789ABCDEFGHIJ', '-', 'x',
  ' token  :', ' secret\t:', ' NPM_TOKEN =', ' Bearer  ', 'https://user:', 'ssh://0123456789ABCDEFGHIJ@',
];

test('the quick check never keeps a secret from the replacements', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 24 }), (pieces) => {
      const text = pieces.join('');
      assert.equal(maskSecrets(text), maskAll(text), JSON.stringify(text));
    }),
    { numRuns: 20_000 },
  );
});
