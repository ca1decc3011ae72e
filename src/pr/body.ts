// The pull request's title and body (also printed by --markdown): what changed and why, the
// npmjs.com values per package as a table, and the checklist as a task list in its safe
// order, commands in code blocks. Everything comes from the plan; nothing is recomputed.
import type { ChangeKind, ChecklistItem, CiProvider, PublisherSettings, RepoRef } from '../core/model.js';
import { code, codeBlock, table } from '../report/markdown.js';
import { checklistMarkdown } from '../report/checklist.js';

export const PR_BRANCH = 'trusted-publishing';
export const PR_TITLE = 'Publish to npm with trusted publishing (OIDC), without a token';
export const COMMIT_MESSAGE = 'ci: publish to npm with trusted publishing';

/** What a pull request shows, from a plan (--yes) or a migration (--migrate). */
export interface PrContent {
  provider: CiProvider;
  repo: RepoRef;
  /** The files written, each with why. */
  files: Array<{ path: string; kind: Exclude<ChangeKind, 'unchanged'>; reasons: string[] }>;
  publishers: PublisherSettings[];
  checklist: ChecklistItem[];
  notes: string[];
}

const WHY =
  'From January 2027 npm granular tokens can no longer publish directly, so a workflow that publishes ' +
  'with `NPM_TOKEN` / `NODE_AUTH_TOKEN` stops working then. With trusted publishing (OIDC) the workflow ' +
  'proves to npm which repository, workflow and environment it runs in and gets a short-lived credential ' +
  'for that one publish: no publish token is stored anywhere, and public packages get provenance.';

function filesSection(content: PrContent): string[] {
  const lines = ['### What changed', ''];
  for (const f of content.files) {
    lines.push(`- ${code(f.path)} (${f.kind === 'create' ? 'new' : 'edited'})`);
    for (const reason of f.reasons) lines.push(`  - ${reason}`);
  }
  for (const note of content.notes) lines.push(`- ⚠️ ${note}`);
  return lines;
}

function publishersSection(publishers: readonly PublisherSettings[]): string[] {
  const first = publishers[0];
  if (!first) return [];
  const labels = first.fields.map((f) => f.label);
  const rows = publishers.map((p) => [p.packageName, ...labels.map((label) => p.fields.find((f) => f.label === label)?.value || '(leave empty)')]);
  const lines = [
    '### On npmjs.com: add a trusted publisher',
    '',
    `On each package's settings page (Trusted publishing → ${first.provider}), enter exactly (case-sensitive):`,
    '',
    table(['Package', ...labels], rows),
    '',
    ...publishers.map((p) => `- ${p.packageName}: ${p.url}`),
  ];
  const commands = publishers.map((p) => p.trustCommand).filter((c): c is string => c !== null);
  if (commands.length > 0) {
    lines.push('', 'Or from a terminal logged in to npm with 2FA (npm 11.15 or newer), one package at a time:', '', codeBlock(commands.join('\n'), 'sh'));
  }
  return lines;
}

export function prBody(content: PrContent, options: { viaPr?: boolean } = {}): string {
  return [
    `## ${PR_TITLE}`,
    '',
    WHY,
    '',
    ...filesSection(content),
    '',
    ...publishersSection(content.publishers),
    '',
    '### Then retire the token, in this order',
    '',
    checklistMarkdown(content.checklist, { viaPr: options.viaPr ?? false }),
    '',
    `_Made with create-trusted-publish. Run ${code('npx create-trusted-publish doctor')} to check it again._`,
  ].join('\n') + '\n';
}
