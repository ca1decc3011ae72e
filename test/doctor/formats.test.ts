// doctor --format github (workflow-command annotations) and --format sarif (SARIF 2.1.0),
// on a real token workflow through the built binary, and their escaping on hostile text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../../src/core/model.js';
import { annotation } from '../../src/doctor/format-github.js';
import { doctorSarif, type SarifLog } from '../../src/doctor/format-sarif.js';
import { runCli } from '../helpers/cli.js';
import { makePackageRepo } from '../helpers/repo.js';
import { fixtureRepo } from '../migrate/fixtures.js';

/**
 * The properties the SARIF 2.1.0 schema requires (sarifLog: version, runs; run: tool;
 * tool: driver; toolComponent: name; result: message with text; reportingDescriptor: id),
 * the enums it allows, and what GitHub code scanning needs to show a result (a location
 * with an artifact URI). Returns every violation, so a failure names them all.
 */
function sarifProblems(log: SarifLog): string[] {
  const problems: string[] = [];
  const need = (ok: unknown, what: string) => {
    if (!ok) problems.push(what);
  };
  need(log.version === '2.1.0', 'version is "2.1.0"');
  need(Array.isArray(log.runs) && log.runs.length === 1, 'runs is an array of one run');
  for (const run of log.runs ?? []) {
    const driver = run.tool?.driver;
    need(typeof driver?.name === 'string' && driver.name !== '', 'run.tool.driver.name');
    const ids = (driver?.rules ?? []).map((r) => r.id);
    need(new Set(ids).size === ids.length, 'rule ids are unique');
    for (const rule of driver?.rules ?? []) {
      need(typeof rule.id === 'string' && rule.id !== '', 'rule.id');
      need(typeof rule.shortDescription?.text === 'string', `${rule.id}: shortDescription.text`);
      need(typeof rule.help?.text === 'string' && rule.help.text !== '', `${rule.id}: help.text`);
      need(['none', 'note', 'warning', 'error'].includes(rule.defaultConfiguration.level), `${rule.id}: defaultConfiguration.level`);
    }
    need(Array.isArray(run.results), 'run.results is an array');
    for (const [i, r] of (run.results ?? []).entries()) {
      need(typeof r.message?.text === 'string' && r.message.text !== '', `result ${i}: message.text`);
      need(['none', 'note', 'warning', 'error'].includes(r.level), `result ${i}: level`);
      need(driver?.rules[r.ruleIndex]?.id === r.ruleId, `result ${i}: ruleIndex points at ruleId`);
      need(r.locations.length >= 1, `result ${i}: a location`);
      for (const l of r.locations) {
        const uri = l.physicalLocation.artifactLocation.uri;
        need(typeof uri === 'string' && uri !== '' && !uri.startsWith('/') && !/^[a-z]+:/i.test(uri), `result ${i}: a relative artifact URI`);
        const line = l.physicalLocation.region?.startLine;
        need(line === undefined || (Number.isInteger(line) && line >= 1), `result ${i}: startLine >= 1`);
      }
    }
  }
  return problems;
}

test('--format github: one annotation per finding, at the file and line, exit 1 as the text report', (t) => {
  const repo = fixtureRepo('plain');
  t.after(() => repo.cleanup());
  const text = runCli(['doctor', repo.dir]);
  const json = JSON.parse(runCli(['doctor', repo.dir, '--json']).stdout) as { findings: Array<{ id: string; level: string; file: string | null; line: number | null }> };
  const r = runCli(['doctor', repo.dir, '--format', 'github']);
  assert.equal(r.code, 1, r.stderr);
  assert.equal(r.code, text.code);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, json.findings.length);
  assert.ok(lines.every((l) => /^::(error|warning|notice) /.test(l)), r.stdout);
  const token = json.findings.find((f) => f.id === 'use-trusted-publishing' && f.line !== null)!;
  assert.ok(lines.some((l) => l.startsWith(`::error file=${token.file},line=${token.line},title=use-trusted-publishing::`)), r.stdout);
  // info findings are notices; nothing else is printed (no colour, no summary).
  assert.equal(lines.filter((l) => l.startsWith('::notice')).length, json.findings.filter((f) => f.level === 'info').length);
});

