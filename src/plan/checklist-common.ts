// Checklist items every provider shares, worded once.
import type { ChecklistItem } from '../core/model.js';
import { accessUrl } from '../npm/publisher.js';
import { shellWord } from '../text/shell.js';

/** The package pages, one per line, when there are several (the item's url shows the first). */
export const otherUrls = (names: readonly string[], url: (n: string) => string) =>
  names.length > 1 ? `\n${names.map(url).join('\n')}` : '';

export function commitItem(files: readonly string[], title: string, detail: string): ChecklistItem {
  return {
    id: 'commit',
    title,
    detail,
    command: `git add ${files.map(shellWord).join(' ')} && git commit -m "ci: publish to npm with trusted publishing" && git push`,
  };
}

export function disallowTokensItem(names: readonly string[]): ChecklistItem {
  return {
    id: 'disallow-tokens',
    title: 'Disallow tokens for publishing',
    detail:
      'On the access page choose "Require two-factor authentication and disallow tokens". Trusted publishing keeps working.' +
      otherUrls(names, accessUrl),
    ...(names.length > 0 ? { command: names.map((n) => `npm access set mfa=publish ${shellWord(n)}`).join(' && ') } : {}),
    url: names[0] ? accessUrl(names[0]) : undefined,
  };
}

export function revokeTokenItem(): ChecklistItem {
  return {
    id: 'revoke-token',
    title: 'Revoke the old publish token',
    detail: 'List your tokens, find the one CI used, revoke it (revocation can take up to an hour).',
    command: 'npm token list   # then: npm token revoke <id>',
    url: 'https://www.npmjs.com/settings/~/tokens',
  };
}
