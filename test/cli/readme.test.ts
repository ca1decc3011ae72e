// The README and --help must tell the truth about the options.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { HELP, OPTION_SPEC } from '../../src/commands/create/args.js';
import { DOCTOR_SCHEMA } from '../../src/doctor/format.js';
import { DOCTOR_HELP } from '../../src/commands/doctor/index.js';
import { DOCS_URL } from '../../src/report/equivalent-command.js';
import { ROOT } from '../helpers/cli.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

test('every option is in --help and in the README', () => {
  for (const name of Object.keys(OPTION_SPEC)) {
    assert.ok(HELP.includes(`--${name}`), `--help lists --${name}`);
    assert.ok(readme.includes(`--${name}`), `README lists --${name}`);
  }
});

test('the README gives the two commands: run it, and test it', () => {
  assert.match(readme, /^npm create trusted-publish$/m);
  assert.match(readme, /^npm install-ci-test$/m);
  const ci = readFileSync(join(ROOT, '.ci/run'), 'utf8');
  assert.match(ci, /npm install-ci-test/, '.ci/run runs the README test command');
});

test('the README links every page in docs/, and every link it has resolves', () => {
  const pages = readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md'));
  assert.ok(pages.length >= 8, 'the long sections live in docs/');
  for (const page of pages) assert.ok(readme.includes(`](docs/${page})`), `README links docs/${page}`);
  for (const [, target] of readme.matchAll(/\]\((docs\/[^)#]+)\)/g)) assert.ok(existsSync(join(ROOT, target!)), `${target} exists`);
  for (const page of pages) {
    const text = readFileSync(join(ROOT, 'docs', page), 'utf8');
    assert.match(text, /\[Back to the README\]\(\.\.\/README\.md\)/, `${page} links back`);
    for (const [, target] of text.matchAll(/\]\((?!https?:|#)([^)#]+)\)/g)) assert.ok(existsSync(join(ROOT, 'docs', target!)), `${page}: ${target} exists`);
  }
  assert.ok(readme.split('\n').length < 260, 'the README stays short: details go to docs/');
});

test('docs say what the tool says: doctor options and JSON, the docs link the tool prints', () => {
  const doctor = readFileSync(join(ROOT, 'docs/doctor.md'), 'utf8');
  for (const flag of DOCTOR_HELP.match(/--[a-z-]+/g) ?? []) if (flag !== '--help') assert.ok(doctor.includes(flag), `docs/doctor.md lists ${flag}`);
  assert.ok(doctor.includes(DOCTOR_SCHEMA), 'docs/doctor.md names the JSON schema');
  assert.doesNotMatch(doctor, /\| note \|/, 'levels as the JSON writes them (info, not note)');
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { repository: { url: string } };
  assert.ok(DOCS_URL.startsWith(pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '')), 'the docs link is the repository');
  for (const command of ['npm create trusted-publish', 'pnpm create trusted-publish', 'yarn create trusted-publish', 'bun create trusted-publish']) {
    assert.match(readme, new RegExp(`^${command}$`, 'm'), `README: ${command}`);
  }
  assert.match(HELP, /^Examples$/m, '--help has examples');
});
