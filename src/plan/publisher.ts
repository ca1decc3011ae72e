// What the user types into npmjs.com, in the order the form asks for it.
import type { Answers, PublisherSettings, RepoRef } from '../model.js';
import { shellCommand } from '../text/shell.js';

export function accessUrl(packageName: string): string {
  // Scoped names stay literal in the path: /package/@scope/name/access.
  return `https://www.npmjs.com/package/${packageName}/access`;
}

/** The allowed action the publisher needs: staged publishing allows only `npm stage publish`. */
export function allowedAction(answers: Pick<Answers, 'release'>): PublisherSettings['allow'] {
  return answers.release === 'staged' ? 'npm stage publish' : 'npm publish';
}

/** The `npm trust github` arguments after the package name (quote them with shellCommand). */
export function trustArgs(repo: RepoRef, answers: Pick<Answers, 'workflow' | 'environment' | 'release'>): string[] {
  const args = ['--file', answers.workflow, '--repo', `${repo.owner}/${repo.name}`];
  if (answers.environment) args.push('--env', answers.environment);
  args.push(answers.release === 'staged' ? '--allow-stage-publish' : '--allow-publish');
  return args;
}

export function publisherSettings(packageName: string, repo: RepoRef, answers: Answers): PublisherSettings {
  const env = answers.environment;
  const allow = allowedAction(answers);
  const trust = ['npm', 'trust', 'github', packageName, ...trustArgs(repo, answers)];
  return {
    packageName,
    url: accessUrl(packageName),
    provider: 'GitHub Actions',
    fields: [
      { label: 'Publisher', value: 'GitHub Actions' },
      { label: 'Organization or user', value: repo.owner, note: 'case-sensitive' },
      { label: 'Repository', value: repo.name, note: 'case-sensitive' },
      { label: 'Workflow filename', value: answers.workflow, note: 'file name only, no path' },
      env
        ? { label: 'Environment name', value: env, note: 'must match the workflow' }
        : { label: 'Environment name', value: '', note: 'leave empty' },
      allow === 'npm publish'
        ? { label: 'Allowed actions', value: 'Allow npm publish', note: 'tick it: new publishers allow only staged publishing' }
        : { label: 'Allowed actions', value: 'Allow npm stage publish', note: 'only this one: CI stages, you approve each version with 2FA' },
    ],
    allow,
    trustCommand: shellCommand(...trust),
  };
}
