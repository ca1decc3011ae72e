// release-it checks npm before it publishes (`npm whoami`, then the collaborator check), which
// fails once the token is gone: with trusted publishing its npm plugin needs `skipChecks: true`
// (the npm CLI then does the OIDC exchange at publish time). Set where the configuration is JSON
// (.release-it.json, or the "release-it" key of package.json) and one added line or key gives
// back the file as written otherwise; else named for the user. Each folder release-it runs in
// has its own configuration: the top one, and each workspace a script runs it in.
type ReadFile = ((path: string) => string | undefined) | undefined;

const OTHER_CONFIGS = ['.release-it.js', '.release-it.cjs', '.release-it.mjs', '.release-it.ts', '.release-it.yaml', '.release-it.yml', '.release-it.toml', '.release-it.json5'];
const SKIP = '"skipChecks": true';

type Json = Record<string, unknown>;

/** The configuration object in a parsed file: the whole of .release-it.json, or package.json's "release-it". */
const configIn = (doc: Json, key: string | undefined): Json | undefined => {
  const config = key === undefined ? doc : doc[key];
  return typeof config === 'object' && config !== null && !Array.isArray(config) ? (config as Json) : undefined;
};

/** The file as JSON text without npm.skipChecks in its configuration (key order kept). */
function withoutSkipChecks(doc: Json, key: string | undefined): string {
  const config = configIn(doc, key) ?? {};
  const { npm: before, ...rest } = config;
  const npm = { ...((before as Json | undefined) ?? {}) };
  delete npm['skipChecks'];
  // "npm" last: where the added key sits does not change what release-it reads.
  const next = { ...rest, npm };
  return JSON.stringify(key === undefined ? next : { ...doc, [key]: next });
}

/** `text` is the file with npm.skipChecks true in its configuration and nothing else changed. */
function onlySkipChecksAdded(text: string, doc: Json, key: string | undefined): boolean {
  try {
    const edited = JSON.parse(text) as Json;
    return (configIn(edited, key)?.['npm'] as Json | undefined)?.['skipChecks'] === true && withoutSkipChecks(edited, key) === withoutSkipChecks(doc, key);
  } catch {
    return false;
  }
}

/** The file with "skipChecks": true added, found by small edits of the text, each checked by parsing; undefined when none fits. */
function withSkipChecks(text: string, doc: Json, key: string | undefined): string | undefined {
  const start = key === undefined ? text.indexOf('{') : text.search(new RegExp(`"${key}"\\s*:\\s*\\{`));
  if (start < 0) return undefined;
  const [head, tail] = [text.slice(0, start), text.slice(start)];
  const candidates = [
    // A line of its own inside an existing "npm": { block, in the indentation of the line after it.
    tail.replace(/("npm"\s*:\s*\{)(\r?\n)([ \t]+)(?=")/, (_m, open: string, eol: string, indent: string) => `${open}${eol}${indent}${SKIP},${eol}${indent}`),
    // Inside a one-line "npm": { ... } or an empty one.
    tail.replace(/("npm"\s*:\s*\{)[ \t]*(\}|(?="))/, (_m, open: string, close: string) => (close === '}' ? `${open} ${SKIP} }` : `${open} ${SKIP}, `)),
    // No "npm" key: a line of its own as the configuration's first key.
    tail.replace(/^((?:"[^"]*"\s*:\s*)?\{)(\r?\n)([ \t]+)(?=")/, (_m, open: string, eol: string, indent: string) => `${open}${eol}${indent}"npm": { ${SKIP} },${eol}${indent}`),
  ].map((edited) => head + edited);
  if (key === undefined) {
    // Or the whole file printed again, when that gives back the file as written.
    const indent = /^\{\r?\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
    const newline = text.endsWith('\n') ? '\n' : '';
    const npm = (configIn(doc, key)?.['npm'] as Json | undefined) ?? {};
    if (JSON.stringify(doc, null, indent) + newline === text) candidates.splice(1, 0, JSON.stringify({ ...doc, npm: { ...npm, skipChecks: true } }, null, indent) + newline);
  }
  return candidates.find((candidate) => candidate !== text && onlySkipChecksAdded(candidate, doc, key));
}

const skipsChecks = (doc: Json, key: string | undefined) => (configIn(doc, key)?.['npm'] as Json | undefined)?.['skipChecks'] === true;

/**
 * The edit of the release-it configuration in `dir` ('' is the top), or the line for "Left for
 * you"; nothing when skipChecks is already set.
 */
export function releaseItSkipChecks(jobId: string, readFile: ReadFile, dir = ''): { edit?: { path: string; before: string; after: string }; left?: string } {
  const at = (file: string) => (dir ? `${dir}/${file}` : file);
  const why = `job "${jobId}": release-it checks the npm token (npm whoami) before it publishes, which fails without one:`;
  const json = (path: string, key: string | undefined): { edit?: { path: string; before: string; after: string }; left?: string } | undefined => {
    const text = readFile?.(path);
    if (text === undefined) return undefined;
    let doc: Json;
    try {
      doc = JSON.parse(text) as Json;
    } catch {
      return { left: `${why} ${path} could not be read, so set "npm": { "skipChecks": true } in it yourself.` };
    }
    if (key !== undefined && !configIn(doc, key)) return undefined;
    if (skipsChecks(doc, key)) return {};
    const after = withSkipChecks(text, doc, key);
    if (after === undefined) return { left: key === undefined ? `${why} set "npm": { "skipChecks": true } in ${path}.` : `${why} set npm.skipChecks to true in the "${key}" key of ${path}.` };
    return { edit: { path, before: text, after } };
  };
  const own = json(at('.release-it.json'), undefined);
  if (own) return own;
  const other = OTHER_CONFIGS.map(at).find((path) => readFile?.(path) !== undefined);
  if (!other) {
    const inPackage = json(at('package.json'), 'release-it');
    if (inPackage) return inPackage;
  }
  return { left: `${why} set npm.skipChecks to true in ${other ?? `a ${at('.release-it.json')}`}.` };
}

/** Script names a line runs in every npm workspace: `npm run <name> --workspaces` (or -ws), `npm -ws run <name>`. */
function runAcrossWorkspaces(text: string): string[] {
  const names: string[] = [];
  for (const line of text.split('\n')) {
    for (const command of line.split(/&&|\|\||;/)) {
      if (!/\bnpm\b/.test(command) || !/(?:^|\s)(?:--workspaces|-ws)(?=\s|$)/.test(command)) continue;
      const name = /\bnpm\s+(?:(?:--workspaces|-ws|--if-present)\s+)*run(?:-script)?\s+([\w:.-]+)/.exec(command)?.[1];
      if (name) names.push(name);
    }
  }
  return names;
}

/** The workspace folders where what a job runs (`text`, package.json scripts included) starts release-it. */
export function releaseItWorkspaces(text: string, readFile: ReadFile, workspaces: Readonly<Record<string, string>> | undefined): string[] {
  const names = runAcrossWorkspaces(text);
  if (names.length === 0 || !readFile) return [];
  return [...new Set(Object.values(workspaces ?? {}))].filter((dir) => {
    try {
      const scripts = ((JSON.parse(readFile(`${dir}/package.json`) ?? '{}') as Json)['scripts'] ?? {}) as Record<string, unknown>;
      return names.some((name) => typeof scripts[name] === 'string' && /\brelease-it\b/.test(scripts[name] as string));
    } catch {
      return false;
    }
  });
}
