// The steps after writing, in the order that cannot lock the user out: the new path must
// have published once (with provenance) before tokens are disallowed and revoked.
import type { Answers, ChecklistItem, Detected, RepoRef, TokenUse } from '../model.js';
import { accessUrl, shellQuote } from './publisher.js';

export interface ChecklistInput {
  detected: Detected;
  answers: Answers;
  repo: RepoRef;
  packages: { name: string; version?: string }[];
  /** Files the plan writes, relative to the repository root. */
  written: string[];
  /** Path of the new workflow relative to the repository root. */
  workflowPath: string;
}

/** Secrets that fed npm tokens in the repository's workflows (names only). */
export function tokenSecrets(uses: readonly TokenUse[]): string[] {
  const names = new Set(uses.map((u) => u.secret).filter((s): s is string => Boolean(s)));
  return names.size > 0 ? [...names].sort() : ['NPM_TOKEN'];
}

function releaseStep(input: ChecklistInput): ChecklistItem {
  const { answers, packages } = input;
  const version = packages[0]?.version ?? '1.0.0';
  const base = {
    id: 'publish',
    title: 'Publish a release with the new workflow, soon',
    detail:
      'A new trusted publisher that sees no publish for about two days may expire. ' +
      'Bump the version first if this one is already on npm.',
  };
  switch (answers.trigger) {
    case 'release':
      return { ...base, command: `gh release create v${version} --generate-notes` };
    case 'tag':
      return { ...base, command: `git tag v${version} && git push origin v${version}` };
    case 'manual':
      return { ...base, command: `gh workflow run ${answers.workflow} --repo ${input.repo.owner}/${input.repo.name}` };
  }
}

export function checklist(input: ChecklistInput): ChecklistItem[] {
  const { detected, answers, repo, packages } = input;
  const slug = `${repo.owner}/${repo.name}`;
  const names = packages.map((p) => p.name);
  const items: ChecklistItem[] = [];

  items.push({
    id: 'commit',
    title: 'Commit and push the workflow',
    detail: 'GitHub runs the workflow from the default branch: push it before the first release.',
    command: `git add ${input.written.map(shellQuote).join(' ')} && git commit -m "ci: publish to npm with trusted publishing" && git push`,
  });
  for (const name of names) {
    items.push({
      id: `publisher:${name}`,
      title: `Add the trusted publisher for ${name} on npmjs.com`,
      detail: `Values: ${repo.owner} / ${repo.name} / ${answers.workflow} / ${answers.environment ?? '(no environment)'}; tick "Allow npm publish".`,
      url: accessUrl(name),
    });
  }
  if (answers.environment) {
    items.push({
      id: 'environment',
      title: `Protect the "${answers.environment}" environment`,
      detail: 'Add required reviewers and allow only release tags to deploy, so no one publishes without a second look.',
      url: `https://github.com/${slug}/settings/environments`,
    });
  }
  items.push(releaseStep(input));
  items.push({
    id: 'provenance',
    title: 'Confirm the release has provenance',
    detail: 'The package page shows a provenance badge; the version document lists attestations. That is the proof the move worked.',
    command: names.map((n) => `npm view ${n} dist.attestations`).join(' && '),
    url: names[0] ? `https://www.npmjs.com/package/${names[0]}` : undefined,
  });
  items.push({
    id: 'disallow-tokens',
    title: 'Disallow tokens for publishing',
    detail: 'On the access page choose "Require two-factor authentication and disallow tokens". Trusted publishing keeps working.',
    command: names.map((n) => `npm access set mfa=publish ${n}`).join(' && '),
    url: names[0] ? accessUrl(names[0]) : undefined,
  });
  items.push({
    id: 'revoke-token',
    title: 'Revoke the old publish token',
    detail: 'List your tokens, find the one CI used, delete it (revocation can take up to an hour).',
    command: 'npm token list   # then: npm token delete <id>',
    url: 'https://www.npmjs.com/settings/~/tokens',
  });

  const uses = detected.workflows.flatMap((w) => w.tokenUses);
  for (const secret of tokenSecrets(uses)) {
    items.push({
      id: `secret:${secret}`,
      title: `Delete the ${secret} repository secret`,
      detail:
        'Nothing publishes with it any more. If a workflow uses it only to install private packages, ' +
        'replace it with a read-only token instead.',
      command: `gh secret delete ${secret} --repo ${slug}`,
      url: `https://github.com/${slug}/settings/secrets/actions`,
    });
  }
  const others = uses.filter((u) => !input.written.includes(u.file));
  if (others.length > 0) {
    items.push({
      id: 'token-env',
      title: 'Remove token env from other workflows',
      detail: others.map((u) => `${u.file}:${u.line} ${u.what}${u.secret ? ` (secrets.${u.secret})` : ''}`).join('\n'),
    });
  }
  return items;
}
