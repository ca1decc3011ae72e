// The Dependabot configuration, so the plan can add the github-actions entry that keeps
// the pinned action SHAs fresh (workflow rule 1) without touching the rest.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export async function readDependabot(top: string): Promise<{ path: string; content: string } | undefined> {
  for (const path of ['.github/dependabot.yml', '.github/dependabot.yaml']) {
    try {
      return { path, content: await readFile(join(top, ...path.split('/')), 'utf8') };
    } catch {
      // not this one
    }
  }
  return undefined;
}
