// argv -> options. Uses node:util parseArgs; every error is a UsageError (exit 2).
import type { Answers } from '../../core/model.js';
import { questionFor } from '../../questions/list.js';
import { parseFlag, type GivenAnswers } from '../../questions/resolve.js';
import { AnswerError, ConsentNeededError, FailedError, UsageError } from '../../core/errors.js';
import { parseCommandLine } from '../command-line.js';
import { normaliseMigrateArgv } from '../../migrate/args.js';

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
  /** `--migrate [file]`: '' for every publish workflow; undefined when not given. */
  migrate?: string;
  /** `--trust`: configure the trusted publishers with `npm trust`. */
  trust?: boolean;
  /** `--switch-registry`: with --migrate, publish to registry.npmjs.org instead of a proxy in front of it. */
  switchRegistry?: boolean;
  /** `--pr`: propose the written files as a pull request (with --yes or --migrate). */
  pr?: boolean;
  /** `--markdown`: print the pull request's body; write nothing. */
  markdown?: boolean;
  /** `--registry-check`: the wizard's checklist asks npm and GitHub what is done already (else it stays offline). */
  registryCheck?: boolean;
}

export const OPTION_SPEC = {
  yes: { type: 'boolean', short: 'y' },
  'dry-run': { type: 'boolean' },
  repo: { type: 'string' },
  workflow: { type: 'string' },
  trigger: { type: 'string' },
  release: { type: 'string' },
  packages: { type: 'string' },
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
  migrate: { type: 'string' },
  trust: { type: 'boolean' },
  'switch-registry': { type: 'boolean' },
  pr: { type: 'boolean' },
  markdown: { type: 'boolean' },
  'registry-check': { type: 'boolean' },
  provider: { type: 'string' },
  'gitlab-project': { type: 'string' },
  'ci-file': { type: 'string' },
  'circleci-org-id': { type: 'string' },
  'circleci-project-id': { type: 'string' },
  'circleci-pipeline-id': { type: 'string' },
  'vcs-origin': { type: 'string' },
  // Repeatable, and each may hold a comma list: --circleci-context id=name[,id=name].
  'circleci-context': { type: 'string', multiple: true },
} as const;

export function parseOptions(argv: readonly string[]): Options {
  const { values, dir } = parseCommandLine(normaliseMigrateArgv(argv), OPTION_SPEC, 'Run with --help to see the options.');
  if (values.environment !== undefined && values['no-environment']) {
    throw new UsageError('--environment and --no-environment cannot be used together.');
  }

  checkPrFlags(values);

  const given: GivenAnswers = {};
  const set = <K extends keyof Answers>(id: K, raw: string | undefined) => {
    if (raw !== undefined) given[id] = parseFlag(questionFor(id), raw);
  };
  set('repo', values.repo);
  set('workflow', values.workflow);
  set('trigger', values.trigger);
  set('release', values.release);
  set('packages', values.packages);
  set('node', values.node);
  set('packageManager', values['package-manager']);
  if (values['no-environment']) given.environment = null;
  else if (values.environment !== undefined) {
    if (values.environment.trim() === '') throw new UsageError('--environment needs a name; use --no-environment for none.');
    set('environment', values.environment);
  }
  if (values['no-fix-repository']) given.fixRepository = false;
  set('provider', values.provider);
  set('gitlabProject', values['gitlab-project']);
  set('ciFile', values['ci-file']);
  set('circleciOrgId', values['circleci-org-id']);
  set('circleciProjectId', values['circleci-project-id']);
  set('circleciPipelineId', values['circleci-pipeline-id']);
  set('vcsOrigin', values['vcs-origin']);
  set('circleciContexts', values['circleci-context']?.join(','));

  return {
    dir,
    yes: values.yes ?? false,
    dryRun: values['dry-run'] ?? false,
    force: values.force ?? false,
    open: !(values['no-open'] ?? false),
    plain: values.plain ?? false,
    help: values.help ?? false,
    version: values.version ?? false,
    given,
    ...(values.migrate !== undefined ? { migrate: values.migrate } : {}),
    trust: values.trust ?? false,
    switchRegistry: values['switch-registry'] ?? false,
    pr: values.pr ?? false,
    markdown: values.markdown ?? false,
    registryCheck: values['registry-check'] ?? false,
  };
}

function checkPrFlags(values: { pr?: boolean; markdown?: boolean; yes?: boolean; 'dry-run'?: boolean; migrate?: string; trust?: boolean }): void {
  if (values.markdown && (values.pr || values.trust || values.yes)) {
    throw new UsageError(`--markdown only prints the pull request's description and writes nothing: leave out --${values.pr ? 'pr' : values.trust ? 'trust' : 'yes'}.`);
  }
  if (!values.pr) return;
  if (values['dry-run']) throw new UsageError('--pr writes, commits and pushes: leave out --dry-run (--markdown shows the description without touching anything).');
  if (!values.yes && values.migrate === undefined) throw new UsageError('--pr runs with --yes or --migrate: the files it proposes are the ones that run writes.');
}

