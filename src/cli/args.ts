// argv -> options. Uses node:util parseArgs; every error is a UsageError (exit 2).
import { parseArgs } from 'node:util';
import type { Answers } from '../model.js';
import { questionFor } from '../questions/list.js';
import { parseFlag, type GivenAnswers } from '../questions/resolve.js';
import { UsageError } from './errors.js';

export interface Options {
  dir: string;
  yes: boolean;
  dryRun: boolean;
  force: boolean;
  open: boolean;
  plain: boolean;
  help: boolean;
  version: boolean;
  given: GivenAnswers;
}

const spec = {
  yes: { type: 'boolean', short: 'y' },
  'dry-run': { type: 'boolean' },
  repo: { type: 'string' },
  workflow: { type: 'string' },
  trigger: { type: 'string' },
  environment: { type: 'string' },
  'no-environment': { type: 'boolean' },
  node: { type: 'string' },
  'package-manager': { type: 'string' },
  'no-fix-repository': { type: 'boolean' },
  force: { type: 'boolean' },
  'no-open': { type: 'boolean' },
  plain: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

export function parseOptions(argv: readonly string[]): Options {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: spec, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs messages name the option; drop Node's error-code suffix noise.
    const message = error instanceof Error ? error.message.replace(/\. To specify a positional argument.*$/s, '.') : String(error);
    throw new UsageError(`${message}\nRun with --help to see the options.`);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) {
    throw new UsageError(`Expected at most one directory, got: ${positionals.join(' ')}`);
  }
  if (values.environment !== undefined && values['no-environment']) {
    throw new UsageError('--environment and --no-environment cannot be used together.');
  }

  const given: GivenAnswers = {};
  const set = <K extends keyof Answers>(id: K, raw: string | undefined) => {
    if (raw !== undefined) given[id] = parseFlag(questionFor(id), raw);
  };
  set('repo', values.repo);
  set('workflow', values.workflow);
  set('trigger', values.trigger);
  set('node', values.node);
  set('packageManager', values['package-manager']);
  if (values['no-environment']) given.environment = null;
  else if (values.environment !== undefined) {
    if (values.environment.trim() === '') throw new UsageError('--environment needs a name; use --no-environment for none.');
    set('environment', values.environment);
  }
  if (values['no-fix-repository']) given.fixRepository = false;

  return {
    dir: positionals[0] ?? '.',
    yes: values.yes ?? false,
    dryRun: values['dry-run'] ?? false,
    force: values.force ?? false,
    open: !(values['no-open'] ?? false),
    plain: values.plain ?? false,
    help: values.help ?? false,
    version: values.version ?? false,
    given,
  };
}

export const HELP = `create-trusted-publish: publish to npm from CI without a token (OIDC trusted publishing)

Usage
  npm create trusted-publish [-- options]
  create-trusted-publish [dir] [options]

Reads the package in [dir] (default: the current directory), writes a hardened
GitHub Actions publish workflow, shows the exact values to enter on npmjs.com,
and ends with a checklist that retires the old publish token.

Options
  -y, --yes                  accept detected values and defaults; never prompt
      --dry-run              print the plan and every file it would write; write nothing
      --repo <owner/name>    GitHub repository (default: from git remote "origin")
      --workflow <file>      workflow file name (default: publish.yml)
      --trigger <release|tag|manual>
                             publish on a published GitHub release (default),
                             on a pushed v* tag, or when started by hand
      --environment <name>   GitHub environment for the publish job (default: npm)
      --no-environment       no environment
      --node <version>       Node.js version in CI (default: 24)
      --package-manager <npm|pnpm|yarn|bun>
                             how CI installs dependencies (default: detected)
      --no-fix-repository    leave package.json "repository" as it is
      --force                replace an existing, different workflow (a backup is kept)
      --no-open              do not open the npmjs.com settings page in a browser
      --plain                line-by-line prompts instead of the full-screen wizard
  -h, --help                 show this help
  -v, --version              show the version

Exit codes
  0 done   1 failed   2 bad usage or invalid input   130 cancelled

Without a terminal (CI, pipes) pass --yes and any flags you need; nothing is asked.
`;
