// Types for scripts/eager-functions.mjs (imported by test/cli/eager-functions.test.ts).
export function eagerFunctions(text: string, fileName?: string): string;
export function eagerStartupChunks(root: string, metafile: unknown, entry: string): Promise<string[]>;
