// Types of what scripts/build.mjs exports, for the tests that build with the published options.
import type { BuildOptions, Metafile } from 'esbuild';

export function bundleOptions(outdir: string): BuildOptions;
export function unexpectedPackages(metafile: Metafile): { packages: Map<string, number>; unexpected: string[] };
