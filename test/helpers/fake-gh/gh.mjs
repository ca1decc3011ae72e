#!/usr/bin/env node
// A stand-in for the GitHub CLI: appends its exact argv (one JSON array a line) to
// $FAKE_GH_LOG and keeps repository secrets in $FAKE_GH_STATE ({ "<repo>[#env]": [names] }).
// Knows `secret delete`, `secret list [--json name]`, `auth status`, `pr create`,
// `repo list ORG --json nameWithOwner`, `api repos/O/R/contents/PATH` and `api repos/O/R/environments`,
// the last three from $FAKE_GH_API ({ orgs: { org: [repo] }, files: { repo: { path: text } },
// environments: { repo: document }, errors: { repo: message } }).
// Anything else exits 1.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
appendFileSync(process.env.FAKE_GH_LOG, JSON.stringify(args) + '\n');
const state = JSON.parse(readFileSync(process.env.FAKE_GH_STATE, 'utf8'));
const world = process.env.FAKE_GH_API && existsSync(process.env.FAKE_GH_API) ? JSON.parse(readFileSync(process.env.FAKE_GH_API, 'utf8')) : { orgs: {}, files: {}, errors: {} };
const flag = (name) => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
const scope = `${flag('--repo')}${flag('--env') ? `#${flag('--env')}` : ''}`;
const secrets = state[scope] ?? [];
const fail = (message) => {
  process.stderr.write(`${message}\n`);
  process.exit(1);
};

if (args[0] === 'secret' && args[1] === 'delete') {
  const name = args[2];
  if (process.env.FAKE_GH_FAIL === 'delete' || !secrets.includes(name)) fail(`failed to delete secret ${name}: HTTP 404`);
  state[scope] = secrets.filter((s) => s !== name);
  writeFileSync(process.env.FAKE_GH_STATE, JSON.stringify(state));
  process.stdout.write(`✓ Deleted secret ${name} from ${flag('--repo')}\n`);
} else if (args[0] === 'secret' && args[1] === 'list') {
  if (flag('--json') === 'name') process.stdout.write(JSON.stringify(secrets.map((name) => ({ name }))) + '\n');
  else process.stdout.write(secrets.map((name) => `${name}\t2026-09-01T00:00:00Z\n`).join(''));
} else if (args[0] === 'auth' && args[1] === 'status') {
  if (process.env.FAKE_GH_FAIL === 'auth') fail('You are not logged into any GitHub hosts. To log in, run: gh auth login');
  process.stdout.write('github.com\n  ✓ Logged in to github.com account test (keyring)\n');
} else if (args[0] === 'pr' && args[1] === 'create') {
  if (process.env.FAKE_GH_FAIL === 'pr') fail('pull request create failed: GraphQL: No commits between main and trusted-publishing (createPullRequest)');
  // The body as gh received it, for the test to read.
  writeFileSync(`${process.env.FAKE_GH_LOG}.body.md`, flag('--body') ?? '');
  process.stdout.write(`https://github.com/${flag('--repo')}/pull/1\n`);
} else if (args[0] === 'repo' && args[1] === 'list') {
  const repos = world.orgs?.[args[2]];
  if (!repos) fail(`GraphQL: Could not resolve to a RepositoryOwner with the login of '${args[2]}'. (repositoryOwner)`);
  process.stdout.write(JSON.stringify(repos.map((nameWithOwner) => ({ nameWithOwner }))) + '\n');
} else if (args[0] === 'api' && /^repos\/[^/]+\/[^/]+\/environments$/.test(args[1] ?? '')) {
  // GET /repos/{owner}/{repo}/environments: the document as GitHub answers it, from $FAKE_GH_API.
  const repo = args[1].split('/').slice(1, 3).join('/');
  if (process.env.FAKE_GH_FAIL === 'auth') fail('To get started with GitHub CLI, please run:  gh auth login');
  process.stdout.write(JSON.stringify(world.environments?.[repo] ?? { total_count: 0, environments: [] }) + '\n');
} else if (args[0] === 'api') {
  const m = /^repos\/([^/]+\/[^/]+)\/contents\/(.+)$/.exec(args[1] ?? '');
  if (!m) fail(`fake gh: unknown api path ${args[1]}`);
  const [, repo, path] = m;
  if (world.errors?.[repo]) fail(world.errors[repo]);
  const files = world.files?.[repo] ?? {};
  if (files[path] !== undefined) {
    const content = Buffer.from(files[path], 'utf8').toString('base64');
    process.stdout.write(JSON.stringify({ type: 'file', name: path.split('/').pop(), path, encoding: 'base64', content }) + '\n');
  } else {
    const entries = Object.keys(files).filter((p) => p.startsWith(`${path}/`) && !p.slice(path.length + 1).includes('/'));
    if (entries.length === 0) fail('gh: Not Found (HTTP 404)');
    process.stdout.write(JSON.stringify(entries.map((p) => ({ type: 'file', name: p.split('/').pop(), path: p }))) + '\n');
  }
} else {
  fail(`fake gh: unknown command ${args.join(' ')}`);
}
