// Types of what scripts/from-clone.mjs exports, for its test.
export function needsBuild(dir?: string): boolean;
