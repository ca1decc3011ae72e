// `doctor --format github`: one GitHub Actions workflow command per finding
// (`::error file=…,line=…,title=…::message`), so a CI job shows each finding as an annotation
// on the file and line. Escaping follows the runner's rules: in the message `%`, CR and LF;
// in a property also `:` and `,`.
import type { Finding } from '../core/model.js';
import type { DoctorReport } from './index.js';

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

// Finding files are relative to the repository's top level, which is the checkout a workflow
// runs in (GITHUB_WORKSPACE), so they need no prefix.
export function annotation(f: Finding): string {
  const props = [
    ...(f.file ? [`file=${escapeProperty(f.file)}`] : []),
    ...(f.file && f.line ? [`line=${f.line}`] : []),
    `title=${escapeProperty(f.id)}`,
  ];
  const text = f.fix ? `${f.message}\nfix: ${f.fix}` : f.message;
  return `::${COMMAND[f.level]} ${props.join(',')}::${escapeData(text)}`;
}

/** Every finding as an annotation, in doctor's order. */
export function formatGithub(report: Pick<DoctorReport, 'findings'>): string {
  return report.findings.map(annotation).join('\n');
}
