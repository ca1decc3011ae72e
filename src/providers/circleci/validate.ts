// Checks for the values of a CircleCI trusted publisher and config.
import { gitlabNamespace, gitlabProject, nodeVersion, ProviderInputError } from '../validate.js';
import { isGithubOwner, isGithubRepoName } from '../../validate/github.js';

const fail = (message: string): never => {
  throw new ProviderInputError(message);
};
const show = (value: string) => JSON.stringify(value);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const CIRCLECI_ID_PLACES = {
  'organization ID': 'CircleCI → Organization Settings → Overview',
  'project ID': 'CircleCI → Project Settings → Overview',
  'pipeline definition ID': 'CircleCI → Project Settings → Project Setup',
  'context ID': 'CircleCI → Organization Settings → Contexts',
} as const;

/** A CircleCI UUID, lower-cased (CircleCI writes its claims in lower case; npm compares exactly). */
export function circleciId(value: string, what: keyof typeof CIRCLECI_ID_PLACES): string {
  const trimmed = value.trim();
  if (!UUID.test(trimmed)) {
    fail(`${what} ${show(value)} is not a UUID (like 8f2b1c3d-0a4e-4b6f-9c7d-1e2f3a4b5c6d): copy it from ${CIRCLECI_ID_PLACES[what]}`);
  }
  return trimmed.toLowerCase();
}


/** `github.com/owner/repo` (also `bitbucket.org/workspace/repo`, `gitlab.com/group/sub/project`). */
export function vcsOrigin(value: string): string {
  const usage = `VCS origin ${show(value)}: write it as github.com/owner/repo (no https://, no .git), as CircleCI shows it`;
  const [host, ...path] = value.split('/');
  const name = path.pop() ?? '';
  if (path.length === 0 || !isGithubRepoName(name) || name.endsWith('.git')) fail(usage);
  if (host === 'github.com' || host === 'bitbucket.org') {
    const owner = path.join('/');
    if (path.length !== 1 || !(host === 'github.com' ? isGithubOwner(owner) : isGithubRepoName(owner))) fail(usage);
  } else if (host === 'gitlab.com') {
    gitlabNamespace(path.join('/'));
    gitlabProject(name);
  } else {
    fail(`${usage}; CircleCI connects to github.com, bitbucket.org and gitlab.com`);
  }
  return value;
}

/**
 * Names of the contexts the publish job uses. CircleCI interpolates `<< ... >>` anywhere in a config
 * (pipeline parameters) and shells expand `$`: a name is kept to plain characters, so neither can come
 * from data. `<<` gets its own message because it is the likely surprise.
 */
export function contextName(name: string): string {
  if (name.includes('<<')) fail(`context name ${show(name)}: "<<" is refused (CircleCI would read it as a parameter)`);
  if (!/^[A-Za-z0-9_.-]+(?: [A-Za-z0-9_.-]+)*$/.test(name) || name.length > 200) {
    fail(`context name ${show(name)}: use letters, digits, "-", "_", "." and single spaces, as the context is named in CircleCI`);
  }
  return name;
}

/**
 * The cimg/node tag. cimg/node has no major-only tags (`cimg/node:24` does not exist): a bare major
 * becomes the newest major.minor known here, which ships npm 11.11.0 or newer.
 */
export const CIMG_NODE_FOR_MAJOR: Readonly<Record<number, string>> = { 24: '24.21' };

export function cimgNodeTag(node: string): string {
  const version = nodeVersion(node);
  if (version.major < 24) {
    fail(`Node.js ${node}: its npm 10 cannot publish from CircleCI, which needs npm 11.11.0 or newer; use Node 24 (cimg/node:24.21)`);
  }
  if (version.parts.length > 1) return version.text;
  return CIMG_NODE_FOR_MAJOR[version.major] ?? fail(`Node.js ${node}: cimg/node has no major-only tag; give major.minor, e.g. ${version.major}.0`);
}
