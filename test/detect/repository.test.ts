import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectedRepository, repositoryMatches } from '../../src/detect/repository.js';

const repo = { owner: 'acme', name: 'widget' };

test('repositoryMatches accepts every form of the same GitHub repository', () => {
  for (const url of [
    'git+https://github.com/acme/widget.git',
    'https://github.com/acme/widget',
    'https://github.com/ACME/Widget.git',
    'git@github.com:acme/widget.git',
    'ssh://git@github.com/acme/widget.git',
    'git+ssh://git@github.com/acme/widget.git',
    'github:acme/widget',
    'acme/widget',
    'git://github.com/acme/widget.git',
  ]) {
    assert.equal(repositoryMatches({ type: 'git', url }, repo, ''), true, url);
    assert.equal(repositoryMatches(url, repo, ''), true, `string ${url}`);
  }
});

test('repositoryMatches rejects other repositories, hosts and missing values', () => {
  assert.equal(repositoryMatches(undefined, repo, ''), false);
  assert.equal(repositoryMatches({}, repo, ''), false);
  assert.equal(repositoryMatches({ url: '' }, repo, ''), false);
  assert.equal(repositoryMatches({ url: 'https://github.com/acme/other' }, repo, ''), false);
  assert.equal(repositoryMatches({ url: 'https://github.com/other/widget' }, repo, ''), false);
  assert.equal(repositoryMatches({ url: 'https://gitlab.com/acme/widget' }, repo, ''), false);
  assert.equal(repositoryMatches({ url: 'gitlab:acme/widget' }, repo, ''), false);
});

test('repositoryMatches checks directory below the top level only', () => {
  const url = 'git+https://github.com/acme/widget.git';
  assert.equal(repositoryMatches({ url, directory: 'packages/a' }, repo, 'packages/a'), true);
  assert.equal(repositoryMatches({ url, directory: './packages/a/' }, repo, 'packages/a'), true);
  assert.equal(repositoryMatches({ url, directory: 'packages/./a' }, repo, 'packages//a'), true, 'the same folder however it is spelled');
  assert.equal(repositoryMatches({ url, directory: 'packages/b' }, repo, 'packages/a'), false);
  assert.equal(repositoryMatches({ url }, repo, 'packages/a'), false);
  assert.equal(repositoryMatches({ url, directory: 'whatever' }, repo, ''), true);
});

test('expectedRepository', () => {
  assert.deepEqual(expectedRepository(repo, ''), { type: 'git', url: 'git+https://github.com/acme/widget.git' });
  assert.deepEqual(expectedRepository(repo, 'packages/a'), {
    type: 'git',
    url: 'git+https://github.com/acme/widget.git',
    directory: 'packages/a',
  });
});
