// release-it checks npm before it publishes (`npm whoami`, then the collaborator check), which
// fails once the token is gone: with trusted publishing its npm plugin needs `skipChecks: true`
// (the npm CLI then does the OIDC exchange at publish time). Set in .release-it.json when that
// file holds the configuration and prints back as written; otherwise named for the user.
type ReadFile = ((path: string) => string | undefined) | undefined;

const OTHER_CONFIGS = ['.release-it.js', '.release-it.cjs', '.release-it.mjs', '.release-it.ts', '.release-it.yaml', '.release-it.yml', '.release-it.toml', '.release-it.json5'];

/** The configuration without npm.skipChecks, as JSON text (key order kept). */
function withoutSkipChecks(config: Record<string, unknown>): string {
  const npm = { ...(config['npm'] as Record<string, unknown>) };
  delete npm['skipChecks'];
  return JSON.stringify({ ...config, npm });
}

/** `text` is the configuration with npm.skipChecks true and nothing else changed. */
function onlySkipChecksAdded(text: string, config: Record<string, unknown>): boolean {
  try {
    const edited = JSON.parse(text) as Record<string, unknown>;
    return (edited['npm'] as Record<string, unknown> | undefined)?.['skipChecks'] === true && withoutSkipChecks(edited) === withoutSkipChecks({ ...config, npm: config['npm'] ?? {} });
  } catch {
    return false;
  }
}

/** The edit of .release-it.json, or the line for "Left for you"; nothing when skipChecks is already set. */
export function releaseItSkipChecks(jobId: string, readFile: ReadFile): { edit?: { path: string; before: string; after: string }; left?: string } {
  const why = `job "${jobId}": release-it checks the npm token (npm whoami) before it publishes, which fails without one:`;
  const text = readFile?.('.release-it.json');
  if (text !== undefined) {
    let config: { npm?: unknown };
    try {
      config = JSON.parse(text) as { npm?: unknown };
    } catch {
      return { left: `${why} .release-it.json could not be read, so set "npm": { "skipChecks": true } in it yourself.` };
    }
    const npm = (typeof config.npm === 'object' && config.npm !== null ? config.npm : {}) as Record<string, unknown>;
    if (npm['skipChecks'] === true) return {};
    // One line inside an existing "npm": { block, in the indentation of the line after it.
    const inserted = text.replace(/("npm"\s*:\s*\{)(\r?\n)([ \t]+)(?=")/, (_m, open: string, eol: string, indent: string) => `${open}${eol}${indent}"skipChecks": true,${eol}${indent}`);
    // Or the whole file printed again, when that gives back the file as written.
    const indent = /^\{\r?\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
    const newline = text.endsWith('\n') ? '\n' : '';
    const reprinted = JSON.stringify(config, null, indent) + newline === text ? JSON.stringify({ ...config, npm: { ...npm, skipChecks: true } }, null, indent) + newline : undefined;
    const after = [inserted, reprinted].find((candidate) => candidate !== undefined && candidate !== text && onlySkipChecksAdded(candidate, config as Record<string, unknown>));
    if (after === undefined) return { left: `${why} set "npm": { "skipChecks": true } in .release-it.json.` };
    return { edit: { path: '.release-it.json', before: text, after } };
  }
  const pkg = readFile?.('package.json');
  const inPackage = pkg !== undefined && /"release-it"\s*:\s*\{/.test(pkg);
  const other = OTHER_CONFIGS.find((path) => readFile?.(path) !== undefined);
  const where = other ?? (inPackage ? 'the "release-it" key of package.json' : 'a .release-it.json');
  return { left: `${why} set npm.skipChecks to true in ${where}.` };
}
