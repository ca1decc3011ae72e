// `beachball publish -n <token>` hands beachball the npm token on its command line, and beachball
// passes it on to `npm publish`. Without it beachball runs `npm publish` with npm's own settings,
// and npm 11.5.1+ does the OIDC exchange. The token argument goes; nothing else on the line changes.
import { isScalar } from 'yaml';
import { isNpmSecret, secretNames } from '../audit/token-forms.js';
import { commandWithArgs } from './command-args.js';
import { publishSteps, type JobView } from './jobs.js';
import { nodeOf } from './nodes.js';

/** `beachball publish` (or `beachball.js publish`) and its arguments, up to the end of that command. */
const BEACHBALL_PUBLISH = commandWithArgs(String.raw`\bbeachball(?:\.js)?\s+publish\b`, 'g');
/** A token flag beachball reads and its value: a `${{ }}` expression (spaces and all), a quoted word or a bare one. */
const TOKEN_ARG = /\s+(?:-n|--token)(?:=|\s+)(\$\{\{[^}]*\}\}|"[^"]*"|'[^']*'|\S+)/g;

/** The arguments without a token flag whose value reads an npm secret; the secrets it read. */
function withoutToken(args: string): { args: string; secrets: string[] } {
  const secrets: string[] = [];
  const kept = args.replace(TOKEN_ARG, (whole: string, value: string) => {
    const names = secretNames(value);
    if (!names.some(isNpmSecret)) return whole;
    secrets.push(...names);
    return '';
  });
  return { args: kept, secrets };
}

/** Drops the npm token argument of each `beachball publish` the job's publish steps run; returns the secrets it read. */
export function beachballToken(job: JobView, notes: string[]): string[] {
  const secrets: string[] = [];
  for (const step of publishSteps(job)) {
    const node = nodeOf(step, 'run');
    if (!isScalar(node) || typeof node.value !== 'string') continue;
    const before = node.value;
    const after = before.replace(BEACHBALL_PUBLISH, (whole: string, args: string) => {
      const edit = withoutToken(args);
      secrets.push(...edit.secrets);
      return edit.secrets.length > 0 ? whole.slice(0, whole.length - args.length) + edit.args : whole;
    });
    if (after === before) continue;
    node.value = after;
    notes.push(`job "${job.id}": beachball publish no longer gets the npm token on its command line (it runs npm publish, which does the OIDC exchange)`);
  }
  return secrets;
}
