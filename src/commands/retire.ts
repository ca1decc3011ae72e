// `create-trusted-publish retire [dir]`: parse its own flags, check the terminal before
// anything runs, wire the real CLIs and prompts into the core, print the summary.
// Exit 0 when nothing failed, 1 when the proof is missing or a step failed, 2 on bad usage.
import { EXIT, UsageError } from '../core/errors.js';
import { parseCommandLine, targetDir } from './command-line.js';
import type { Io } from '../core/io.js';
import { paint } from '../core/style.js';
import { detect } from '../detect/index.js';
import { DEFAULT_REGISTRY, registryFlag } from '../registry/fetch.js';
import { parseGithubRepo } from '../validate/github.js';
import { deleteSecret, disallowTokens, listTokens, revokeToken } from '../trust/index.js';
import { failed, retire, retireTargets, type Actions } from '../retire/index.js';
import { formatLeftovers, formatSummary, retireJson } from '../retire/format.js';
import { confirmPrompt, pickPrompt, stdoutToStderr } from '../retire/terminal.js';

export const RETIRE_HELP = `create-trusted-publish retire: retire the npm publish token, in a safe order

Usage
  create-trusted-publish retire [dir] [options]

1. Proof: the latest version of each package must have provenance attestations
   (published by trusted publishing); otherwise it stops before changing anything.
2. Each step shows its exact command and asks (y/N) before it runs:
   a. disallow tokens: npm access set mfa=publish <pkg> (npm asks for 2FA itself)
   b. delete the CI secret: gh secret delete NPM_TOKEN --repo <owner/name>
      (skipped when a step that does not publish still reads it)
   c. revoke tokens: npm token list, then npm token revoke <id> for the ones you pick
   d. list token env and .npmrc _authToken lines left to remove by hand
3. A summary: ✔ done (verified)  ? unverified  ✖ failed  – skipped.

Options
  -y, --yes               run every step without asking (tokens: only --revoke ids)
      --dry-run           check the proof, print the commands; change nothing
      --revoke <id>       revoke this token (an id from npm token list; repeatable)
      --repo <owner/name> GitHub repository of the secret (default: from git remote "origin")
      --registry <url>    registry asked for the proof (default: ${DEFAULT_REGISTRY})
      --force             go on without the proof (says what it skipped)
      --json              one JSON document: { schema: "create-trusted-publish/retire@1", ok,
                          stopped, proof, items: [{ id, step, status, command, detail, url }],
                          tokens, leftovers } (needs --yes or --dry-run)
  -h, --help              show this help

Exit codes
  0 nothing failed   1 no proof, or a step failed   2 bad usage   130 cancelled
`;

export interface RetireCliOptions {
  dir: string;
  yes: boolean;
  dryRun: boolean;
  force: boolean;
  json: boolean;
  help: boolean;
  registry: string;
  repo?: string;
  revoke: string[];
}

export const RETIRE_OPTION_SPEC = {
  yes: { type: 'boolean', short: 'y' },
  'dry-run': { type: 'boolean' },
  force: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  registry: { type: 'string' },
  repo: { type: 'string' },
  revoke: { type: 'string', multiple: true },
} as const;

export function parseRetireArgs(argv: readonly string[]): RetireCliOptions {
  const { values, dir } = parseCommandLine(argv, RETIRE_OPTION_SPEC, 'Run retire --help to see the options.');
  const registry = registryFlag(values.registry);
  const repo = values.repo === undefined ? undefined : parseGithubRepo(values.repo);
  if (repo?.ok === false) throw new UsageError(`--repo: ${repo.reason}`);
  const revoke = values.revoke ?? [];
  for (const id of revoke) {
    // Only ids: a token value must never pass through this program.
    if (!/^[0-9a-f-]{1,36}$/i.test(id)) throw new UsageError(`--revoke takes a token id as npm token list shows it (e.g. a1b2c3), not ${id.startsWith('npm_') ? 'a token value' : JSON.stringify(id)}.`);
  }
  return {
    dir,
    yes: values.yes ?? false,
    dryRun: values['dry-run'] ?? false,
    force: values.force ?? false,
    json: values.json ?? false,
    help: values.help ?? false,
    registry,
    ...(values.repo !== undefined ? { repo: values.repo } : {}),
    revoke,
  };
}

function actions(json: boolean): Actions {
  const o = json ? { run: stdoutToStderr } : {};
  return {
    disallowTokens: (name) => disallowTokens(name, o),
    deleteSecret: (target) => deleteSecret(target, o),
    listTokens: () => listTokens(o),
    revokeToken: (id) => revokeToken(id, o),
  };
}

export async function runRetireCli(argv: readonly string[], io: Io): Promise<number> {
  const options = parseRetireArgs(argv);
  if (options.help) {
    io.out(RETIRE_HELP);
    return EXIT.ok;
  }
  const ask = !options.yes && !options.dryRun;
  if (ask && options.json) throw new UsageError('--json does not ask questions: add --yes (or --dry-run).');
  // Checked before anything runs: never a hang, never a half-done retire for want of a terminal.
  if (ask && !(process.stdin.isTTY && process.stdout.isTTY)) {
    throw new UsageError('No terminal to ask in. Pass --yes to run every step (tokens are revoked only with --revoke <id>),\nor --dry-run to see the commands. See retire --help.');
  }
  const root = targetDir(options.dir);
  const targets = retireTargets(await detect(root), options.repo);
  // Under --json, stdout carries only the document.
  const say = options.json ? io.err : io.out;
  try {
    const report = await retire(targets, { registry: options.registry, force: options.force, revoke: options.revoke }, {
      mode: options.dryRun ? 'dry-run' : options.yes ? 'yes' : 'ask',
      confirm: confirmPrompt,
      pick: pickPrompt,
      actions: actions(options.json),
      out: say,
      warn: (text) => io.err(paint('yellow', text, process.stderr)),
    });
    if (!report.stopped) say(`${formatLeftovers(report.leftovers)}${formatSummary(report)}`);
    if (options.json) io.out(JSON.stringify(retireJson(report, root), null, 2));
    return failed(report) ? EXIT.failed : EXIT.ok;
  } catch (error) {
    if (error instanceof Error && error.name === 'ExitPromptError') {
      io.err('Cancelled. Steps that ran before are not undone; run retire again to see where you are.');
      return EXIT.cancelled;
    }
    throw error;
  }
}
