// Secret-looking values hidden before anything is printed: diffs, messages, JSON. The product
// never reads a token on purpose, but a repository can hold one in a file it shows (a workflow
// with a literal token, a package.json "repository" URL with credentials, an .npmrc line).
// Prefixes stay, so the user still sees what kind of value it was and where.

const HIDDEN = '***';

/**
 * Token formats with a fixed prefix (npm, GitHub, GitLab, AWS access keys, Slack). After a dot it is
 * a name, not a value (`steps.npm_version.outputs`, `secrets.npm_password`).
 */
const PREFIXED = /(?<![\w.])(npm_|gh[pousr]_|github_pat_|glpat-|gldt-|xox[abprs]-)[A-Za-z0-9_-]{8,}|\b(AKIA)[0-9A-Z]{16}\b/g;

/** `scheme://user:password@host`: the password (any value, it is a credential by position). */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^/\s:@'"`]*):([^@/\s'"`]+)@/gi;

/** `scheme://token@host` where the user part is long and not a plain ssh user. */
const URL_USER_TOKEN = /\b([a-z][a-z0-9+.-]*:\/\/)([A-Za-z0-9_-]{20,})@/gi;

/** `.npmrc`-style `_authToken=`, `_auth=`, `_password=` values (a `${VAR}` reference stays). */
const NPMRC_VALUE = /((?:^|[\s:'"])(?:_authToken|_auth|_password)\s*[=:]\s*['"]?)(?!\$\{)([^\s'"]+)/g;

/**
 * A literal value given to a secret-named key: `NODE_AUTH_TOKEN: abc…`, `NPM_PASSWORD=abc…`, an action
 * input `token: abc…`, on the key's line. References (`${{ secrets.X }}`, `$VAR`, `${VAR}`) are not values and stay;
 * a key whose value is a block below it (`NPM_TOKEN:` then `description: …`) has none here.
 */
const NAMED_SECRET = /(\b[A-Z0-9_]*(?:TOKEN|SECRET|PASSWORD|PASSWD|API_KEY)[A-Z0-9_]*[ \t]*[:=][ \t]*['"]?|(?:^|[\s{,])(?:token|password|secret|api[-_]key)[ \t]*:[ \t]*['"]?)(?!\$|[^\s'"#,}]*\*\*\*)([^\s'"#,}]{6,})/gm;

/** `Authorization: Bearer <value>` / `token <value>` headers. */
const BEARER = /\b((?:Bearer|Basic)\s+)([A-Za-z0-9._~+/=-]{16,})/g;

/**
 * Text that each pattern above needs somewhere in what it matches: without any of it, none can
 * match. One quick search then spares most output the six replacements (each compiled on its
 * first use, on every run). test/text/mask.test.ts checks it against maskAll on generated text.
 */
const MAYBE_SECRET = /npm_|gh[pousr]_|github_pat_|glpat-|gldt-|xox[abprs]-|AKIA|:\/\/[^/\s@]*@|_auth|_password|TOKEN|SECRET|PASSW|API_KEY|(?:token|password|secret|api[-_]key)\s*:|Bearer|Basic/;

/** `text` with every secret-looking value replaced by its prefix and `***`. */
export function maskSecrets(text: string): string {
  return MAYBE_SECRET.test(text) ? maskAll(text) : text;
}

/** The six replacements, without the quick check (maskSecrets is this wherever it can change anything). */
export function maskAll(text: string): string {
  return text
    .replace(PREFIXED, (_m, prefix: string | undefined, aws: string | undefined) => `${prefix ?? aws}${HIDDEN}`)
    .replace(URL_PASSWORD, (_m, head: string) => `${head}:${HIDDEN}@`)
    .replace(URL_USER_TOKEN, (_m, scheme: string) => `${scheme}${HIDDEN}@`)
    .replace(NPMRC_VALUE, (_m, head: string) => `${head}${HIDDEN}`)
    .replace(NAMED_SECRET, (_m, head: string) => `${head}${HIDDEN}`)
    .replace(BEARER, (_m, head: string) => `${head}${HIDDEN}`);
}
