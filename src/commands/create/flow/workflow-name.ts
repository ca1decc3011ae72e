// Shared by both front-ends: a name for the new workflow when the user keeps their own file.

/** A workflow file name not taken yet in .github/workflows. */
export function freeWorkflowName(existing: readonly string[]): string {
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  for (const name of ['npm-publish.yml', 'publish-npm.yml']) if (!taken.has(name)) return name;
  for (let n = 2; ; n++) if (!taken.has(`npm-publish-${n}.yml`)) return `npm-publish-${n}.yml`;
}
