import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRemote, redactUrl } from '../../src/detect/remote.js';

const GH = { host: 'github.com', owner: 'acme', name: 'widget' };

const cases: Array<[string, ReturnType<typeof parseRemote>]> = [
  ['https://github.com/acme/widget', GH],
  ['https://github.com/acme/widget.git', GH],
  ['https://github.com/acme/widget/', GH],
  ['https://github.com/acme/widget.git/', GH],
  ['http://github.com/acme/widget', GH],
  ['git@github.com:acme/widget.git', GH],
  ['git@github.com:acme/widget', GH],
  ['ssh://git@github.com/acme/widget', GH],
  ['ssh://git@github.com/acme/widget.git', GH],
  ['ssh://git@github.com:22/acme/widget', GH],
  ['ssh://git@ssh.github.com:443/acme/widget.git', GH],
  ['git+https://github.com/acme/widget.git', GH],
  ['git+ssh://git@github.com/acme/widget.git', GH],
  ['git+ssh://git@github.com:acme/widget.git', GH],
  ['git://github.com/acme/widget.git', GH],
  ['https://user@github.com/acme/widget', GH],
  ['https://x-access-token:ghs_SECRET123@github.com/acme/widget.git', GH],
  ['https://www.github.com/acme/widget', GH],
  ['HTTPS://GitHub.com/acme/widget', GH],
  ['github:acme/widget', GH],
  ['https://github.com/acme/widget/tree/main/packages/x', GH],
  ['  https://github.com/Acme/Widget.js  ', { host: 'github.com', owner: 'Acme', name: 'Widget.js' }],
  ['https://gitlab.com/group/project.git', { host: 'gitlab.com', owner: 'group', name: 'project' }],
  ['git@gitlab.com:group/sub/project.git', { host: 'gitlab.com', owner: 'group/sub', name: 'project' }],
  ['https://gitlab.example.com:8443/a/b/c/d', { host: 'gitlab.example.com', owner: 'a/b/c', name: 'd' }],
  ['gitlab:group/project', { host: 'gitlab.com', owner: 'group', name: 'project' }],
  ['git@bitbucket.org:team/repo.git', { host: 'bitbucket.org', owner: 'team', name: 'repo' }],
  ['', undefined],
  ['/tmp/origin.git', undefined],
  ['../origin', undefined],
  ['file:///tmp/origin.git', undefined],
  ['C:\\repos\\origin', undefined],
  ['https://github.com/acme', undefined],
  ['https://github.com/', undefined],
];

for (const [url, expected] of cases) {
  test(`parseRemote(${JSON.stringify(url)})`, () => {
    const parsed = parseRemote(url);
    assert.deepEqual(parsed, expected);
    if (parsed) assert.ok(!JSON.stringify(parsed).includes('SECRET'));
  });
}

test('redactUrl drops credentials but keeps the rest', () => {
  assert.equal(
    redactUrl('https://x-access-token:ghs_SECRET123@github.com/acme/widget.git'),
    'https://github.com/acme/widget.git',
  );
  assert.equal(redactUrl('https://user@github.com/acme/widget'), 'https://github.com/acme/widget');
  assert.equal(redactUrl('git+https://u:p@github.com/a/b'), 'git+https://github.com/a/b');
  assert.equal(redactUrl('ssh://git@github.com:22/acme/widget'), 'ssh://git@github.com:22/acme/widget');
  assert.equal(redactUrl('ssh://git:pw@github.com/acme/widget'), 'ssh://github.com/acme/widget');
  assert.equal(redactUrl('git@github.com:acme/widget.git'), 'git@github.com:acme/widget.git');
  assert.equal(redactUrl('https://github.com/acme/widget'), 'https://github.com/acme/widget');
});
