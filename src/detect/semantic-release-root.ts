// semantic-release's npm plugin publishes the folder its `pkgRoot` option names (the repository's
// top otherwise). When the repository holds no package.json there, the build writes it, and the
// name that is published is set by that build, not read here.
import { parse } from 'yaml';
import { posix } from 'node:path';

/** semantic-release's configuration files that hold data (a release.config.js is code, not read). */
const CONFIG_FILES = ['.releaserc', '.releaserc.json', '.releaserc.yaml', '.releaserc.yml'];

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function configOf(readFile: (path: string) => string | undefined): { config: Json; file: string } | undefined {
  for (const file of CONFIG_FILES) {
    const text = readFile(file);
    if (text === undefined) continue;
    try {
      const config: unknown = parse(text);
      return isObject(config) ? { config, file } : undefined;
    } catch {
      return undefined;
    }
  }
  try {
    const release = (JSON.parse(readFile('package.json') ?? '{}') as Json).release;
    return isObject(release) ? { config: release, file: 'package.json "release"' } : undefined;
  } catch {
    return undefined;
  }
}

/** The folder @semantic-release/npm publishes when its `pkgRoot` is set, with the file that sets it. */
export function semanticReleasePkgRoot(readFile: (path: string) => string | undefined): { dir: string; file: string } | undefined {
  const found = configOf(readFile);
  const plugins = found?.config.plugins;
  if (!found || !Array.isArray(plugins)) return undefined;
  for (const plugin of plugins) {
    if (!Array.isArray(plugin) || plugin[0] !== '@semantic-release/npm' || !isObject(plugin[1])) continue;
    const root = plugin[1].pkgRoot;
    if (typeof root !== 'string' || root.trim() === '') return undefined;
    const dir = posix.normalize(root.trim()).replace(/^\.\/?$|^\.\//, '').replace(/\/$/, '');
    return dir === '' || dir.startsWith('..') ? undefined : { dir, file: found.file };
  }
  return undefined;
}

/** The refusal for a semantic-release publish from a folder the repository does not hold; undefined otherwise. */
export function builtPkgRootReason(readFile: (path: string) => string | undefined): string | undefined {
  const root = semanticReleasePkgRoot(readFile);
  if (!root || readFile(`${root.dir}/package.json`) !== undefined) return undefined;
  return (
    `semantic-release publishes ${root.dir}/ (pkgRoot in ${root.file}), a folder this repository does not hold: ` +
    'the build writes its package.json, so the name it publishes is not known here. Pass --packages with that name.'
  );
}
