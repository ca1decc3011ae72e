// What a package.json declares, read the one way: the range it asks for one package.

/** The range package.json asks for `name` (devDependencies first, then dependencies); undefined when it names none. */
export function declaredRange(manifest: unknown, name: string): string | undefined {
  const pkg = typeof manifest === 'object' && manifest !== null ? (manifest as Record<string, unknown>) : {};
  for (const field of ['devDependencies', 'dependencies']) {
    const deps = pkg[field];
    if (typeof deps !== 'object' || deps === null || Array.isArray(deps)) continue;
    const range = (deps as Record<string, unknown>)[name];
    if (typeof range === 'string') return range;
  }
  return undefined;
}

/** The package.json a migration reads (`readFile('package.json')`), parsed; {} when absent or not JSON. */
export function readManifest(readFile: ((path: string) => string | undefined) | undefined, path = 'package.json'): unknown {
  try {
    return JSON.parse(readFile?.(path) ?? '{}') as unknown;
  } catch {
    return {};
  }
}
