// `doctor --format sarif`: a SARIF 2.1.0 log (OASIS) for code scanning, the format zizmor and
// actionlint users upload with github/codeql-action/upload-sarif. Required by the schema:
// `version` and `runs`; per run `tool.driver.name`; per result `message.text`. GitHub code
// scanning also shows a result only when it has a location with an artifact URI, so a
// finding that is not about a place in a file is anchored to package.json.
import type { Finding } from '../core/model.js';
import type { DoctorReport } from './index.js';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const INFORMATION_URI = 'https://github.com/create-trusted-publish/create-trusted-publish';
const HELP_URI = `${INFORMATION_URI}#check-a-repository-doctor`;
const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;
type SarifLevel = (typeof LEVEL)[keyof typeof LEVEL];

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  help: { text: string };
  helpUri: string;
  defaultConfiguration: { level: SarifLevel };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }>;
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: Array<{ tool: { driver: { name: string; version: string; informationUri: string; rules: SarifRule[] } }; results: SarifResult[] }>;
}

/** A path as a relative URI reference: each segment percent-encoded, `/` kept. */
const uri = (path: string) => path.split('/').map(encodeURIComponent).join('/');

function rule(f: Finding): SarifRule {
  return {
    id: f.id,
    name: f.id,
    shortDescription: { text: f.message },
    help: { text: f.fix ?? f.message },
    helpUri: HELP_URI,
    defaultConfiguration: { level: LEVEL[f.level] },
  };
}

export function doctorSarif(report: Pick<DoctorReport, 'findings'>, version: string): SarifLog {
  const rules: SarifRule[] = [];
  const index = new Map<string, number>();
  const results = report.findings.map((f): SarifResult => {
    if (!index.has(f.id)) {
      index.set(f.id, rules.length);
      rules.push(rule(f));
    }
    return {
      ruleId: f.id,
      ruleIndex: index.get(f.id)!,
      level: LEVEL[f.level],
      message: { text: f.fix ? `${f.message} Fix: ${f.fix}` : f.message },
      locations: [{ physicalLocation: { artifactLocation: { uri: uri(f.file ?? 'package.json') }, ...(f.file && f.line ? { region: { startLine: f.line } } : {}) } }],
    };
  });
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'create-trusted-publish', version, informationUri: INFORMATION_URI, rules } }, results }],
  };
}
