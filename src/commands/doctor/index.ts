// `create-trusted-publish doctor [dir…] [--json | --format <f> | --markdown] [--from FILE]
// [--org ORG] [--registry-check] [--registry <url>]`.
// One directory: the full report. Several (or --from, --org, --markdown): the fleet view, a
// row per repository. Exit 0 when nothing must be fixed, 1 when an error or warning is
// reported (or a repository still publishes with a token), 2 on bad usage.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EXIT, UsageError } from '../../core/errors.js';
import { parseCommandLine, targetDir } from '../command-line.js';
import { VERSION } from '../../core/version.js';
import { type Io } from '../../core/io.js';
import { DEFAULT_REGISTRY, registryFlag } from '../../registry/fetch.js';
import { doctor, mustFix } from '../../doctor/index.js';
import { doctorJson, formatDoctor } from '../../doctor/format.js';
import { formatGithub } from '../../doctor/format-github.js';
import { doctorSarif } from '../../doctor/format-sarif.js';
import { isGithubOwner } from '../../validate/github.js';

export const DOCTOR_HELP = `create-trusted-publish doctor: check repositories for trusted publishing, change nothing

Usage
  create-trusted-publish doctor [dir] [options]
  create-trusted-publish doctor dir1 dir2 … | --from FILE | --org ORG [options]

Reports every workflow rule a publish workflow breaks, tokens left behind, and the known
causes of a failing first trusted publish, each with file:line and the fix. Several
repositories give one table: repository, packages, workflow, status, next step.

Options
      --json              one JSON document (several repositories: a row each)
      --format <text|json|github|sarif>
                          github: workflow annotations; sarif: SARIF 2.1.0 (one repository)
      --markdown          the table as Markdown
      --from <file>       check the directories listed in <file>, one a line
      --org <org>         every repository of a GitHub organisation with a package.json,
                          read through gh (no cloning)
      --registry-check    also ask the registry whether each package exists and whether its
                          latest version has provenance (the only networked check)
      --registry <url>    registry to ask (default: ${DEFAULT_REGISTRY})
  -h, --help              show this help

Exit codes
  0 nothing to fix   1 an error or warning was reported   2 bad usage
`;

export const FORMATS = ['text', 'json', 'github', 'sarif'] as const;
export type DoctorFormat = (typeof FORMATS)[number];

export interface DoctorCliOptions {
  dir: string;
  /** Every directory given (doctor dir1 dir2 …), plus those read --from a file. */
  dirs: string[];
  format: DoctorFormat;
  markdown: boolean;
  org?: string;
  from?: string;
  /** Several repositories: the table, not the full report. */
  fleet: boolean;
  registryCheck: boolean;
  registry: string;
  help: boolean;
}

function formatFlag(json: boolean | undefined, format: string | undefined): DoctorFormat {
  if (format !== undefined && !(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got "${format}").`);
  }
  if (json && format !== undefined && format !== 'json') throw new UsageError(`--json and --format ${format} cannot be used together.`);
  return json ? 'json' : ((format ?? 'text') as DoctorFormat);
}

export function parseDoctorArgs(argv: readonly string[]): DoctorCliOptions {
  const { values, dir, dirs } = parseCommandLine(
    argv,
    {
      json: { type: 'boolean' },
      format: { type: 'string' },
      markdown: { type: 'boolean' },
      from: { type: 'string' },
      org: { type: 'string' },
      'registry-check': { type: 'boolean' },
      registry: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    'Run doctor --help to see the options.',
    true,
  );
  const registry = registryFlag(values.registry);
  if (values.registry !== undefined && !values['registry-check']) throw new UsageError('--registry is only used with --registry-check.');
  const format = formatFlag(values.json, values.format);
  const markdown = values.markdown ?? false;
  if (markdown && format !== 'text') throw new UsageError(`--markdown and --${format === 'json' && values.json ? 'json' : `format ${format}`} cannot be used together.`);
  if (values.org !== undefined) {
    if (dirs.length > 0 || values.from !== undefined) throw new UsageError('--org reads the repositories through gh: give no directories and no --from with it.');
    if (!isGithubOwner(values.org)) throw new UsageError(`--org needs a GitHub organisation or user name (got "${values.org}").`);
  }
  const fleet = dirs.length > 1 || values.from !== undefined || values.org !== undefined || markdown;
  if (fleet && (format === 'github' || format === 'sarif')) {
    throw new UsageError(`--format ${format} checks one repository (run it in each repository's CI); for several, use the table, --json or --markdown.`);
  }
  return {
    dir,
    dirs,
    format,
    markdown,
    ...(values.org !== undefined ? { org: values.org } : {}),
    ...(values.from !== undefined ? { from: values.from } : {}),
    fleet,
    registryCheck: values['registry-check'] ?? false,
    registry,
    help: values.help ?? false,
  };
}

/** The directories of `--from FILE`: one a line; blank lines and `#` comments skipped. */
export function readDirList(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`--from ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : 'cannot be read'}.`);
  }
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

function printOne(options: DoctorCliOptions, report: Awaited<ReturnType<typeof doctor>>, io: Io): void {
  if (options.format === 'json') io.out(JSON.stringify(doctorJson(report), null, 2));
  else if (options.format === 'sarif') io.out(JSON.stringify(doctorSarif(report, VERSION), null, 2));
  else if (options.format === 'github') {
    const text = formatGithub(report);
    if (text) io.out(text);
  } else io.out(formatDoctor(report));
}

export async function runDoctorCli(argv: readonly string[], io: Io): Promise<number> {
  const options = parseDoctorArgs(argv);
  if (options.help) {
    io.out(DOCTOR_HELP);
    return EXIT.ok;
  }
  const doctorOptions = { registryCheck: options.registryCheck, registry: options.registry };
  if (options.fleet) {
    const { runFleetCli } = await import('./fleet.js');
    return runFleetCli(options, doctorOptions, io);
  }
  const root = targetDir(options.dir);
  const report = await doctor(root, doctorOptions);
  printOne(options, report, io);
  return mustFix(report.findings) ? EXIT.failed : EXIT.ok;
}

/** The directories of a fleet run, in the order given, each once. */
export function fleetDirs(options: Pick<DoctorCliOptions, 'dirs' | 'from'>): string[] {
  const listed = [...options.dirs, ...(options.from !== undefined ? readDirList(options.from) : [])];
  return [...new Set(listed.map((d) => resolve(d)))];
}
