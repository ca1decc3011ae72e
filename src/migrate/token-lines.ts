// The lines of a shell script that write an npm token or only check one (`npm whoami`, with the
// guard blocks that stop the script when it fails): they go from `run:` blocks, repository
// scripts and local actions alike once trusted publishing replaces the token.

/** A line that writes an npm token, or only checks one. */
export const TOKEN_WRITE = /_authToken|\bnpm\s+config\s+set\s+_auth\b/;
export const TOKEN_CHECK_LINE = /^\s*npm\s+whoami\b[^;&|]*(?:\|\|\s*(?:true|:))?\s*$/;

/** `npm whoami && ` or `npm whoami; ` in front of what the line goes on to run (it never ran without a token). */
const WHOAMI_FIRST = /^(\s*)npm\s+whoami\b[^;&|]*(?:&&|;)\s*(?=\S)/;
export const withoutWhoamiFirst = (line: string): string => line.replace(WHOAMI_FIRST, '$1');

/** `npm whoami` in a script of another language: `npm whoami`, or `'npm', ['whoami'`. */
export const CHECKS_TOKEN = /\bnpm['"]?\s*(?:,\s*\[\s*)?['"]?whoami\b/;

/** `if ! npm whoami …; then` or `if ! WHO=$(npm whoami …); then`, alone on its line: group 1 the variable. */
const WHOAMI_GUARD = /^\s*if\s+!\s+(?:([A-Za-z_]\w*)=\$\(\s*npm\s+whoami\b[^)]*\)|npm\s+whoami\b[^;]*?)\s*;\s*then\s*$/;
/** What such a guard does: say why, and stop. */
const SAY_OR_STOP = /^\s*(?:(?:echo|printf)\b.*|exit\s+[1-9]\d*)\s*$/;

/**
 * Without the blocks that stop the script when `npm whoami` fails (it always does without a
 * token: trusted publishing has no login), and the lines that only print the name it found.
 */
function withoutWhoamiGuards(lines: string[]): string[] {
  const kept: string[] = [];
  const names: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = WHOAMI_GUARD.exec(lines[i]!);
    const end = m ? lines.findIndex((line, j) => j > i && /^\s*fi\s*$/.test(line)) : -1;
    const body = end > i ? lines.slice(i + 1, end) : [];
    if (m && body.length > 0 && body.every((line) => SAY_OR_STOP.test(line)) && body.some((line) => /^\s*exit\b/.test(line))) {
      if (m[1]) names.push(m[1]);
      i = end;
      continue;
    }
    kept.push(lines[i]!);
  }
  // `echo "Logged in to npm as $WHOAMI"`: it only printed what the check found.
  const prints = (line: string) => names.some((name) => new RegExp(`^\\s*(?:echo|printf)\\b.*\\$\\{?${name}\\b`).test(line));
  return kept.filter((line) => !prints(line));
}

/** The script with those lines removed, or undefined when nothing changes. */
export function withoutTokenLines(text: string): string | undefined {
  const lines = text.split('\n').map(withoutWhoamiFirst);
  const after = withoutWhoamiGuards(lines.filter((line) => !TOKEN_WRITE.test(line) && !TOKEN_CHECK_LINE.test(line))).join('\n');
  return after === text ? undefined : after;
}

/** `rm .npmrc` (no -f): it removed the file a token line wrote, and fails once that line is gone. */
const RM_CONFIG = /^(\s*rm)((?:\s+-[a-eg-zA-Z]+)*\s+[^\s;&|]*(?:\.npmrc|\.yarnrc\.yml)\s*)$/;

/** The script with such `rm` lines made `rm -f` (harmless when the file is not there), or undefined. */
export function forcedConfigRm(text: string): string | undefined {
  const out = text.split('\n').map((line) => line.replace(RM_CONFIG, '$1 -f$2'));
  return out.join('\n') === text ? undefined : out.join('\n');
}

/** `echo '  key:' >> .yarnrc.yml`: group 2 the text echoed into a Yarn config file. */
const YARNRC_ECHO = /^\s*(?:echo|printf)\s+(?:-e\s+)?(['"]?)(.*)\1\s*>>?\s*\S*\.yarnrc\.yml\b/;
const KEY_ONLY = /^\s*(?:"[^"]*"|'[^']*'|[^\s:'"]+):\s*$/;
const depth = (text: string) => /^\s*/.exec(text)![0].length;

/**
 * The `npmRegistries:` / `npmScopes:` header lines echoed just above a dropped `npmAuthToken`
 * line that hold nothing else once it goes (an empty entry is no valid Yarn setting).
 */
export function emptiedYarnrcHeaders(lines: readonly string[], dropped: (line: string) => boolean): Set<string> {
  const headers = new Set<string>();
  lines.forEach((line, i) => {
    const token = dropped(line) ? YARNRC_ECHO.exec(line) : null;
    if (!token) return;
    let indent = depth(token[2]!);
    const next = YARNRC_ECHO.exec(lines[i + 1] ?? '');
    for (let j = i - 1; j >= 0; j--) {
      const header = YARNRC_ECHO.exec(lines[j]!);
      if (!header || !KEY_ONLY.test(header[2]!) || depth(header[2]!) >= indent) break;
      // A sibling below (npmAlwaysAuth, npmRegistryServer) keeps the header.
      if (next && !dropped(lines[i + 1]!) && depth(next[2]!) > depth(header[2]!)) break;
      headers.add(lines[j]!);
      indent = depth(header[2]!);
    }
  });
  return headers;
}
