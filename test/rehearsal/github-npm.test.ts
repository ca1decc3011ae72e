// Rehearsal: the generated GitHub workflow, run with the real npm CLI against a registry that
// speaks OIDC, for one npm package (every trigger, with and without an environment).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startMachine, type Machine } from './machine.js';
import { assertOnlyOidcCredentials, npmLock, pkg, setUp } from './fixture.js';
import { runGithubJob, type GithubEvent } from './runner-github.js';

let machine: Machine;
before(async () => (machine = await startMachine()));
after(() => machine.close());

const EVENTS: Record<string, GithubEvent> = {
  release: { name: 'release', ref: 'refs/tags/v1.2.3' },
  tag: { name: 'push', ref: 'refs/tags/v1.2.3' },
  manual: { name: 'workflow_dispatch', ref: 'refs/heads/main' },
};

for (const trigger of ['release', 'tag', 'manual'] as const) {
  for (const env of ['npm', null] as const) {
    test(`npm, ${trigger}, ${env ? 'environment npm' : 'no environment'}: published once, with the exchanged token`, async (t) => {
      const name = `@acme/widget-${trigger}-${env ?? 'noenv'}`;
      const s = setUp(machine, {
        files: { 'package.json': pkg(name, '1.2.3'), 'package-lock.json': npmLock(name, '1.2.3') },
        args: ['--trigger', trigger, ...(env ? ['--environment', env] : ['--no-environment'])],
        tags: ['v1.2.3'],
      });
      try {
        const before = machine.registry.published.length;
        const result = await runGithubJob(machine, { source: s.repo.dir, workflow: '.github/workflows/publish.yml', repository: 'acme/widget', event: EVENTS[trigger]!, job: 'publish' });
        if (result.status === 'skipped-tool') return t.skip(result.reason);
        assert.equal(result.status, 'passed', 'log' in result ? result.log : result.status);
        assert.deepEqual(machine.registry.published.slice(before).map((p) => `${p.name}@${p.version}`), [`${name}@1.2.3`]);
        assertOnlyOidcCredentials(machine);
      } finally {
        s.repo.cleanup();
      }
    });
  }
}
