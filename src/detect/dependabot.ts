// The Dependabot configuration, so the plan can add the github-actions entry that keeps
// the pinned action SHAs fresh (workflow rule 1) without touching the rest.
import { join } from 'node:path';
import { readText } from './read.js';

export function readDependabot(top: string): { path: string; content: string } | undefined {
  for (const path of ['.github/dependabot.yml', '.github/dependabot.yaml']) {
    const content = readText(join(top, ...path.split('/')));
    if (content !== undefined) return { path, content };
  }
  return undefined;
}
