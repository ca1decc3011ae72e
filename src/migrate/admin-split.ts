// A publish step whose script also runs `npm dist-tag add`, `npm deprecate` or the like after the
// publish: the npm CLI exchanges the OIDC token for `npm publish` only, so those lines still need
// the token. The lines after the last publish move to a step of their own that keeps the step's
// env (token included), when nothing they read is set before them in the script; otherwise the
// step keeps its token and the user is told.
import { isScalar, type Document, type Node, type YAMLMap } from 'yaml';
import { adminLines, commandPublishes } from '../audit/publish-rule.js';
import { code } from '../audit/publish-commands.js';
import { isTokenEnv } from '../audit/token-forms.js';
import { publishSteps, type JobView } from './jobs.js';
import { blockMap, blockScript, mapOf, nodeOf, textOf } from './nodes.js';

const COPIED = ['if', 'working-directory', 'shell', 'continue-on-error', 'timeout-minutes', 'env'];
const OPEN = /^(?:if|case|do|\{)$/;
const CLOSE = /^(?:fi|esac|done|\})$/;

/** Every `if`, `case`, loop and `{` the lines open is closed again. */
function closed(lines: string[]): boolean {
  let depth = 0;
  for (const word of lines.flatMap((line) => code(line).split(/[\s;]+/))) depth += OPEN.test(word) ? 1 : CLOSE.test(word) ? -1 : 0;
  return depth === 0;
}

/** The head sets nothing the tail reads (variables, functions, the folder), and writes no step output. */
function separable(head: string[], tail: string[]): boolean {
  const text = head.map(code);
  if (text.some((line) => /^\s*(?:cd|pushd|popd|source|\.|trap)\s|^\s*(?:function\s+)?[\w-]+\s*\(\)/.test(line))) return false;
  const set = text.flatMap((line) => [...line.matchAll(/(?:^|[\s;&|(])(?:export\s+|local\s+|readonly\s+|read\s+(?:-\w+\s+)*|for\s+)?([A-Za-z_]\w*)(?:=|\s+in\b)/g)].map((m) => m[1]!));
  const rest = tail.join('\n');
  return set.every((name) => !new RegExp(`\\$\\{?${name}\\b`).test(rest)) && !/GITHUB_OUTPUT|GITHUB_STATE/.test(rest);
}

const hasToken = (step: YAMLMap): boolean =>
  (mapOf(step, 'env')?.items ?? []).some((item) => isScalar(item.key) && isScalar(item.value) && isTokenEnv(String(item.key.value), String(item.value.value ?? '')));

/** Splits such steps; returns the publish steps that keep their token (the split was not safe). */
export function splitAdminTail(doc: Document, job: JobView, notes: string[], left?: string[]): Set<YAMLMap> {
  const kept = new Set<YAMLMap>();
  for (const step of publishSteps(job)) {
    const run = textOf(step, 'run');
    const admin = run === undefined ? [] : adminLines(run);
    if (admin.length === 0 || !hasToken(step)) continue;
    const lines = run!.split('\n');
    const last = lines.reduce((at, line, i) => (commandPublishes(line) ? i : at), -1);
    const head = lines.slice(0, last + 1);
    const tail = lines.slice(last + 1);
    const command = /npm\s+[\w-]+/.exec(code(lines[admin[0]!]!))![0];
    const name = textOf(step, 'name') ?? lines.find((l) => l.trim() !== '')!.trim();
    if (last < 0 || admin.some((i) => i <= last) || !closed(head) || !separable(head, tail)) {
      kept.add(step);
      left?.push(`job "${job.id}": step "${name}" keeps its token: it also runs ${command}, which trusted publishing does not cover, and its lines could not be moved to a step of their own. Split them off (the publish needs no token) and keep a granular token with write access for them.`);
      continue;
    }
    const sets = head.filter((line) => /^\s*set\s+-/.test(line));
    const added = blockMap(doc, { name: `${name} (${command})` });
    for (const key of COPIED) {
      const node = nodeOf(step, key) as Node | undefined;
      if (node !== undefined) added.items.push(doc.createPair(key, node.clone()));
    }
    const script = (lines: string[]) => lines.join('\n').replace(/^\s*\n|\s+$/g, '') + '\n';
    added.items.push(doc.createPair('run', blockScript(doc, script([...sets, ...tail]))));
    (nodeOf(step, 'run') as { value: string }).value = script(head);
    const seq = nodeOf(job.node, 'steps') as { items: unknown[] };
    seq.items.splice(seq.items.indexOf(step) + 1, 0, added);
    job.steps.splice(job.steps.indexOf(step) + 1, 0, added);
    notes.push(`job "${job.id}": the ${command} lines of step "${name}" moved to a step of their own that keeps the token (trusted publishing covers npm publish only)`);
  }
  return kept;
}