test('--format github on a repository with nothing to fix: no output, exit 0', (t) => {
  const repo = makePackageRepo({ pkg: { repository: 'github:acme/widget' } });
  t.after(() => repo.cleanup());
  assert.equal(runCli([repo.dir, '--yes', '--no-open']).code, 0);
  const r = runCli(['doctor', repo.dir, '--format', 'github']);
  assert.equal(r.code, 0, r.stdout);
  assert.ok(r.stdout.split('\n').every((l) => l === '' || l.startsWith('::notice')), r.stdout);
});

test('annotations escape what would end the command or a property early', () => {
  const f: Finding = { id: 'x,y', level: 'warning', message: '100% sure:\nline two\r', file: 'a,b:c.yml', line: 3, fix: 'do it' };
  assert.equal(annotation(f), '::warning file=a%2Cb%3Ac.yml,line=3,title=x%2Cy::100%25 sure:%0Aline two%0D%0Afix: do it');
  // Without a file there is no file or line property (the runner would point at nothing).
  assert.equal(annotation({ id: 'no-publish-workflow', level: 'info', message: 'm', line: 4 }), '::notice title=no-publish-workflow::m');
});

test('--format sarif: a SARIF 2.1.0 log with the schema\'s required fields, a rule per id and a location per result', (t) => {
  const repo = fixtureRepo('plain');
  t.after(() => repo.cleanup());
  const json = JSON.parse(runCli(['doctor', repo.dir, '--json']).stdout) as { findings: Array<{ id: string; level: string; file: string | null; line: number | null }> };
  const r = runCli(['doctor', repo.dir, '--format', 'sarif']);
  assert.equal(r.code, 1, r.stderr);
  const log = JSON.parse(r.stdout) as SarifLog;
  assert.deepEqual(sarifProblems(log), []);
  const run = log.runs[0]!;
  assert.equal(run.results.length, json.findings.length);
  assert.deepEqual(run.tool.driver.rules.map((x) => x.id).sort(), [...new Set(json.findings.map((f) => f.id))].sort());
  const token = run.results.find((x) => x.ruleId === 'use-trusted-publishing' && x.locations[0]!.physicalLocation.region);
  assert.equal(token?.level, 'error');
  assert.equal(token?.locations[0]!.physicalLocation.artifactLocation.uri, '.github/workflows/release.yml');
  const levels = new Map(json.findings.map((f) => [f.id, f.level]));
  for (const rule of run.tool.driver.rules) assert.equal(rule.defaultConfiguration.level, { error: 'error', warning: 'warning', info: 'note' }[levels.get(rule.id)!]);
});

test('sarif: a finding about no file is anchored to package.json; paths are URI-encoded', () => {
  const log = doctorSarif({ findings: [{ id: 'no-publish-workflow', level: 'info', message: 'none' }, { id: 'x', level: 'error', message: 'm', file: 'dir with space/#1.yml', line: 2 }] }, '1.0.0');
  assert.deepEqual(sarifProblems(log), []);
  const [a, b] = log.runs[0]!.results;
  assert.deepEqual(a!.locations, [{ physicalLocation: { artifactLocation: { uri: 'package.json' } } }]);
  assert.equal(b!.locations[0]!.physicalLocation.artifactLocation.uri, 'dir%20with%20space/%231.yml');
  // An empty report is still a valid log, with an empty results array.
  assert.deepEqual(sarifProblems(doctorSarif({ findings: [] }, '1.0.0')), []);
});

test('format usage errors: exit 2 with the reason', () => {
  for (const [args, pattern] of [
    [['doctor', '--format', 'xml'], /--format must be one of text, json, github, sarif/],
    [['doctor', '--json', '--format', 'sarif'], /--json and --format sarif cannot be used together/],
    [['doctor', '--markdown', '--format', 'github'], /--markdown and --format github cannot be used together/],
    [['doctor', '.', '..', '--format', 'sarif'], /--format sarif checks one repository/],
  ] as const) {
    const r = runCli([...args]);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, pattern);
  }
});
