// `bun run publish` (or `npm run release`, `bun release`...) where the package.json script it reaches
// runs `bun publish`: bun has no OIDC exchange, so the publish fails once the token is gone, as a
// `bun publish` on the workflow's own line does. Read by doctor (bun-publish) and by migrate (a refusal).
import { chainedScripts, type ReachedScript } from './script-chains.js';
import { shellCode } from './script-files.js';

type ReadFile = (path: string) => string | undefined;

const BUN_PUBLISH = /\bbun\s+publish\b(?![:\w-])/;
const publishesWithBun = (text: string) => text.split('\n').some((line) => BUN_PUBLISH.test(shellCode(line)) && !/--dry-run\b/.test(line));

/** The package.json scripts (strings only) of a folder ('' is the repository root). */
function scriptsOf(dir: string, readFile: ReadFile | undefined): Record<string, string> {
  const text = readFile?.(dir ? `${dir.replace(/^\.\/|\/+$/g, '')}/package.json` : 'package.json');
  if (text === undefined) return {};
  try {
    const raw = (JSON.parse(text) as { scripts?: unknown } | null)?.scripts;
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return {};
    return Object.fromEntries(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}

/** The first script a line of a step reaches (through the scripts it runs) that runs `bun publish`. */
export function bunPublishScript(line: string, dir: string, readFile: ReadFile | undefined): ReachedScript | undefined {
  if (publishesWithBun(line)) return undefined;
  return chainedScripts(line, scriptsOf(dir, readFile)).find((script) => publishesWithBun(script.text));
}
