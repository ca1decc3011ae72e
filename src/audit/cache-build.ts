// An actions/cache step that carries build output from another job of the same run into a job
// that publishes: its key names this run or commit (github.sha, run_id), or its paths are a
// build folder the job does not build itself. Removing it would publish packages never built;
// an artifact (actions/upload-artifact, actions/download-artifact) hands the build over instead.
import type { YAMLMap } from 'yaml';
import { mapAt as mapOf, text as textOf } from './workflow-model.js';

/** A key that names this run or commit: only a job of the same run (or of the same commit) writes it. */
const PER_RUN_KEY = /\bgithub\.(?:sha|run_id|run_number|run_attempt)\b/;
/** Folder names a build writes into. */
const BUILD_DIRS = new Set(['dist', 'build', 'out', 'lib', 'esm', 'cjs']);
/** A step that builds: a build script, a compiler or a bundler. */
const BUILDS = /\b(?:build|compile|tsc|tsup|rollup|webpack|vite|esbuild|bundle)\b/i;

/** The build folders among a cache step's relative paths. */
function buildPaths(step: YAMLMap): string[] {
  return (textOf(mapOf(step, 'with'), 'path') ?? '')
    .split('\n')
    .map((line) => line.trim().replace(/^["']|["']$/g, ''))
    .filter((path) => path !== '' && !/^[!~/$]/.test(path))
    .filter((path) => path.split('/').some((segment) => BUILD_DIRS.has(segment)))
    .map((path) => path.replace(/^\.\//, ''));
}

/** Why a cache step of a job (`steps`) carries build output from another job of the run; undefined for a dependency cache. */
export function carriedBuild(step: YAMLMap, steps: readonly YAMLMap[]): string | undefined {
  if (/^actions\/cache\/save@/i.test(textOf(step, 'uses') ?? '')) return undefined;
  const perRun = PER_RUN_KEY.exec(textOf(mapOf(step, 'with'), 'key') ?? '');
  if (perRun) return `its key names ${perRun[0]}`;
  const built = buildPaths(step);
  if (built.length === 0) return undefined;
  const buildsHere = steps.some((s) => s !== step && BUILDS.test(textOf(s, 'run') ?? ''));
  return buildsHere ? undefined : `it restores ${built.join(', ')}, which this job does not build`;
}
