// The plain front-end (--plain, TERM=dumb): real @inquirer/prompts driven by
// @inquirer/testing, real plans and writes in a temp repository.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { render } from '@inquirer/testing';
import * as inquirer from '@inquirer/prompts';
import { run, type PlainDeps } from '../../src/commands/create/ui/plain/index.js';
import type { Prompts } from '../../src/commands/create/ui/plain/ask.js';
import { parseOptions } from '../../src/commands/create/args.js';
import { planFor } from '../../src/commands/create/run.js';
import { detect } from '../../src/detect/index.js';
import { makePackageRepo, type TempRepo } from '../helpers/repo.js';

type Handle = Awaited<ReturnType<typeof render>>;

/** Prompts that render into @inquirer/testing; the test takes each one in turn. */
function scriptedPrompts() {
  const ready: Handle[] = [];
  const waiting: ((h: Handle) => void)[] = [];
  const wrap = <F extends (...args: never[]) => unknown>(prompt: F): F =>
    ((config: unknown) =>
      render(prompt as never, config as never).then((h) => {
        const take = waiting.shift();
        if (take) take(h);
        else ready.push(h);
        return h.answer;
      })) as unknown as F;
  const prompts: Prompts = {
    input: wrap(inquirer.input),
    select: wrap(inquirer.select),
    confirm: wrap(inquirer.confirm),
    checkbox: wrap(inquirer.checkbox),
  };
  const next = (): Promise<Handle> => {
    const h = ready.shift();
    return h ? Promise.resolve(h) : new Promise((resolve) => waiting.push(resolve));
  };
  return { prompts, next };
}

const repos: TempRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));

async function setup(argv: string[] = [], overrides: Parameters<typeof makePackageRepo>[0] = {}) {
  const repo = makePackageRepo(overrides);
  repos.push(repo);
  const detected = await detect(repo.dir);
  const { prompts, next } = scriptedPrompts();
  const opened: string[] = [];
  const deps: PlainDeps = {
    prompts,
    plan: planFor,
    open: async (url) => (opened.push(url), 'opened'),
    noBrowser: () => undefined,
  };
  const out: string[] = [];
  const io = { out: (t: string) => void out.push(t), err: (t: string) => void out.push(t) };
  const result = run({ detected, options: parseOptions([repo.dir, ...argv]), io }, deps);
  return { repo, next, opened, out, result };
}

async function answer(next: () => Promise<Handle>, message: RegExp, keys: (h: Handle) => void = (h) => h.events.keypress('enter')) {
  const h = await next();
  assert.match(h.getScreen(), message);
  keys(h);
  return h;
}

