// An existing GitLab or CircleCI config the generated job is added to: too large, it is not
// parsed (the reason names its size); a repeated key is found as in workflows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseExisting } from '../../src/providers/yaml-merge.js';

test('an existing config over 512,000 bytes is not parsed: the reason is its size', () => {
  const big = `stages: [test]\n${Array.from({ length: 30_000 }, (_, i) => `t${i}:\n  script: [npm test]\n`).join('')}`;
  assert.ok(Buffer.byteLength(big) > 512_000);
  assert.equal(parseExisting(big), `it is ${Math.round(Buffer.byteLength(big) / 1000)} kB, and YAML files larger than 500 KB (512,000 bytes) are not read`);
});

test('a repeated key in an existing config: not valid YAML, with the parser\'s message', () => {
  const reason = parseExisting('test:\n  script: [npm test]\ntest:\n  script: [npm run lint]\n');
  assert.equal(typeof reason, 'string');
  assert.match(reason as string, /^it is not valid YAML: Map keys must be unique/);
});
