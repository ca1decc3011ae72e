// What `retire` works on, from what detect found (pure): the packages to lock down, the CI
// secrets that fed npm tokens, and the token lines left for the user to remove by hand.
import type { Detected, TokenUse } from '../core/model.js';
import { publishedPackages } from '../doctor/index.js';
import { tokenSecrets } from '../plan/checklist.js';
import { publishLines, secretUses, type SecretUse } from '../audit/secret-uses.js';

export interface SecretTarget {
  name: string;
  /** Places that read the secret and do not publish: deleting it would break them. */
  otherUses: SecretUse[];
}

/** A token use left for the user to remove by hand. */
export interface Leftover extends TokenUse {
  /** `publish`: hands a token to a publish; `install`: a step that does not publish; `npmrc`: an .npmrc line. */
  kind: 'publish' | 'install' | 'npmrc';
}

export interface RetireTargets {
  packages: string[];
  /** `owner/name` on GitHub, from --repo or the git remote. */
  repo?: string;
  secrets: SecretTarget[];
  leftovers: Leftover[];
}

export function retireTargets(d: Detected, repoFlag?: string): RetireTargets {
  const tokenUses = d.workflows.flatMap((w) => w.tokenUses);
  const names = tokenSecrets(tokenUses);
  const uses = secretUses(d.workflows, names);
  const publishes = publishLines(d.workflows);
  const repo = repoFlag ?? (d.git.github ? `${d.git.github.owner}/${d.git.github.name}` : undefined);
  return {
    packages: publishedPackages(d).map((p) => p.name!),
    ...(repo ? { repo } : {}),
    secrets: names.map((name) => ({ name, otherUses: uses.filter((u) => u.secret === name && !u.publishes) })),
    leftovers: [
      ...tokenUses.map((u): Leftover => ({ file: u.file, line: u.line, what: u.what, ...(u.secret ? { secret: u.secret } : {}), kind: publishes(u.file, u.line) ? 'publish' : 'install' })),
      ...d.npmrcTokens.filter((u) => u.what === '_authToken').map((u): Leftover => ({ file: u.file, line: u.line, what: u.what, kind: 'npmrc' })),
    ],
  };
}
