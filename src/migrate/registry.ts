// Where a publishing job publishes. Trusted publishing exists only on registry.npmjs.org: a job
// that publishes only to another registry (GitHub Packages, a private one) is out of scope, and
// a proxy in front of npmjs.com (Wombat Dressing Room) is switched only with consent.
import type { YAMLMap } from 'yaml';
import { mapOf, textOf } from './nodes.js';
import type { JobView } from './jobs.js';

export const NPMJS = /^(?:https?:\/\/)?registry\.npmjs\.org\/?$/i;

/** Proxies that forward publishes to npmjs.com with a token of their own. */
const PROXIES = [/^https?:\/\/(?:[\w-]+-dot-)?(?:wombat-dressing-room|oss-automation)\.appspot\.com\/?/i, /^https?:\/\/wombat-dressing-room\./i];

export const isProxy = (url: string) => PROXIES.some((re) => re.test(url.trim()));

const isSetupNode = (step: YAMLMap) => /^actions\/setup-node@/i.test(textOf(step, 'uses') ?? '');

/** The registry each publish step of the job sends to: the `--registry` flag, else the last setup-node before it. */
export function publishRegistries(job: JobView): string[] {
  const out: string[] = [];
  let current: string | undefined;
  for (const step of job.steps) {
    if (isSetupNode(step)) current = textOf(mapOf(step, 'with'), 'registry-url') ?? current;
    if (!job.publishing.has(step)) continue;
    const flag = /--registry[=\s]+["']?(\S+?)["']?(?:\s|$)/.exec(textOf(step, 'run') ?? '')?.[1];
    const action = textOf(mapOf(step, 'with'), 'registry');
    out.push(flag ?? action ?? current ?? 'https://registry.npmjs.org');
  }
  return out;
}

/** True when every publish of the job goes to a registry that is neither npmjs.com nor a proxy for it. */
export function publishesElsewhereOnly(job: JobView): boolean {
  const registries = publishRegistries(job);
  return registries.length > 0 && registries.every((url) => !NPMJS.test(url.trim()) && !isProxy(url));
}
