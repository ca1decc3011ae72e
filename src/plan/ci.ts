// Pure: detected facts + answers -> the plan for a GitLab or CircleCI publish job. Loaded only
// for those providers (it brings the YAML parser and the provider templates).
import { lockfileInReach } from '../detect/lockfile-reach.js';
import { noLockfileNote } from './notes.js';
import { BRANCH_FLOWS, type Answers, type Detected, type FileChange, type ManualEdit, type PackageInfo, type Plan } from '../core/model.js';
import { repositoryEditReason, repositoryMatches } from '../detect/repository.js';
import { providerConflict, PROVIDER_NAMES } from '../questions/provider.js';
import { ciChecklist } from './checklist-ci.js';
import { safeItems, safeOutput } from '../text/output.js';
import { withRepository } from './repository-fix.js';
import { manifestPath, needsPack, targetPackages } from './targets.js';
import { circleciJob, gitlabJob, type CiJob } from './ci-jobs.js';
import { AnswerError } from '../core/errors.js';

function change(path: string, before: string | undefined, after: string, reason: string): FileChange {
  const kind = before === undefined ? 'create' : before === after ? 'unchanged' : 'update';
  // A merge keeps every other byte and never replaces a hand-written job: the diff is the review.
  return { path, kind, before, after, reason, needsConsent: false };
}

/** Provider validators throw ProviderInputError (an InvalidInputError) for data they refuse. */
function buildJob(d: Detected, answers: Answers, pkg: PackageInfo): CiJob {
  return answers.provider === 'gitlab' ? gitlabJob(d, answers, pkg) : circleciJob(d, answers, pkg);
}

function ciNotes(d: Detected, answers: Answers, pkg: PackageInfo, job: CiJob): string[] {
  const name = PROVIDER_NAMES[answers.provider];
  const notes: string[] = [];
  const flow = d.release?.flow;
  if (flow && BRANCH_FLOWS.includes(flow)) {
    notes.push(`This repository uses ${flow}: the ${name} job does not run it. It publishes when a v<version> tag is pushed, so let ${flow} version and tag, and the job publish.`);
  }
  if (answers.packageManager === 'yarn' && d.packageManager.yarnClassic) {
    notes.push('Yarn 1: the job installs with yarn install --frozen-lockfile (Yarn 1 has no --immutable) and publishes with npm publish.');
  }
  if (needsPack(answers, [pkg], false)) {
    notes.push(`${pkg.name} depends on workspace: or catalog: ranges, which npm publish would ship as written: replace them, or publish from GitHub Actions, whose workflow packs first.`);
  }
  for (const w of d.workflows.filter((w) => w.publishes)) {
    notes.push(`${w.path} also publishes: once the ${name} job has published, delete it or remove its publish step.`);
  }
  if (answers.provider === 'circleci') {
    notes.push('CircleCI publishes without provenance: npm makes provenance attestations only for GitHub Actions and GitLab.');
  }
  if ('notes' in job.merged) notes.push(...job.merged.notes);
  return notes;
}

export function makeCiPlan(d: Detected, answers: Answers): Plan {
  if (answers.provider === 'github') throw new Error('makeCiPlan plans GitLab and CircleCI; use makePlan for GitHub Actions');
  const conflict = providerConflict(answers);
  if (conflict) throw new AnswerError(conflict.id, 'conflict', conflict.message);
  const [pkg] = targetPackages(d, answers.packages);
  if (!pkg) throw new AnswerError('packages', 'invalid', 'name the package to publish.');
  const job = buildJob(d, answers, pkg);

  const changes: FileChange[] = [];
  const manual: ManualEdit[] = [];
  if ('cannotMerge' in job.merged) manual.push({ path: job.path, reason: job.merged.cannotMerge, snippet: job.merged.snippet });
  else changes.push(change(job.path, job.existing, job.merged.content, job.reason));

  const notes = ciNotes(d, answers, pkg, job);
  if (!lockfileInReach(d, answers.packageManager, pkg.dir)) notes.push(noLockfileNote(answers.packageManager, pkg.dir));
  // GitLab provenance compares package.json "repository" with the project (E422 otherwise).
  if (answers.provider === 'gitlab' && !repositoryMatches(pkg.repository, job.repo, pkg.dir, 'gitlab.com')) {
    if (answers.fixRepository) {
      changes.push(change(manifestPath(pkg), pkg.raw, withRepository(pkg, job.repo, 'gitlab.com'), repositoryEditReason(pkg, job.repo, pkg.dir, 'gitlab.com', 'this project')));
    } else {
      notes.push(`${manifestPath(pkg)} "repository" does not name gitlab.com/${job.repo.owner}/${job.repo.name}: a public project's publish fails (E422) until it does.`);
    }
  }

  const written = changes.filter((c) => c.kind !== 'unchanged').map((c) => c.path);
  return {
    answers,
    repo: job.repo,
    changes,
    manual,
    publishers: [job.publisher],
    checklist: safeItems(ciChecklist({ detected: d, answers, repo: job.repo, pkg, publisher: job.publisher, ciFile: job.path, written, manual })),
    notes: notes.map((note) => safeOutput(note)),
  };
}