export const HELP = `create-trusted-publish: publish to npm from CI without a token (OIDC trusted publishing)

Usage
  npm create trusted-publish [-- options]
  create-trusted-publish [dir] [options]
  create-trusted-publish doctor [dir…] [--json|--format <f>|--markdown] [--from <file>]
                                [--org <org>] [--registry-check] [--registry <url>]
  create-trusted-publish retire [dir] [--yes] [--dry-run] [--revoke <id>] [--json] ...

Reads the package in [dir] (default: the current directory), writes a hardened
publish workflow (GitHub Actions) or job (GitLab CI/CD, CircleCI), shows the exact
values to enter on npmjs.com, and ends with a checklist that retires the old
publish token.

Options
  -y, --yes                  accept detected values and defaults; never prompt
      --dry-run              print the plan and every file it would write; write nothing
      --repo <owner/name>    GitHub repository (default: from git remote "origin")
      --workflow <file>      workflow file name (default: publish.yml)
      --packages <a,b>       packages to publish, by name (monorepo; default: all
                             publishable workspace packages)
      --release <publish|changesets|release-please|semantic-release|staged>
                             how releases are made (default: the tool detected,
                             else publish); staged runs npm stage publish and you
                             approve each version on npmjs.com
      --trigger <release|tag|manual>
                             publish on a published GitHub release (default),
                             on a pushed tag, or when started by hand (publish
                             and staged only)
      --environment <name>   GitHub or GitLab environment for the publish job
                             (default: npm)
      --no-environment       no environment
      --node <version>       Node.js version in CI (default: 24)
      --package-manager <npm|pnpm|yarn|bun>
                             how CI installs dependencies (default: detected)
      --no-fix-repository    leave package.json "repository" as it is
      --force                replace an existing, different workflow (a backup is kept)
      --provider <github|gitlab|circleci>
                             where the publish job runs (default: from the git
                             remote; CircleCI when .circleci/config.yml is the
                             only CI that publishes)
      --gitlab-project <namespace/project>
                             GitLab: the project path, subgroups too (default:
                             from the remote on gitlab.com)
      --ci-file <path>       GitLab: the top-level CI file the job is added to
                             (default: .gitlab-ci.yml)
      --circleci-org-id <uuid>       CircleCI: Organization Settings → Overview
      --circleci-project-id <uuid>   CircleCI: Project Settings → Overview
      --circleci-pipeline-id <uuid>  CircleCI: Project Settings → Project Setup
                             (pipeline definition ID; all three are required)
      --vcs-origin <host/owner/repo>
                             CircleCI: e.g. github.com/acme/widget (default:
                             from the remote)
      --circleci-context <id=name>
                             CircleCI: a context the publish job uses (repeat,
                             or a comma list; default: none)
      --no-open              do not open the npmjs.com settings page in a browser
      --plain                line-by-line prompts instead of the full-screen wizard
      --registry-check       checklist: tick the publisher (npm trust list, logged in)
                             and the protected environment (gh) when already done
      --migrate [file]       edit the existing publish workflow(s) in place instead of
                             writing a new one: shows the diff; writes with --force
                             (or a yes on a terminal), keeping a .bak backup
      --switch-registry      with --migrate: a publish through a proxy in front of
                             npmjs.com (Wombat Dressing Room; in the workflow,
                             .npmrc or publishConfig.registry) goes to
                             registry.npmjs.org instead (refused without this flag)
      --trust                then run \`npm trust github\` for each package (npm 11.15+,
                             npm login with 2FA); with --dry-run only print the commands
      --pr                   then commit exactly the files written on a new branch
                             (trusted-publishing), push it and open a pull request
                             with gh (with --yes or --migrate)
      --markdown             print that pull request's description (changes,
                             npmjs.com values, checklist) as Markdown; write nothing
  -h, --help                 show this help
  -v, --version              show the version

Examples
  npm create trusted-publish                       the wizard, in this folder
  npm create trusted-publish -- --dry-run          every file it would write
  npm create trusted-publish -- --yes --environment production --node 22
  npm create trusted-publish -- --migrate release.yml
                                                   fix a token workflow in place
  npx create-trusted-publish doctor --registry-check

Exit codes
  0 done   1 failed   2 bad usage or invalid input   130 cancelled

Without a terminal (CI, pipes) pass --yes and any flags you need; nothing is asked.
\`create-trusted-publish doctor --help\` describes the read-only checker.
`;

/**
 * A domain error in this command's words: an answer becomes its flag, a refused replace says how
 * to give consent. Anything else is returned as it is.
 */
export function inFlagWords(error: unknown): unknown {
  if (error instanceof AnswerError) {
    const flag = `--${questionFor(error.answer).flag}`;
    if (error.problem === 'missing') return new UsageError(`${error.reason}: pass ${flag}.`);
    if (error.problem === 'invalid') return new UsageError(`${flag}: ${error.reason}`);
    return new UsageError(error.reason);
  }
  if (error instanceof ConsentNeededError) {
    return new FailedError(`${error.message}\nRe-run with --force to replace it (the current file is kept as a .bak backup), or choose another --workflow name.`);
  }
  return error;
}
