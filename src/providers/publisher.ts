// The shape of a trusted publisher for GitLab and CircleCI. Kept here (not in model.ts, which only
// knows GitHub Actions) until the planner grows a provider choice.
import type { PublisherField } from '../model.js';

export interface ProviderPublisher {
  packageName: string;
  /** The npmjs.com page where the trusted publisher is added. */
  url: string;
  provider: 'GitLab CI/CD' | 'CircleCI';
  fields: PublisherField[];
  allow: 'npm publish';
  /** The equivalent `npm trust` command line, or null when npm's CLI cannot express it. */
  trustCommand: string | null;
}

export function accessUrl(packageName: string): string {
  // Scoped names stay literal in the path: /package/@scope/name/access.
  return `https://www.npmjs.com/package/${packageName}/access`;
}
