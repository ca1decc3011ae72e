// Pure: detected facts + answers -> everything to write, enter and do. No I/O here; the
// workflow renderer is passed in so tests and front-ends share one code path.
import type { Answers, Detected, FileChange, PackageInfo, Plan, RepoRef } from '../model.js';
import type { WorkflowInput } from '../render/workflow.js';
import { needsRepositoryFix } from '../questions/list.js';
import { checklist } from './checklist.js';
import { publisherSettings } from './publisher.js';
import { withRepository } from './repository-fix.js';
import { FailedError } from '../cli/errors.js';

export type RenderWorkflow = (input: WorkflowInput) => string;

export function splitRepo(slug: string): RepoRef {
  const [owner = '', name = ''] = slug.split('/');
  return { owner, name };
}

/** Path of the workflow relative to the repository root. */
export function workflowPath(answers: Answers): string {
  return `.github/workflows/${answers.workflow}`;
}

function change(path: string, before: string | undefined, after: string, reason: string, guarded: boolean): FileChange {
  const kind = before === undefined ? 'create' : before === after ? 'unchanged' : 'update';
  return { path, kind, before, after, reason, needsConsent: guarded && kind === 'update' };
}

/** The package this run publishes. Monorepos are handled one package at a time for now. */
export function publishedPackage(d: Detected): PackageInfo {
  const pkg = d.pkg;
  if (!pkg) throw new FailedError('No package.json here: run this in the folder of the package you publish.');
  if (!pkg.name) throw new FailedError(`${pkg.dir ? pkg.dir + '/' : ''}package.json has no "name": npm needs one to publish.`);
  return pkg;
}

export function makePlan(d: Detected, answers: Answers, render: RenderWorkflow): Plan {
  const pkg = publishedPackage(d);
  const name = pkg.name as string;
  const repo = splitRepo(answers.repo);
  const wfPath = workflowPath(answers);

  const workflow = render({
    repo,
    trigger: answers.trigger,
    environment: answers.environment,
    node: answers.node,
    packageManager: answers.packageManager,
    packageDir: pkg.dir,
    packageName: name,
    hasBuild: Boolean(pkg.scripts.build),
    hasTest: Boolean(pkg.scripts.test),
    // pnpm/action-setup needs a version when package.json has no packageManager field.
    pnpmVersion: answers.packageManager === 'pnpm' && !pkg.packageManagerField?.startsWith('pnpm@') ? '10' : null,
  });
  const existing = d.workflows.find((w) => w.path === wfPath);
  const changes: FileChange[] = [
    change(wfPath, existing?.content, workflow, 'publishes to npm with trusted publishing (OIDC), no token', true),
  ];

  const notes: string[] = [];
  if (needsRepositoryFix(d)) {
    const manifest = pkg.dir ? `${pkg.dir}/package.json` : 'package.json';
    if (answers.fixRepository) {
      changes.push(change(manifest, pkg.raw, withRepository(pkg, repo), 'sets "repository" to this repository (npm checks it: E422 otherwise)', false));
    } else {
      notes.push(`package.json "repository" does not name ${answers.repo}: npm will refuse the publish (E422) until it does.`);
    }
  }
  if (answers.packageManager === 'bun' || answers.packageManager === 'yarn') {
    notes.push(`The workflow installs with ${answers.packageManager} and publishes with npm: ${answers.packageManager} cannot publish with trusted publishing yet.`);
  }
  const otherPublishers = d.workflows.filter((w) => w.publishes && w.path !== wfPath);
  for (const w of otherPublishers) {
    notes.push(`${w.path} also publishes: once the new workflow has published, delete it or remove its publish step.`);
  }

  const written = changes.filter((c) => c.kind !== 'unchanged').map((c) => c.path);
  return {
    answers,
    repo,
    changes,
    publishers: [publisherSettings(name, repo, answers)],
    checklist: checklist({
      detected: d,
      answers,
      repo,
      packages: [{ name, version: pkg.version }],
      written: written.length > 0 ? written : changes.map((c) => c.path),
      workflowPath: wfPath,
    }),
    notes,
  };
}
