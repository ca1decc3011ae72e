// CI files of services npm's trusted publishing does not accept (Woodpecker, Drone, Jenkins, Azure
// Pipelines, Travis CI, Bitbucket Pipelines) that publish to npm with a token. Read by path and a
// line pattern, not parsed: doctor names the file and why the token has to stay there, and
// --migrate refuses instead of writing a workflow for a service that cannot use it.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../core/model.js';
import { commandPublishes } from '../audit/publish-rule.js';
import { unsupportedProviderReason } from '../providers/unsupported.js';
import { readText } from './read.js';

export const UNSUPPORTED_CI_ID = 'unsupported-ci';

/** The files each service reads, and the name unsupportedProviderReason knows it by. */
const FILES: ReadonlyArray<{ path: RegExp; provider: string; name: string }> = [
  { path: /^\.woodpecker(?:\.ya?ml|\/[^/]+\.ya?ml)$/, provider: 'woodpecker', name: 'Woodpecker CI' },
  { path: /^\.drone\.ya?ml$/, provider: 'drone', name: 'Drone CI' },
  { path: /^Jenkinsfile$/, provider: 'jenkins', name: 'Jenkins' },
  { path: /^azure-pipelines\.ya?ml$/, provider: 'azure-devops', name: 'Azure Pipelines' },
  { path: /^\.travis\.ya?ml$/, provider: 'travis', name: 'Travis CI' },
  { path: /^bitbucket-pipelines\.ya?ml$/, provider: 'bitbucket', name: 'Bitbucket Pipelines' },
];

/** The npm plugin of Woodpecker and Drone (`image: plugins/npm`), and Travis CI's npm deploy (`provider: npm`): each publishes with a token. */
const NPM_PLUGIN = /^(?:-\s+)?(?:image:\s*['"]?(?:docker\.io\/)?(?:woodpeckerci\/)?plugins\/npm\b|provider:\s*['"]?npm['"]?\s*$)/;
/** An npm token: its usual names, an `_authToken` line, a `from_secret:` with npm in its name, a plugin's `token:` setting or Travis's `api_token`/`api_key`. */
const TOKEN = /\b(?:[A-Z0-9]+_)*NPM(?:_[A-Z0-9]+)*_(?:TOKEN|AUTH_TOKEN|API_KEY)\b|\bNODE_AUTH_TOKEN\b|_authToken|from_secret:\s*['"]?[\w-]*npm[\w-]*|^(?:-\s+)?(?:token|api_token|api_key):/i;

/** The CI files at the top of the repository `top` that may belong to such a service. */
function candidates(top: string): string[] {
  const names = (dir: string) => {
    try {
      return readdirSync(join(top, dir), { withFileTypes: true }).filter((e) => e.isFile()).map((e) => (dir ? `${dir}/${e.name}` : e.name));
    } catch {
      return [];
    }
  };
  return [...names(''), ...names('.woodpecker')].filter((path) => FILES.some((f) => f.path.test(path))).sort();
}

/** A line of the file without its list dash, `script:`/`commands:` key, or Groovy `sh '...'` wrapper. */
const command = (line: string) => line.trim().replace(/^-\s+/, '').replace(/^(?:script|commands?|run):\s*/, '').replace(/^sh\s*\(?\s*(['"]{1,3})(.*?)\1?\s*\)?$/, '$2');

/** The first line that publishes to npm in a CI file, when the file also hands npm a token. */
export function unsupportedPublishLine(content: string): number | undefined {
  const lines = content.split(/\r?\n/).map((line) => (/^\s*(?:#|\/\/)/.test(line) ? '' : line));
  const at = lines.findIndex((line) => NPM_PLUGIN.test(line.trim()) || commandPublishes(command(line)));
  if (at < 0 || !lines.some((line) => TOKEN.test(line.trim()))) return undefined;
  return at + 1;
}

/** A warning for each CI file of an unsupported service that publishes to npm with a token. */
export function unsupportedCiFindings(top: string): Finding[] {
  return candidates(top).flatMap((path) => {
    const content = readText(join(top, ...path.split('/')));
    const line = content === undefined ? undefined : unsupportedPublishLine(content);
    if (line === undefined) return [];
    const service = FILES.find((f) => f.path.test(path))!;
    return [{
      id: UNSUPPORTED_CI_ID,
      level: 'warning' as const,
      message: `Publishes to npm with a token from ${service.name}, where npm's trusted publishing is not available.`,
      file: path,
      line,
      fix: unsupportedProviderReason(service.provider)!,
    }];
  });
}