describe('plain prompts', () => {
  it('Enter on every prompt writes the recommended setup, prints the values and the checklist', async () => {
    const { repo, next, opened, out, result } = await setup();
    await answer(next, /How releases are made[\s\S]*❯ npm publish when I release/);
    await answer(next, /Publish when[\s\S]*❯ A GitHub release is published/);
    await answer(next, /GitHub environment \(type "none" for no environment\) \(npm\)/);
    await answer(next, /Workflow file name \(publish\.yml\)/);
    await answer(next, /Node\.js version in CI \(24\)/);
    await answer(next, /Fix "repository" in package\.json\? \(Y\/n\)/);
    await answer(next, /Write these files\? \(Y\/n\)/);
    await answer(next, /Open the npm settings page\? \(Y\/n\)/);
    assert.equal(await result, 0);
    const text = out.join('\n');
    assert.match(text, /What I found/);
    assert.match(text, /\+\+\+ \.github\/workflows\/publish\.yml \(new file\)/);
    assert.match(text, /\+  "repository": \{/);
    assert.match(text, /Workflow filename +publish\.yml/);
    assert.match(text, /\[ \] 1\. Commit and push the workflow/);
    assert.deepEqual(opened, ['https://www.npmjs.com/package/@acme/widget/access']);
    assert.ok(existsSync(join(repo.dir, '.github/workflows/publish.yml')));
    assert.match(readFileSync(join(repo.dir, 'package.json'), 'utf8'), /"url": "git\+https:\/\/github\.com\/acme\/widget\.git"/);
  });

  it('validates text answers with the shared rules and shows the error', async () => {
    const { next, result } = await setup(['--release', 'publish', '--trigger', 'tag', '--no-open']);
    const h = await next();
    assert.match(h.getScreen(), /GitHub environment/);
    // The default is a placeholder: typing replaces it (no "npmprod$").
    h.events.type('prod$');
    h.events.keypress('enter');
    await h.nextRender();
    assert.match(h.getScreen(), /Use letters, digits, spaces/);
    h.events.keypress('backspace');
    h.events.keypress('enter');
    assert.equal(await h.answer, 'prod');
    await answer(next, /Workflow file name/);
    await answer(next, /Node\.js version/);
    await answer(next, /Fix "repository"/);
    await answer(next, /Write these files\?/);
    assert.equal(await result, 0);
  });

  it('declining to replace a workflow that publishes keeps it byte for byte and asks again: never a second publish workflow', async () => {
    const existing = 'name: Release\non: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm publish\n';
    const { repo, next, result, out } = await setup(['--no-open', '--release', 'publish', '--trigger', 'release', '--environment', 'npm', '--node', '24'], {
      files: { '.github/workflows/publish.yml': existing },
      pkg: { repository: { type: 'git', url: 'git+https://github.com/acme/widget.git' } },
    });
    await answer(next, /Workflow file name \(publish\.yml\)/);
    await answer(next, /Write these files\?/);
    await answer(next, /Replace \.github\/workflows\/publish\.yml\? A backup is kept\. \(y\/N\)/);
    // Asked again, with the same file name as the default: not a free name beside it.
    await answer(next, /Workflow file name \(publish\.yml\)/);
    await answer(next, /Write these files\?/, (h) => {
      h.events.type('n');
      h.events.keypress('enter');
    });
    assert.equal(await result, 0);
    assert.match(out.join('\n'), /publish\.yml stays as it is and nothing is written: a second workflow would publish the package twice/);
    assert.equal(readFileSync(join(repo.dir, '.github/workflows/publish.yml'), 'utf8'), existing);
    assert.deepEqual(readdirSync(join(repo.dir, '.github/workflows')), ['publish.yml']);
  });

  it('declining to replace a workflow that does not publish keeps it byte for byte and asks for another name', async () => {
    const existing = 'name: CI\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n';
    const { repo, next, result } = await setup(['--no-open', '--release', 'publish', '--trigger', 'release', '--environment', 'npm', '--node', '24'], {
      files: { '.github/workflows/publish.yml': existing },
      pkg: { repository: { type: 'git', url: 'git+https://github.com/acme/widget.git' } },
    });
    await answer(next, /Workflow file name \(publish\.yml\)/);
    await answer(next, /Write these files\?/);
    await answer(next, /Replace \.github\/workflows\/publish\.yml\? A backup is kept\. \(y\/N\)/);
    await answer(next, /Workflow file name \(npm-publish\.yml\)/);
    assert.equal(await result, 0);
    assert.equal(readFileSync(join(repo.dir, '.github/workflows/publish.yml'), 'utf8'), existing);
    assert.ok(existsSync(join(repo.dir, '.github/workflows/npm-publish.yml')));
  });

  it('Ctrl-C rejects with ExitPromptError (exit 130 in main) and writes nothing', async () => {
    const { repo, next, result } = await setup();
    await answer(next, /How releases are made/);
    await answer(next, /Publish when/, (h) => h.events.keypress({ name: 'c', ctrl: true }));
    await assert.rejects(result, { name: 'ExitPromptError' });
    assert.equal(repo.git('status', '--porcelain'), '');
  });

  it('asks a monorepo which packages to publish, with a checkbox list, and skips the trigger for a release tool', async () => {
    const { next, result, out } = await setup(['--no-open', '--environment', 'npm', '--node', '24', '--workflow', 'publish.yml', '--no-fix-repository'], {
      pkg: { name: 'acme-root', private: true, workspaces: ['packages/*'] },
      files: {
        'packages/core/package.json': { name: '@acme/core', version: '1.0.0' },
        'packages/cli/package.json': { name: '@acme/cli', version: '1.0.0' },
      },
    });
    const h = await next();
    assert.match(h.getScreen(), /Packages to publish[\s\S]*◉ @acme\/cli[\s\S]*◉ @acme\/core/);
    h.events.keypress('space');
    h.events.keypress('enter');
    assert.deepEqual(await h.answer, ['@acme/core']);
    await answer(next, /How releases are made/, (r) => {
      r.events.keypress('down');
      r.events.keypress('enter');
    });
    await answer(next, /Write these files\?/);
    assert.equal(await result, 0);
    assert.doesNotMatch(out.join('\n'), /Publish when/);
  });
});

describe('plain prompts, GitLab', () => {
  it('asks the GitLab questions from the same list, none of the GitHub-only ones, and writes .gitlab-ci.yml', async () => {
    const { repo, next, out, result } = await setup([], { remote: 'git@gitlab.com:group/sub/proj.git' });
    await answer(next, /GitLab environment \(type "none" for no environment\) \(npm\)/);
    await answer(next, /GitLab CI file \(\.gitlab-ci\.yml\)/);
    await answer(next, /Node\.js version in CI \(24\)/);
    await answer(next, /Fix "repository" in package\.json\? \(Y\/n\)/);
    await answer(next, /Write these files\? \(Y\/n\)/);
    await answer(next, /Open the npm settings page\? \(Y\/n\)/);
    assert.equal(await result, 0);
    const text = out.join('\n');
    assert.doesNotMatch(text, /How releases are made|Publish when|Workflow file name/);
    assert.match(text, /\+\+\+ \.gitlab-ci\.yml \(new file\)/);
    assert.match(text, /Select your publisher → GitLab CI\/CD/);
    assert.ok(existsSync(join(repo.dir, '.gitlab-ci.yml')));
    assert.match(readFileSync(join(repo.dir, 'package.json'), 'utf8'), /"url": "git\+https:\/\/gitlab\.com\/group\/sub\/proj\.git"/);
  });
});
