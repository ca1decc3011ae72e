// Pure: detected facts + answers -> everything to write, enter and do. No I/O here; the
// workflow renderer is passed in so tests and front-ends share one code path.
import type { Answers, Detected, FileChange, PackageInfo, Plan, RepoRef } from '../core/model.js';
import type { Renderer } from '../providers/github/workflow.js';
import { isMonorepoRoot } from '../questions/packages.js';
import { answersConflict } from '../questions/resolve.js';
import { checklist } from './checklist.js';
import { safeItems, safeOutput } from '../text/output.js';
import { noLockfileNote, planNotes, toolUpgrades } from './notes.js';
import { publisherSettings } from '../npm/publisher.js';
import { releasePleaseFiles } from './release-please.js';
import { withRepository } from './repository-fix.js';
import { dependabotPlan } from './dependabot.js';
import { repositoryEditReason, repositoryMatches } from '../detect/repository.js';
import { manifestPath, needsPack, releaseBranch, targetPackages, workflowInput } from './targets.js';
import { AnswerError, FailedError } from '../core/errors.js';

export type { Renderer } from '../providers/github/workflow.js';

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

/** The package in the target folder; throws the plain reason when there is none to publish. */
export function publishedPackage(d: Detected): PackageInfo {
  const pkg = d.pkg;
  if (!pkg) throw new FailedError('No package.json here: run this in the folder of the package you publish.');
  if (!pkg.name) throw new FailedError(`${pkg.dir ? pkg.dir + '/' : ''}package.json has no "name": npm needs one to publish.`);
  return pkg;
}

/**
 * Packages whose package.json "repository" does not name the repository being answered
 * (npm: E422). Checked against the answer, not the remote: `--repo` may name a repository
 * the remote does not (or there is no remote at all).
 */
function mismatched(targets: readonly PackageInfo[], repo: RepoRef): PackageInfo[] {
  return targets.filter((p) => !repositoryMatches(p.repository, repo, p.dir));
}

/** The GitHub Actions plan; GitLab and CircleCI plans come from makeCiPlan (plan/ci.ts). */
export function makePlan(d: Detected, answers: Answers, render: Renderer): Plan {
  if (answers.provider !== 'github') throw new Error(`makePlan plans GitHub Actions; use makeCiPlan for ${answers.provider}`);
  const targets = targetPackages(d, answers.packages);
  if (targets.length === 0) throw new AnswerError('packages', 'invalid', 'name at least one package to publish.');
  const conflict = answersConflict(answers);
  if (conflict) throw new AnswerError('release', 'conflict', conflict);
  if (!answers.repo) throw new AnswerError('repo', 'missing', 'Could not work out the GitHub repository from this repository');
  const repo = splitRepo(answers.repo);
  const wfPath = workflowPath(answers);
  const monorepo = isMonorepoRoot(d);
  const { branch, note: branchNote } = releaseBranch(d);

  const input = workflowInput(d, answers, targets, repo);
  const existing = d.workflows.find((w) => w.path === wfPath);
  const changes: FileChange[] = [
    change(wfPath, existing?.content, render.workflow(input), 'publishes to npm with trusted publishing (OIDC), no token', true),
  ];

  const wrong = mismatched(targets, repo);
  if (answers.fixRepository) {
    for (const p of wrong) {
      changes.push(change(manifestPath(p), p.raw, withRepository(p, repo), repositoryEditReason(p, repo, p.dir), false));
    }
  }
  const notes: string[] = [];
  const dependabot = dependabotPlan(d.dependabot, render);
  if (dependabot && 'note' in dependabot) notes.push(dependabot.note);
  if (answers.release === 'release-please') {
    const files = releasePleaseFiles(d, targets);
    changes.push(...files.changes);
    notes.push(...files.notes);
  }
  notes.push(
    ...planNotes({
      detected: d,
      answers,
      targets,
      pack: needsPack(answers, targets, input.yarnClassic === true),
      unfixed: answers.fixRepository ? [] : wrong,
      ...(branchNote && !['publish', 'staged'].includes(answers.release) ? { branchNote } : {}),
    }),
  );
  if (input.lockfile === false) notes.push(noLockfileNote(answers.packageManager, input.packageDir));
  const others = [...d.workflows.filter((w) => w.path !== wfPath), ...d.ciFiles];
  for (const w of others.filter((w) => w.publishes)) {
    notes.push(`${w.path} also publishes: once the new workflow has published, delete it or remove its publish step.`);
  }

  if (dependabot && 'change' in dependabot) changes.push(dependabot.change);
  const written = changes.filter((c) => c.kind !== 'unchanged').map((c) => c.path);
  return {
    answers,
    repo,
    changes,
    manual: [],
    publishers: targets.map((p) => publisherSettings(p.name as string, repo, answers)),
    checklist: safeItems(checklist({
      detected: d,
      answers,
      repo,
      packages: targets.map((p) => ({ name: p.name as string, ...(p.version ? { version: p.version } : {}) })),
      written: written.length > 0 ? written : changes.map((c) => c.path),
      workflowPath: wfPath,
      monorepo,
      branch,
      upgrades: toolUpgrades(d, answers),
    })),
    notes: notes.map((note) => safeOutput(note)),
  };
}
