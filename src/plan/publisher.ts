// What the user types into npmjs.com, in the order the form asks for it.
import type { Answers, PublisherSettings, RepoRef } from '../model.js';

export function accessUrl(packageName: string): string {
  // Scoped names stay literal in the path: /package/@scope/name/access.
  return `https://www.npmjs.com/package/${packageName}/access`;
}

export function publisherSettings(packageName: string, repo: RepoRef, answers: Answers): PublisherSettings {
  const env = answers.environment;
  const trust = ['npm', 'trust', 'github', packageName, '--file', answers.workflow, '--repo', `${repo.owner}/${repo.name}`];
  if (env) trust.push('--env', shellQuote(env));
  trust.push('--allow-publish');
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
      { label: 'Allowed actions', value: 'Allow npm publish', note: 'tick it: new publishers allow only staged publishing' },
    ],
    allow: 'npm publish',
    trustCommand: trust.join(' '),
  };
}

/** Quotes a word for a POSIX shell when it needs it. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9@%+=:,./_-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
