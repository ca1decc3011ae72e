import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withRepository } from '../../src/plan/repository-fix.js';
import type { PackageInfo } from '../../src/core/model.js';

const repo = { owner: 'acme', name: 'widget' };
const pkg = (raw: string, dir = ''): PackageInfo => ({ dir, manifestPath: '/x/package.json', raw, private: false, scripts: {} });

test('adds repository after version, keeping indentation and final newline', () => {
  const raw = '{\n    "name": "w",\n    "version": "1.0.0",\n    "license": "MIT"\n}\n';
  assert.equal(
    withRepository(pkg(raw), repo),
    '{\n    "name": "w",\n    "version": "1.0.0",\n    "repository": {\n        "type": "git",\n        "url": "git+https://github.com/acme/widget.git"\n    },\n    "license": "MIT"\n}\n',
  );
});

test('replaces a wrong repository in place and adds directory for a subfolder package', () => {
  const raw = '{\n\t"name": "w",\n\t"repository": "github:someone/else",\n\t"main": "x.js"\n}';
  const out = withRepository(pkg(raw, 'packages/w'), repo);
  assert.equal(
    out,
    '{\n\t"name": "w",\n\t"repository": {\n\t\t"type": "git",\n\t\t"url": "git+https://github.com/acme/widget.git",\n\t\t"directory": "packages/w"\n\t},\n\t"main": "x.js"\n}',
  );
});

test('keeps CRLF line endings', () => {
  const raw = '{\r\n  "name": "w"\r\n}\r\n';
  const out = withRepository(pkg(raw), repo);
  assert.ok(out.endsWith('}\r\n'));
  assert.ok(!/[^\r]\n/.test(out), 'every newline is CRLF');
  assert.deepEqual(JSON.parse(out).repository, { type: 'git', url: 'git+https://github.com/acme/widget.git' });
});

test('a one-line package.json stays on one line', () => {
  const out = withRepository(pkg('{"name":"w","version":"1.0.0"}\n'), repo);
  assert.equal(out, '{"name":"w","version":"1.0.0","repository":{"type":"git","url":"git+https://github.com/acme/widget.git"}}\n');
});

test('only "repository" changes: arrays laid out on one line, spacing and unusual layout elsewhere are kept byte for byte', () => {
  const raw = '{\n  "name": "w",\n  "version": "1.0.0",\n  "files": ["dist/", "images/"],\n  "repository": {"type": "git", "url": "https://github.com/acme/other.git"},\n  "keywords" : [ "a","b" ],\n  "x": {"y": "}\\"]"}\n}\n';
  const out = withRepository(pkg(raw, 'packages/w'), repo);
  assert.equal(
    out,
    '{\n  "name": "w",\n  "version": "1.0.0",\n  "files": ["dist/", "images/"],\n  "repository": {\n    "type": "git",\n    "url": "git+https://github.com/acme/widget.git",\n    "directory": "packages/w"\n  },\n  "keywords" : [ "a","b" ],\n  "x": {"y": "}\\"]"}\n}\n',
  );
  const added = withRepository(pkg('{\n  "name": "w",\n  "version": "1.0.0",\n  "files": ["dist/"]\n}\n'), repo);
  assert.equal(added, '{\n  "name": "w",\n  "version": "1.0.0",\n  "repository": {\n    "type": "git",\n    "url": "git+https://github.com/acme/widget.git"\n  },\n  "files": ["dist/"]\n}\n');
  assert.equal(withRepository(pkg('{"files":["a"]}'), repo), '{"repository":{"type":"git","url":"git+https://github.com/acme/widget.git"},"files":["a"]}');
});
