// GitHub Actions workflows: does each publish, and where does it hand npm a token?
// A line scanner, not a YAML parser: it runs before the first prompt and must stay cheap.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readText } from './read.js';
import type { Finding, TokenUse, WorkflowFile } from '../model.js';

export const WORKFLOWS_DIR = '.github/workflows';
const TOKEN_KEYS = new Set(['NODE_AUTH_TOKEN', 'NPM_TOKEN']);
const ENV_PARENTS = new Set(['env', 'secrets']);

const PUBLISH_COMMANDS = [
  /\bnpm\s+(?:stage\s+)?publish\b/,
  /\bpnpm\s+(?:(?:-r|--recursive|-F\s+\S+|--filter(?:=|\s+)\S+)\s+)*publish\b/,
  /\byarn\s+(?:npm\s+)?publish\b/,
  /\bbun\s+publish\b/,
  /\bsemantic-release\b/,
  /\bchangeset\s+publish\b/,
  /\blerna\s+publish\b/,
];
const PUBLISH_ACTIONS = /^['"]?(?:changesets\/action|js-devtools\/npm-publish)(?:@|['"]?$)/i;

const KEY_LINE = /^(\s*)(-\s+)?(['"]?)([\w.\-/]+)\3\s*:(?:\s+(.*?))?\s*$/;

/** Does one line of shell run a publish? (`--dry-run` does not count; shell comments are ignored.) */
export function runsPublish(command: string): boolean {
  const text = command.replace(/(^|\s)#.*$/, '');
  if (/--dry-run\b/.test(text)) return false;
  return PUBLISH_COMMANDS.some((re) => re.test(text));
}

/** The NAME in `${{ secrets.NAME }}` (first one in the value), if any. */
export function secretName(value: string): string | undefined {
  const m = /\$\{\{[^}]*?\bsecrets(?:\.([A-Za-z_][\w-]*)|\[\s*['"]([^'"]+)['"]\s*\])/.exec(value);
  return m ? (m[1] ?? m[2]) : undefined;
}

const stripComment = (value: string) => value.replace(/\s+#.*$/, '').trim();

function tokenUse(file: string, line: number, what: string, value: string): TokenUse {
  const secret = secretName(value);
  return secret ? { file, line, what, secret } : { file, line, what };
}

/** Scan a workflow's text. `file` is its path relative to the repository root. */
export function scanWorkflow(file: string, content: string): { publishes: boolean; tokenUses: TokenUse[] } {
  const lines = content.split(/\r?\n/);
  const tokenUses: TokenUse[] = [];
  const stack: Array<{ col: number; key: string }> = [];
  let publishes = false;
  // Lines more indented than `col` after `key: value` or `key: |` belong to that scalar.
  let scalar: { col: number; run: boolean } | undefined;

  lines.forEach((line, index) => {
    const lineNo = index + 1;
    const trimmed = line.trim();
    if (scalar) {
      if (!trimmed) return;
      const indent = line.length - line.trimStart().length;
      if (indent > scalar.col) {
        if (scalar.run && runsPublish(trimmed)) publishes = true;
        return;
      }
      scalar = undefined;
    }
    if (!trimmed || trimmed.startsWith('#')) return;
    const m = KEY_LINE.exec(line);
    if (!m) return;
    const col = m[1]!.length + (m[2]?.length ?? 0);
    const key = m[4]!;
    const value = stripComment(m[5] ?? '');
    while (stack.length && stack[stack.length - 1]!.col >= col) stack.pop();
    const parent = stack[stack.length - 1]?.key;
    stack.push({ col, key });
    if (!value) return;
    scalar = { col, run: key === 'run' };

    if (/^[|>][-+0-9]*$/.test(value)) return;
    if (key === 'run' && runsPublish(value)) publishes = true;
    if (key === 'uses' && PUBLISH_ACTIONS.test(value)) publishes = true;
    if (TOKEN_KEYS.has(key) && parent && ENV_PARENTS.has(parent)) tokenUses.push(tokenUse(file, lineNo, key, value));
    if (key === 'always-auth' && /^['"]?true['"]?$/i.test(value)) tokenUses.push({ file, line: lineNo, what: 'always-auth' });
    if (ENV_PARENTS.has(key) && value.startsWith('{')) {
      // Flow style: env: { NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }} }
      for (const f of value.matchAll(/\b(NODE_AUTH_TOKEN|NPM_TOKEN)\s*:\s*((?:\$\{\{[^}]*\}\}|[^,}])*)/g)) {
        tokenUses.push(tokenUse(file, lineNo, f[1]!, f[2]!));
      }
    }
  });
  return { publishes, tokenUses };
}

/** Every `*.yml` / `*.yaml` in `<top>/.github/workflows`, sorted by file name. */
export function readWorkflows(top: string): WorkflowFile[] {
  const dir = join(top, WORKFLOWS_DIR);
  let names: string[];
  try {
    const entries = readdirSync(dir, { withFileTypes: true });
    names = entries.filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name)).map((e) => e.name).sort();
  } catch {
    return [];
  }
  const files: WorkflowFile[] = [];
  for (const fileName of names) {
    const content = readText(join(dir, fileName));
    if (content === undefined) continue;
    const path = `${WORKFLOWS_DIR}/${fileName}`;
    files.push({ path, fileName, content, ...scanWorkflow(path, content) });
  }
  return files;
}

export function workflowFindings(workflows: WorkflowFile[]): Finding[] {
  const findings: Finding[] = [];
  for (const wf of workflows) {
    for (const use of wf.tokenUses) {
      if (!TOKEN_KEYS.has(use.what)) continue;
      const source = use.secret ? ` from secrets.${use.secret}` : '';
      findings.push({
        id: 'token-env',
        level: 'warning',
        message:
          `${use.file}:${use.line} sets ${use.what}${source}. Trusted publishing needs no token, and a leftover ` +
          'one hides OIDC failures (keep it only if it is a read-only token for installing private dependencies).',
        file: use.file,
        line: use.line,
        fix: `Remove ${use.what} from the publish step once trusted publishing works.`,
      });
    }
  }
  return findings;
}
