// Composite publish actions whose steps are known line for line: they write the token they are
// handed into a project .npmrc, run `npm publish`, and delete the .npmrc again. Without the
// token only the `npm publish` is left, so the step becomes that command, which does the OIDC
// exchange itself (npm 11.5.1+). A reference not listed here keeps the refusal for unknown
// publish actions.
import { isScalar, type Document } from 'yaml';
import { secretName } from '../detect/workflows.js';
import type { JobView } from './jobs.js';
import { mapOf, textOf } from './nodes.js';

interface CompositePublisher {
  /** The action, lower case, without the ref. */
  name: string;
  /** The released refs whose action.yaml was read, each with the npm publish line it runs. */
  refs: Readonly<Record<string, (tag: string) => string>>;
  /** The input that names the dist-tag, and its default. */
  tagInput?: { name: string; default: string };
  tokenInput: string;
  /** The input that names the folder the action publishes from (default `.`). */
  directoryInput: string;
}

/**
 * cucumber/action-publish-npm (tags v1.0.0, v1.1.0, v1.1.1): writes
 * `//registry.npmjs.org/:_authToken=${NPM_TOKEN}` (NPM_TOKEN from `npm-token`) to .npmrc in
 * `working-directory`, runs `npm publish --access public` there (from v1.1.0 with
 * `--tag ${{ inputs.npm-tag }}`, default latest), then removes the .npmrc.
 */
const PUBLISHERS: readonly CompositePublisher[] = [
  {
    name: 'cucumber/action-publish-npm',
    refs: {
      'v1.0.0': () => 'npm publish --access public',
      'v1.1.0': (tag) => `npm publish --access public --tag ${tag}`,
      'v1.1.1': (tag) => `npm publish --access public --tag ${tag}`,
    },
    tagInput: { name: 'npm-tag', default: 'latest' },
    tokenInput: 'npm-token',
    directoryInput: 'working-directory',
  },
];

/** A dist-tag written out in the workflow (an expression is not inlined into a shell line). */
const LITERAL_TAG = /^[A-Za-z0-9][\w.-]*$/;

/** Each step of the job that runs a listed composite publisher becomes its `npm publish` line; returns the secrets it was handed. */
export function inlineCompositePublishers(doc: Document, job: JobView, notes: string[]): string[] {
  const secrets: string[] = [];
  for (const step of job.steps) {
    const uses = textOf(step, 'uses') ?? '';
    const at = uses.indexOf('@');
    const publisher = PUBLISHERS.find((p) => p.name === uses.slice(0, at).toLowerCase());
    const command = publisher?.refs[uses.slice(at + 1)];
    if (!publisher || !command || at < 0) continue;
    const withMap = mapOf(step, 'with');
    const tag = publisher.tagInput ? (textOf(withMap, publisher.tagInput.name) ?? publisher.tagInput.default) : '';
    if (publisher.tagInput && !LITERAL_TAG.test(tag)) continue;
    const known = new Set([publisher.tokenInput, publisher.directoryInput, ...(publisher.tagInput ? [publisher.tagInput.name] : [])]);
    // An input the action does not read would be lost silently: leave such a step to the refusal.
    if ((withMap?.items ?? []).some((item) => !isScalar(item.key) || !known.has(String(item.key.value)))) continue;
    const secret = secretName(textOf(withMap, publisher.tokenInput) ?? '');
    if (secret) secrets.push(secret);
    const directory = textOf(withMap, publisher.directoryInput);
    const index = step.items.findIndex((item) => isScalar(item.key) && item.key.value === 'uses');
    const replacement = [doc.createPair('run', command(tag))];
    if (directory !== undefined && directory !== '.' && directory !== './') replacement.push(doc.createPair('working-directory', directory));
    step.items.splice(index, 1, ...replacement);
    step.items = step.items.filter((item) => !(isScalar(item.key) && item.key.value === 'with'));
    notes.push(`job "${job.id}": ${uses} became its own publish command \`${command(tag)}\`, without the token it wrote to .npmrc${secret ? ` (secrets.${secret})` : ''}`);
  }
  return secrets;
}
