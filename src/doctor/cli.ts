// `create-trusted-publish doctor [dir] [--json] [--registry-check] [--registry <url>]`.
// Exit 0 when nothing must be fixed, 1 when an error or warning is reported, 2 on bad usage.
import { EXIT, UsageError } from '../cli/errors.js';
import { parseCommandLine, targetDir } from '../cli/command-line.js';
import type { Io } from '../cli/main.js';
import { DEFAULT_REGISTRY, registryFlag } from '../registry/fetch.js';
import { doctor, mustFix } from './index.js';
import { doctorJson, formatDoctor } from './format.js';

export const DOCTOR_HELP = `create-trusted-publish doctor: check a repository for trusted publishing, change nothing

Usage
  create-trusted-publish doctor [dir] [options]

Reports every workflow rule a publish workflow breaks, tokens left behind, and the known
causes of a failing first trusted publish, each with file:line and the fix.

Options
      --json              one JSON document: { schema, ok, counts, findings: [{ id, level,
                          message, file, line, fix }] }
      --registry-check    also ask the registry whether each package exists and whether its
                          latest version has provenance (the only networked check)
      --registry <url>    registry to ask (default: ${DEFAULT_REGISTRY})
  -h, --help              show this help

Exit codes
  0 nothing to fix   1 an error or warning was reported   2 bad usage
`;

export interface DoctorCliOptions {
  dir: string;
  json: boolean;
  registryCheck: boolean;
  registry: string;
  help: boolean;
}

export function parseDoctorArgs(argv: readonly string[]): DoctorCliOptions {
  const { values, dir } = parseCommandLine(
    argv,
    { json: { type: 'boolean' }, 'registry-check': { type: 'boolean' }, registry: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    'Run doctor --help to see the options.',
  );
  const registry = registryFlag(values.registry);
  if (values.registry !== undefined && !values['registry-check']) throw new UsageError('--registry is only used with --registry-check.');
  return { dir, json: values.json ?? false, registryCheck: values['registry-check'] ?? false, registry, help: values.help ?? false };
}

export async function runDoctorCli(argv: readonly string[], io: Io): Promise<number> {
  const options = parseDoctorArgs(argv);
  if (options.help) {
    io.out(DOCTOR_HELP);
    return EXIT.ok;
  }
  const root = targetDir(options.dir);
  const report = await doctor(root, { registryCheck: options.registryCheck, registry: options.registry });
  io.out(options.json ? JSON.stringify(doctorJson(report), null, 2) : formatDoctor(report));
  return mustFix(report.findings) ? EXIT.failed : EXIT.ok;
}
