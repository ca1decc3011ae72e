// The GitHub Actions workflow line scanner: does a workflow (or composite action) publish, and
// where does it hand npm a token? A line scanner, not a YAML parser: it runs before the first
// prompt and must stay cheap. What publishes is decided by the one rule in audit/publish-rule.ts,
// which the YAML model uses too.
import type { TokenUse } from '../core/model.js';
import { commandPublishes, stepFactsPublish, type PublishContext, type StepFacts } from '../audit/publish-rule.js';
import { isTokenEnv, isTokenInput, secretName, writesAuthToken } from '../audit/token-forms.js';
import { stepEnvWrites } from '../audit/js-action.js';

const ENV_PARENTS = new Set(['env', 'secrets']);

const KEY_LINE = /^(\s*)(-\s+)?(['"]?)([\w.\-/]+)\3\s*:(?:\s+(.*?))?\s*$/;
/** A sequence item that is a flow map on one line (`- {name: x, run: y}`): group 2 its inside. */
const FLOW_STEP = /^(\s*)-\s*\{(.*)\}\s*(?:#.*)?$/;

/** Does one line of shell run a publish? (`--dry-run` and preview publishers do not count; shell comments are ignored.) */
export function runsPublish(command: string): boolean {
  return commandPublishes(command);
}

const stripComment = (value: string) => value.replace(/\s+#.*$/, '').trim();

function tokenUse(file: string, line: number, what: string, value: string): TokenUse {
  const secret = secretName(value);
  return secret ? { file, line, what, secret } : { file, line, what };
}

type Draft = Omit<StepFacts, 'jobToken'>;

/** Scan a workflow's (or a composite action's) text. `file` is its path relative to the repository root. */
export function scanWorkflow(file: string, content: string, context: PublishContext = {}): { publishes: boolean; tokenUses: TokenUse[] } {
  const lines = content.split(/\r?\n/);
  const tokenUses: TokenUse[] = [];
  const stack: Array<{ col: number; key: string }> = [];
  const jobs: Array<{ token: boolean; steps: Draft[]; dir?: string; matrix?: Record<string, string[]> }> = [];
  let workflowToken = false;
  let workflowDir: string | undefined;
  let step: Draft | undefined;
  // Lines more indented than `col` after `key: value` or `key: |` belong to that scalar.
  let scalar: { col: number; run: boolean } | undefined;
  const currentJob = () => jobs[jobs.length - 1] ?? (jobs.push({ token: false, steps: [] }), jobs[0]!);

  const addToken = (lineNo: number, what: string, value: string, inStep: boolean, inJob: boolean) => {
    tokenUses.push(tokenUse(file, lineNo, what, value));
    if (inStep && step) step.stepToken = true;
    else if (inJob) currentJob().token = true;
    else workflowToken = true;
  };

  lines.forEach((line, index) => {
    const lineNo = index + 1;
    const trimmed = line.trim();
    if (scalar) {
      if (!trimmed) return;
      const indent = line.length - line.trimStart().length;
      if (indent > scalar.col) {
        if (scalar.run && step) {
          step.run = step.run ? `${step.run}\n${trimmed}` : trimmed;
          if (writesAuthToken(trimmed)) tokenUses.push({ file, line: lineNo, what: '_authToken' });
        }
        return;
      }
      scalar = undefined;
    }
    if (!trimmed || trimmed.startsWith('#')) return;
    // A step written as a flow map on one line: `- {run: 'npm publish', env: {NODE_AUTH_TOKEN: …}}`.
    const flow = FLOW_STEP.exec(line);
    if (flow) {
      const col = flow[1]!.length + 2;
      while (stack.length && stack[stack.length - 1]!.col >= col) stack.pop();
      if (stack[stack.length - 1]?.key !== 'steps') return;
      step = { withKeys: [], tokenInput: false, stepToken: false };
      currentJob().steps.push(step);
      const body = flow[2]!;
      const field = (key: string) => {
        const f = new RegExp(`(?:^|,)\\s*${key}\\s*:\\s*(?:'((?:[^']|'')*)'|"((?:[^"\\\\]|\\\\.)*)"|([^,{}]+))`).exec(body);
        return f ? (f[1] ?? f[2] ?? f[3]!).trim() : undefined;
      };
      const run = field('run');
      if (run !== undefined) {
        step.run = run;
        if (writesAuthToken(run)) tokenUses.push({ file, line: lineNo, what: '_authToken' });
      }
      const uses = field('uses');
      if (uses !== undefined) step.uses = uses;
      for (const env of body.matchAll(/\benv\s*:\s*\{((?:\$\{\{[^}]*\}\}|[^}])*)\}/g)) {
        for (const f of env[1]!.matchAll(/([\w-]+)\s*:\s*['"]?((?:\$\{\{[^}]*\}\}|[^,'"}])*)/g)) {
          if (isTokenEnv(f[1]!, f[2]!)) addToken(lineNo, f[1]!, f[2]!, true, true);
        }
      }
      return;
    }
    const m = KEY_LINE.exec(line);
    // An item of a job's literal `strategy.matrix.<key>` list (`- widget-orm`), for a `${{ matrix.<key> }}` folder.
    const item = /^\s*-\s+(['"]?)([\w.@/-]+)\1\s*$/.exec(line);
    if (!m && item && stack.length === 5 && stack[0]?.key === 'jobs' && stack[2]?.key === 'strategy' && stack[3]?.key === 'matrix') {
      ((currentJob().matrix ??= {})[stack[4]!.key] ??= []).push(item[2]!);
    }
    if (!m) return;
    const col = m[1]!.length + (m[2]?.length ?? 0);
    const key = m[4]!;
    const value = stripComment(m[5] ?? '');
    while (stack.length && stack[stack.length - 1]!.col >= col) stack.pop();
    const parent = stack[stack.length - 1]?.key;
    if (m[2] && parent === 'steps') {
      step = { withKeys: [], tokenInput: false, stepToken: false };
      currentJob().steps.push(step);
    } else if (parent === 'jobs' && stack.length === 1) {
      jobs.push({ token: false, steps: [] });
      step = undefined;
    }
    const inStep = stack.some((s) => s.key === 'steps');
    const inJob = stack[0]?.key === 'jobs' && stack.length >= 2;
    stack.push({ col, key });
    const isRun = key === 'run' && inStep && parent === 'steps';
    const flowList = /^\[([\w.@/,\s'"-]*)\]$/.exec(value);
    if (stack.length === 5 && stack[0]?.key === 'jobs' && stack[2]?.key === 'strategy' && stack[3]?.key === 'matrix' && (flowList || key === 'include')) {
      (currentJob().matrix ??= {})[key] = flowList?.[1]!.split(',').map((w) => w.trim().replace(/^['"]|['"]$/g, '')).filter(Boolean) ?? [];
    }
    if (!value) return;
    scalar = { col, run: isRun };
    if (/^[|>][-+0-9]*$/.test(value)) {
      if (isRun && step) step.run = '';
      return;
    }
    if (isRun && step) {
      step.run = value.replace(/^(['"])(.*)\1$/, '$2');
      if (writesAuthToken(value)) tokenUses.push({ file, line: lineNo, what: '_authToken' });
    }
    if (key === 'uses' && inStep && parent === 'steps' && step) step.uses = value.replace(/^['"]|['"]$/g, '');
    if (key === 'working-directory') {
      const dir = value.replace(/^['"]|['"]$/g, '');
      if (inStep && parent === 'steps' && step) step.workingDirectory = dir;
      else if (parent === 'run' && stack[stack.length - 3]?.key === 'defaults') {
        if (inJob) currentJob().dir = dir;
        else if (stack.length === 3) workflowDir = dir;
      }
    }
    if (parent === 'with' && inStep && step) {
      step.withKeys = [...step.withKeys, key];
      step.withValues = { ...step.withValues, [key]: value.replace(/^(['"])(.*)\1$/, '$2') };
      if (isTokenInput(key, value)) {
        step.tokenInput = true;
        tokenUses.push(tokenUse(file, lineNo, key, value));
      }
    }
    if (parent && ENV_PARENTS.has(parent) && isTokenEnv(key, value)) addToken(lineNo, key, value, inStep, inJob);
    if (key === 'always-auth' && /^['"]?true['"]?$/i.test(value)) tokenUses.push({ file, line: lineNo, what: 'always-auth' });
    if (ENV_PARENTS.has(key) && value.startsWith('{')) {
      // Flow style: env: { NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }} }
      for (const f of value.matchAll(/([\w-]+)\s*:\s*((?:\$\{\{[^}]*\}\}|[^,}])*)/g)) {
        if (isTokenEnv(f[1]!, f[2]!)) addToken(lineNo, f[1]!, f[2]!, inStep, inJob);
      }
    }
  });
  const publishes = jobs.some((job) => {
    // What earlier steps of the job wrote to GITHUB_ENV, for a local JavaScript action that runs it.
    let handed: Record<string, string> = {};
    return job.steps.some((s) => {
      const dir = s.workingDirectory ?? job.dir ?? workflowDir;
      // A `${{ matrix.X }}` folder: each value of the job's literal list (an `include` is not read here).
      const key = dir === undefined || job.matrix?.include !== undefined ? undefined : /\$\{\{\s*matrix\.([\w-]+)\s*\}\}/.exec(dir)?.[1];
      const dirs = key !== undefined && job.matrix?.[key] ? job.matrix[key]!.slice(0, 20).map((v) => dir!.replace(/\$\{\{\s*matrix\.[\w-]+\s*\}\}/g, v)) : [dir];
      const found = dirs.some((d) => stepFactsPublish({ ...s, jobToken: job.token || workflowToken, handed, ...(d !== undefined ? { workingDirectory: d } : {}) }, context));
      handed = { ...handed, ...stepEnvWrites(s, context.jsActions) };
      return found;
    });
  });
  return { publishes, tokenUses };
}
